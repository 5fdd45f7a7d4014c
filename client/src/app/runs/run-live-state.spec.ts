import { eventStub, runStub } from '../../testing/runs.stub';
import { applyRunEvent, applyRunEvents } from './run-live-state';

describe('applyRunEvents', () => {
  it('should move steps and the run along as events arrive', () => {
    const events = [
      eventStub('run.started', {}, { seq: 2, system: true }),
      eventStub('step.started', { stepId: 'note', attempt: 1 }, { seq: 3, system: true }),
      eventStub('step.succeeded', { stepId: 'note', attempt: 1, output: { logged: true } }, { seq: 4, system: true }),
      eventStub('run.waiting', { stepId: 'approve', decisionId: 'decision-1' }, { seq: 5, system: true }),
    ];
    const run = applyRunEvents(runStub({ state: 'queued', lastSeq: 1 }), events);

    expect(run.state).toBe('waiting');
    expect(run.steps.map((step) => step.state)).toEqual(['succeeded', 'waiting', 'pending']);
    expect(run.steps[1]?.decisionId).toBe('decision-1');
    expect(run.steps[0]?.output).toEqual({ logged: true });
    expect(run.progress).toEqual({ done: 1, total: 3 });
    expect(run.lastSeq).toBe(5);
  });

  it('should skip events the snapshot already includes', () => {
    const snapshot = runStub({ state: 'succeeded', lastSeq: 9 });
    expect(applyRunEvents(snapshot, [eventStub('run.started', {}, { seq: 2, system: true })])).toBe(snapshot);
  });

  it('should keep a failed step queued while a retry is coming, and failed after the last attempt', () => {
    const retrying = applyRunEvent(
      runStub(),
      eventStub('step.failed', { stepId: 'note', attempt: 1, error: 'Down', willRetry: true }, { seq: 3 }),
    );
    expect(retrying.steps[0]).toMatchObject({ state: 'queued', error: 'Down' });
    const failed = applyRunEvent(
      retrying,
      eventStub('step.failed', { stepId: 'note', attempt: 2, error: 'Still down', willRetry: false }, { seq: 4 }),
    );
    expect(failed.steps[0]).toMatchObject({ state: 'failed', error: 'Still down' });
  });

  it('should mark the approval step waiting with its decision, and finish the run with its outputs', () => {
    const waiting = applyRunEvent(
      runStub(),
      eventStub('decision.requested', { id: 'decision-7', stepId: 'approve', title: 'Approve the change' }, { seq: 6 }),
    );
    expect(waiting.steps[1]).toMatchObject({ state: 'waiting', decisionId: 'decision-7' });

    const done = applyRunEvent(
      waiting,
      eventStub('run.succeeded', { outputs: { summary: 'Done' } }, { seq: 7, ts: '2026-11-23T10:09:00.000Z' }),
    );
    expect(done).toMatchObject({
      state: 'succeeded',
      outputs: { summary: 'Done' },
      finishedAt: '2026-11-23T10:09:00.000Z',
    });
  });

  it('should note the seq of events it has no use for', () => {
    const run = applyRunEvent(
      runStub({ lastSeq: 3 }),
      eventStub('step.log', { stepId: 'note', message: 'hi' }, { seq: 4 }),
    );
    expect(run.lastSeq).toBe(4);
  });
});
