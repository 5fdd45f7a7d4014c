import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { DecisionView, RunDetail } from '@trustops/contracts';
import { FakeLiveEvents } from '../../testing/live-events.fake';
import { sessionStub } from '../../testing/platform-status.stub';
import { decisionStub, eventStub, runStub } from '../../testing/runs.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { decideUrl, decisionUrl } from '../approvals/approvals-api';
import { LiveEventsService } from '../core/live/live-events.service';
import { runbookVersionUrl } from '../runbooks/runbooks-api';
import { RunDetailPageComponent } from './run-detail-page.component';
import { runEventsUrl, runUrl } from './runs-api';

const RUN = { kind: 'run', id: 'run-1' } as const;

/** The approval demo waiting at its gate: the first step done, the approval waiting (seq 1–5). */
function waitingRun(): RunDetail {
  const run = runStub({ state: 'waiting', lastSeq: 5, progress: { done: 1, total: 3 } });
  return {
    ...run,
    steps: run.steps.map((step, index) =>
      index === 0
        ? { ...step, state: 'succeeded', attempt: 1, output: { message: 'Change requested: Routine change' } }
        : index === 1
          ? { ...step, state: 'waiting', attempt: 1, decisionId: 'decision-1' }
          : step,
    ),
  };
}

const EARLIER_EVENTS = [
  eventStub('run.queued', { runbookId: 'approval-demo', version: 1, title: 'Approval demo' }, { seq: 1 }),
  eventStub('run.started', {}, { seq: 2, system: true }),
  eventStub('step.started', { stepId: 'note', attempt: 1 }, { seq: 3, system: true }),
  eventStub('step.succeeded', { stepId: 'note', attempt: 1 }, { seq: 4, system: true }),
  eventStub(
    'decision.requested',
    decisionStub({ allowedRoles: ['supervisor'] }) as unknown as Record<string, unknown>,
    { seq: 5, system: true },
  ),
];

