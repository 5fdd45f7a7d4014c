import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { RunbookSummary } from '@trustops/contracts';
import { incidentStub } from '../../testing/incidents.stub';
import { FakeLiveEvents } from '../../testing/live-events.fake';
import { NORTHBRIDGE, sessionStub } from '../../testing/platform-status.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { eventStub } from '../../testing/runs.stub';
import { provideTestEnvironment } from '../../testing/test-providers';
import { LiveEventsService } from '../core/live/live-events.service';
import { RUNBOOKS_URL } from '../runbooks/runbooks-api';
import { INCIDENTS_URL, incidentUrl } from './incidents-api';
import { IncidentsPageComponent } from './incidents-page.component';

function runbook(id: string, title: string, tags: string[]): RunbookSummary {
  return {
    id,
    title,
    description: `${title}.`,
    tags,
    source: 'builtin',
    version: 1,
    updatedAt: '2026-12-02T09:00:00.000Z',
  };
}

describe(IncidentsPageComponent.name, () => {
  let fixture: ComponentFixture<IncidentsPageComponent>;
  let httpTesting: HttpTestingController;
  let live: FakeLiveEvents;

  beforeEach(async () => {
    live = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [...provideTestEnvironment(), { provide: LiveEventsService, useValue: live }],
    });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles: ['operator'] }));
    fixture = TestBed.createComponent(IncidentsPageComponent);
    await settle();
    const active = incidentStub();
    const resolved = incidentStub({ id: 'incident-0', title: 'PAS logins failing', status: 'resolved' });
    httpTesting.expectOne(INCIDENTS_URL).flush({ items: [active, resolved] });
    httpTesting
      .expectOne(RUNBOOKS_URL)
      .flush([
        runbook('rollback-deploy', 'Roll back a deployment', ['incident']),
        runbook('approval-demo', 'Approval demo', ['demo']),
      ]);
    await settle();
    httpTesting.expectOne(incidentUrl('incident-1')).flush(active);
    await settle();
    await fixture.whenStable();
  });

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const items = (list: string): string[] =>
    [...page().querySelectorAll(`ul[aria-label="${list}"] > li`)].map(
      (item) => item.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    );

  it('should list active incidents with severity and status in words, apart from earlier ones', () => {
    expect(items('Active incidents')).toHaveLength(1);
    expect(items('Active incidents')[0]).toContain('Severity: Critical');
    expect(items('Active incidents')[0]).toContain('Waiting for approval');
    expect(items('Active incidents')[0]).toContain('Likely cause: Partial rollout of checkout-service v3.1.0');
    expect(items('Earlier incidents')).toEqual([expect.stringContaining('PAS logins failing')]);
  });

  it("should chart the active incident's key measurements", () => {
    const charts = page().querySelectorAll('to-metric-chart');
    expect(charts).toHaveLength(1);
    expect(charts[0]?.querySelector('path.line')?.getAttribute('d')).toMatch(/^M6 /);
  });

  it('should list only the runbooks labelled incident, each linking to its page in the library', () => {
    expect(items('Incident runbooks')).toHaveLength(1);
    const link = page().querySelector('ul[aria-label="Incident runbooks"] a');
    expect(link?.textContent?.trim()).toBe('Roll back a deployment');
    expect(link?.getAttribute('href')).toBe('/runbooks/rollback-deploy');
  });

  const INCIDENTS = { kind: 'incidents', id: NORTHBRIDGE.id } as const;

  it("should follow the organisation's incidents stream, not each incident's", () => {
    expect(live.watches).toEqual([{ stream: INCIDENTS, afterSeq: undefined, closed: false }]);
  });

  it('should show an incident someone else reports, and its changes, without reading the list again', async () => {
    const reported = incidentStub({
      id: 'incident-2',
      title: 'Nobody can log in to the EPR',
      status: 'reported',
      severity: 'sev3',
      rootCause: null,
      confidence: null,
      reportedBy: { userId: 'user-other', displayName: 'Siobhan Murphy' },
      createdAt: '2026-12-02T10:05:00.000Z',
      updatedAt: '2026-12-02T10:05:00.000Z',
    });
    live.push(INCIDENTS, eventStub('incident.reported', { ...reported }));
    await settle();
    // The charts read the two newest active incidents again.
    httpTesting.expectOne(incidentUrl('incident-2')).flush(reported);
    httpTesting.expectOne(incidentUrl('incident-1')).flush(incidentStub());
    await settle();
    await fixture.whenStable();

    expect(items('Active incidents')).toHaveLength(2);
    expect(items('Active incidents')[0]).toContain('Nobody can log in to the EPR');
    expect(items('Active incidents')[0]).toContain('reported by Siobhan Murphy');
    expect(page().querySelector('p.visually-hidden[aria-live="polite"]')?.textContent).toContain(
      'New incident reported by Siobhan Murphy: Nobody can log in to the EPR',
    );

    const resolved = { ...reported, status: 'resolved', updatedAt: '2026-12-02T10:09:00.000Z' };
    live.push(INCIDENTS, eventStub('incident.updated', resolved));
    // An older copy arriving late does not bring it back.
    live.push(INCIDENTS, eventStub('incident.updated', { ...reported, status: 'gathering' }));
    await settle();
    httpTesting.expectOne(incidentUrl('incident-1')).flush(incidentStub());
    await settle();
    await fixture.whenStable();

    expect(items('Active incidents')).toHaveLength(1);
    expect(items('Earlier incidents')[0]).toContain('Nobody can log in to the EPR');
  });
});
