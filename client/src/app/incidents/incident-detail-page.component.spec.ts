import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { DecisionView, IncidentDetail } from '@trustops/contracts';
import { incidentActionStub, incidentStub } from '../../testing/incidents.stub';
import { FakeLiveEvents } from '../../testing/live-events.fake';
import { sessionStub } from '../../testing/platform-status.stub';
import { decisionStub, eventStub } from '../../testing/runs.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { decideUrl, decisionUrl } from '../approvals/approvals-api';
import { LiveEventsService } from '../core/live/live-events.service';
import { IncidentDetailPageComponent } from './incident-detail-page.component';
import { incidentSummaryUrl, incidentUrl } from './incidents-api';

const STREAM = { kind: 'incident', id: 'incident-1' } as const;
const DECISION = decisionStub({ title: 'Approve rolling back checkout-service?', allowedRoles: ['supervisor'] });

describe(IncidentDetailPageComponent.name, () => {
  let fixture: ComponentFixture<IncidentDetailPageComponent>;
  let httpTesting: HttpTestingController;
  let live: FakeLiveEvents;

  async function render(roles: string[], userId: string, decision: DecisionView = DECISION): Promise<void> {
    live = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [...provideTestEnvironment(), { provide: LiveEventsService, useValue: live }],
    });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles, userId }));
    fixture = TestBed.createComponent(IncidentDetailPageComponent);
    fixture.componentRef.setInput('incidentId', 'incident-1');
    await settle();
    httpTesting.expectOne(incidentUrl('incident-1')).flush(incidentStub({ pendingDecisionId: 'decision-1' }));
    await settle();
    httpTesting.expectOne(decisionUrl('decision-1')).flush(decision);
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const text = (selector: string): string =>
    page().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const all = (selector: string): string[] =>
    [...page().querySelectorAll(selector)].map((element) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  const button = (label: string): HTMLButtonElement | undefined =>
    [...page().querySelectorAll<HTMLButtonElement>('button')].find((candidate) =>
      candidate.textContent?.includes(label),
    );

  it('should show severity in words, the likely cause with its confidence, and the actions best first', async () => {
    await render(['operator'], 'user-op');

    expect(text('h1')).toBe('Checkout is failing after the deploy');
    expect(text('[data-testid="incident-severity"]')).toBe('Severity: Critical');
    expect(text('[data-testid="incident-status"]')).toBe('Waiting for approval');
    expect(text('[data-testid="finding"] h3')).toBe('Partial rollout of checkout-service v3.1.0');
    expect(page().querySelector('[role="meter"]')?.getAttribute('aria-valuenow')).toBe('87');
    expect(text('[data-testid="finding"] .confidence strong')).toBe('87% confidence: very likely');
    expect(all('[data-testid="action"] h3')).toEqual([
      'Roll back checkout-service to v3.0.4',
      'Page the payments team',
    ]);
    expect(text('[data-testid="action"] .tags')).toBe('Medium risk Waiting for approval');
    expect(live.watches).toEqual([{ stream: STREAM, afterSeq: 12, closed: false }]);
    // Key measurements drawn as a chart, with the same in words.
    expect(page().querySelector('to-metric-chart svg')?.getAttribute('aria-label')).toContain(
      'Failed requests on service checkout-service rose from 0.4% to 48%',
    );
  });

  it('should tell the operator who reported it why they cannot approve, with no Approve button', async () => {
    await render(['operator'], 'user-op');

    expect(text('to-decision-card')).toContain(
      'You can see this request, but approving or rejecting needs a role such as Supervisor.',
    );
    expect(button('Approve')).toBeUndefined();
  });

  it('should let a supervisor approve the action inline, through the inbox decision API', async () => {
    await render(['supervisor'], 'user-sup');

    button('Approve')?.click();
    await settle();
    const decide = httpTesting.expectOne(decideUrl('decision-1'));
    expect(decide.request.body).toEqual({ verdict: 'approve' });
    decide.flush({ ...DECISION, state: 'approved' });
    await settle();
    httpTesting.expectOne(decisionUrl('decision-1')).flush({ ...DECISION, state: 'approved' });
    await settle();
    await fixture.whenStable();

    expect(text('.notice-ok')).toBe("You approved 'Approve rolling back checkout-service?'.");
  });

  it('should read the incident again when its events arrive, and show verification passing and the summary', async () => {
    await render(['operator'], 'user-op');
    const resolved: IncidentDetail = incidentStub({
      status: 'resolved',
      summary: '# Post-incident summary\n\nCheckout recovered after the rollback.',
      actions: [incidentActionStub({ status: 'verified', approvedBy: ['Siobhan Murphy'] })],
      timeline: [
        ...incidentStub().timeline,
        {
          id: 'entry-2',
          at: '2026-12-02T10:05:00.000Z',
          type: 'incident.verification',
          message: 'Verification passed: failed checkouts fall below 1%.',
          actor: { userId: null, displayName: 'TrustOps' },
        },
      ],
    });

    live.push(STREAM, eventStub('incident.verification', { passed: true }, { seq: 13, system: true }));
    live.push(STREAM, eventStub('incident.summarised', { summary: '' }, { seq: 14, system: true }));
    await new Promise((resolve) => setTimeout(resolve, 250));
    httpTesting.expectOne(incidentUrl('incident-1')).flush(resolved);
    await settle();
    await fixture.whenStable();

    expect(text('[data-testid="incident-status"]')).toBe('Resolved');
    expect(text('[data-testid="verification"] .verdict')).toBe('Verification passed: the fix worked');
    expect(text('.summary h1')).toBe('Post-incident summary');
    const download = page().querySelector<HTMLAnchorElement>('a[download]');
    expect(download?.getAttribute('href')).toBe(incidentSummaryUrl('incident-1'));
    expect(download?.textContent).toContain('Download summary');
  });

  it("should add the person's note to the evidence and say how it will be used", async () => {
    await render(['operator'], 'user-op');
    const box = page().querySelector<HTMLTextAreaElement>('.note textarea');
    if (!box) throw new Error('no note box');
    box.value = 'The payments team rotated a key at 09:40.';
    box.dispatchEvent(new Event('input'));
    button('Add to the evidence')?.click();
    await settle();

    const request = httpTesting.expectOne(`${incidentUrl('incident-1')}/evidence`);
    expect(request.request.body).toEqual({ note: 'The payments team rotated a key at 09:40.' });
    request.flush(incidentStub({ pendingDecisionId: 'decision-1' }));
    await settle();
    await fixture.whenStable();

    expect(text('.notice-ok')).toBe(
      'Your note is part of the evidence. Choose “Diagnose again” to have it taken into account.',
    );
  });
});