describe(RunDetailPageComponent.name, () => {
  let fixture: ComponentFixture<RunDetailPageComponent>;
  let httpTesting: HttpTestingController;
  let live: FakeLiveEvents;

  async function render(
    roles: string[],
    run: RunDetail = waitingRun(),
    decision: DecisionView = decisionStub({ allowedRoles: ['supervisor'] }),
  ): Promise<void> {
    live = new FakeLiveEvents();
    TestBed.configureTestingModule({
      providers: [...provideTestEnvironment(), { provide: LiveEventsService, useValue: live }],
    });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles, userId: 'user-op', displayName: 'Grace Okafor' }));
    fixture = TestBed.createComponent(RunDetailPageComponent);
    fixture.componentRef.setInput('runId', 'run-1');
    await settle();
    httpTesting.expectOne(runUrl('run-1')).flush(run);
    const events = httpTesting.expectOne((request) => request.url === runEventsUrl('run-1'));
    expect(events.request.params.get('afterSeq')).toBe('0');
    events.flush(EARLIER_EVENTS);
    await settle();
    httpTesting
      .expectOne(runbookVersionUrl('approval-demo', 1))
      .flush({ message: 'Gone' }, { status: 404, statusText: 'Not Found' });
    const waitingFor = run.steps.find((step) => step.state === 'waiting')?.decisionId;
    if (waitingFor) {
      httpTesting.expectOne(decisionUrl(waitingFor)).flush(decision);
    }
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const text = (selector: string): string =>
    page().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const timeline = (): string[] =>
    [...page().querySelectorAll('.timeline li .text')].map((item) => item.textContent?.trim() ?? '');
  const button = (label: string): HTMLButtonElement | undefined =>
    [...page().querySelectorAll<HTMLButtonElement>('button')].find((candidate) =>
      candidate.textContent?.includes(label),
    );
  const expectRefresh = (): TestRequest => httpTesting.expectOne(runUrl('run-1'));

  it('should show the run, its steps and what happened, then follow it live from the last seq', async () => {
    await render(['operator']);

    expect(text('h1')).toBe('Approval demo');
    expect(text('[data-testid="run-state"]')).toBe('Waiting for a person');
    expect(text('.progress-text')).toBe('1 of 3 steps done');
    expect(text('.callout.waiting')).toContain("Waiting for a person: 'Approve the change'.");
    expect(timeline()).toEqual([
      "Grace Okafor started 'Approval demo' (version 1)",
      'The run began',
      "Step 'Note the reason' started",
      "Step 'Note the reason' finished",
      "Waiting for a supervisor to approve 'Approve the change'",
    ]);
    expect(live.watches).toEqual([{ stream: RUN, afterSeq: 5, closed: false }]);
    // The step waiting on a person is the one whose details show first.
    expect(text('.step-details h2')).toBe('Step: Approve the change');
    expect(text('section[aria-labelledby="inputs-heading"] dt')).toBe('Reason');
    expect(text('section[aria-labelledby="inputs-heading"] dd')).toBe('Routine change');
  });

  it('should move to succeeded when the approval and the last step arrive, without loading the page again', async () => {
    await render(['operator']);
    const approved = decisionStub({
      state: 'approved',
      votes: [
        {
          by: { userId: 'user-sup', displayName: 'Siobhan Murphy' },
          verdict: 'approve',
          comment: 'Fine',
          at: '2026-11-23T10:05:00Z',
        },
      ],
    });

    live.push(
      RUN,
      eventStub('decision.resolved', approved as unknown as Record<string, unknown>, {
        seq: 6,
        actor: 'Siobhan Murphy',
      }),
    );
    live.push(RUN, eventStub('step.succeeded', { stepId: 'approve', attempt: 1 }, { seq: 7, system: true }));
    live.push(RUN, eventStub('step.started', { stepId: 'carry-out', attempt: 1 }, { seq: 8, system: true }));
    live.push(RUN, eventStub('step.succeeded', { stepId: 'carry-out', attempt: 1 }, { seq: 9, system: true }));
    live.push(
      RUN,
      eventStub('run.succeeded', { outputs: { result: 'Change carried out' } }, { seq: 10, system: true }),
    );
    // A replay after a reconnect changes nothing.
    live.push(RUN, eventStub('step.succeeded', { stepId: 'carry-out', attempt: 1 }, { seq: 9, system: true }));
    await settle();

    expect(text('[data-testid="run-state"]')).toBe('Succeeded');
    expect(text('.progress-text')).toBe('3 of 3 steps done');
    expect(timeline().slice(5)).toEqual([
      "Siobhan Murphy approved 'Approve the change'",
      "Step 'Approve the change' finished",
      "Step 'Change carried out' started",
      "Step 'Change carried out' finished",
      'The run finished successfully',
    ]);
    expect([...page().querySelectorAll('g.node')].map((node) => node.getAttribute('data-state'))).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(page().textContent).toContain('Change carried out');

    // The finished run is read again for what events do not carry.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expectRefresh().flush({
      ...waitingRun(),
      steps: waitingRun().steps.map((step) => ({ ...step, state: 'succeeded' as const })),
      state: 'succeeded',
      lastSeq: 10,
      outputs: { result: 'Change carried out' },
    });
    await settle();
    expect(button('Run again')).toBeDefined();
    expect(button('Cancel run')).toBeUndefined();
  });

  it('should offer to cancel a running run to an operator, and stop following it when the page closes', async () => {
    await render(['operator']);
    expect(button('Cancel run')).toBeDefined();
    fixture.destroy();
    expect(live.watches[0]?.closed).toBe(true);
  });

  it("should show a written output (an agent's answer) as the Markdown it is, and a short one as text", async () => {
    await render(['operator'], {
      ...waitingRun(),
      state: 'succeeded',
      outputs: { report: '## Findings\n\n- The ADT feed is **healthy**', result: 'Change carried out' },
    });
    await settle();
    const written = page().querySelector('dd.written to-markdown-view');
    expect(written?.querySelector('h2')?.textContent).toBe('Findings');
    expect(written?.querySelector('li strong')?.textContent).toBe('healthy');
    expect(page().textContent).not.toContain('## Findings');
    expect(page().textContent).toContain('Change carried out');
  });

  it('should not offer a supervisor to cancel a run', async () => {
    await render(['supervisor']);
    expect(button('Cancel run')).toBeUndefined();
  });

  it('should let the person answer the question their run is waiting for on the run page', async () => {
    const question = decisionStub({
      kind: 'input',
      title: 'Enter the security code',
      form: [{ name: 'code', label: 'Security code', type: 'string', required: true }],
    });
    await render(['operator'], waitingRun(), question);

    const card = page().querySelector('.decide-here to-decision-card');
    expect(card?.querySelector('h2')?.textContent?.trim()).toBe('Enter the security code');
    const input = card?.querySelector<HTMLInputElement>('input[data-input="code"]');
    if (!input) throw new Error('no code field');
    input.value = '123456';
    input.dispatchEvent(new Event('input'));
    [...(card?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
      .find((candidate) => candidate.textContent?.includes('Send answer'))
      ?.click();
    await settle();

    const answer = httpTesting.expectOne(decideUrl('decision-1'));
    expect(answer.request.body).toEqual({ verdict: 'approve', response: { code: '123456' } });
    answer.flush({ ...question, state: 'approved' });
    await settle();
    httpTesting.expectOne(decisionUrl('decision-1')).flush({ ...question, state: 'approved' });
    await settle();

    expect(page().querySelector('.decide-here')).toBeNull();
    expect(text('.callout.success')).toBe("You answered 'Enter the security code'.");
  });

  it('should not offer the operator who started it an approval they cannot give', async () => {
    await render(['operator']);
    expect(page().querySelector('.decide-here')).toBeNull();
  });

  it('should keep the raw events one switch away', async () => {
    await render(['operator']);
    expect(page().querySelector('pre.raw')).toBeNull();

    page().querySelector<HTMLButtonElement>('mat-slide-toggle button')?.click();
    await fixture.whenStable();

    expect(text('pre.raw')).toContain('"type": "decision.requested"');
  });

  it('should offer to retry a failed step, and ask first', async () => {
    const failedRun = runStub({ state: 'failed', lastSeq: 5, error: 'Step failed' });
    failedRun.steps[0] = {
      ...failedRun.steps[0],
      state: 'failed',
      attempt: 3,
      maxAttempts: 3,
      error: 'The feed did not answer',
    };
    await render(['operator'], failedRun);

    expect(text('.step-details h2')).toBe('Step: Note the reason');
    expect(text('.step-details .form-error')).toBe('The feed did not answer');
    button('Retry step')?.click();
    await fixture.whenStable();

    expect(document.querySelector('mat-dialog-container h2')?.textContent).toBe("Retry 'Note the reason'?");
  });
});
