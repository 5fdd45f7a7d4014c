import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { RunbookSummary } from '@trustops/contracts';
import { incidentStub } from '../../testing/incidents.stub';
import { FakeLiveEvents } from '../../testing/live-events.fake';
import { sessionStub } from '../../testing/platform-status.stub';
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

  it('should follow the active incidents live and read the list again when one moves on', async () => {
    expect(live.watches).toEqual([
      { stream: { kind: 'incident', id: 'incident-1' }, afterSeq: undefined, closed: false },
    ]);

    live.push(
      { kind: 'incident', id: 'incident-1' },
      eventStub('incident.status-changed', { from: 'awaiting_approval', to: 'resolved' }),
    );
    await new Promise((resolve) => setTimeout(resolve, 350));
    httpTesting.expectOne(INCIDENTS_URL).flush({ items: [incidentStub({ status: 'resolved' })] });
    await settle();
    await fixture.whenStable();

    expect(items('Active incidents')).toEqual([]);
    expect(live.watches[0]?.closed).toBe(true);
  });
});
