import type { DecisionView, EventEnvelope } from '@trustops/contracts';
import { decisionStub, eventStub } from '../../testing/runs.stub';
import {
  describeDuration,
  describeRunEvent,
  describeRunState,
  describeStepState,
  describeValue,
  humaniseName,
  showsOnTimeline,
} from './run-text';

const STEPS = { 'check-feed': 'Check the feed', approve: 'Approve the change' };

function sentence(event: EventEnvelope): string {
  return describeRunEvent(event, STEPS).text;
}

describe('describeRunEvent', () => {
  it('should say who started the run, and which runbook', () => {
    const event = eventStub('run.queued', { runbookId: 'approval-demo', version: 2, title: 'Approval demo' });
    expect(sentence(event)).toBe("Grace Okafor started 'Approval demo' (version 2)");
  });

  it('should name steps by their titles', () => {
    expect(sentence(eventStub('step.started', { stepId: 'check-feed', attempt: 1 }, { system: true }))).toBe(
      "Step 'Check the feed' started",
    );
    expect(sentence(eventStub('step.started', { stepId: 'check-feed', attempt: 2 }, { system: true }))).toBe(
      "Step 'Check the feed' started (attempt 2)",
    );
    expect(sentence(eventStub('step.succeeded', { stepId: 'unknown-id' }, { system: true }))).toBe(
      "Step 'unknown-id' finished",
    );
  });

  it('should say when a failed step will be tried again', () => {
    const retrying = eventStub(
      'step.failed',
      {
        stepId: 'check-feed',
        attempt: 1,
        error: 'The feed did not answer',
        willRetry: true,
        nextAttemptAt: '2026-11-23T10:00:10.000Z',
      },
      { system: true, ts: '2026-11-23T10:00:00.000Z' },
    );
    expect(sentence(retrying)).toBe("Step 'Check the feed' failed: The feed did not answer — will retry in 10 s");

    const final = eventStub('step.failed', { stepId: 'check-feed', attempt: 3, error: 'Timed out', willRetry: false });
    expect(sentence(final)).toBe("Step 'Check the feed' failed: Timed out — no more attempts");
    expect(describeRunEvent(final, STEPS).tone).toBe('failure');
  });

  it('should name the person who approved', () => {
    const decision: DecisionView = decisionStub({
      state: 'approved',
      title: 'Approve the change',
      votes: [
        {
          by: { userId: 'user-sup', displayName: 'Sarah Supervisor' },
          verdict: 'approve',
          comment: 'Looks safe',
          at: '2026-11-23T10:05:00.000Z',
        },
      ],
    });
    const event = eventStub('decision.resolved', decision as unknown as Record<string, unknown>, {
      actor: 'Sarah Supervisor',
    });
    const entry = describeRunEvent(event, STEPS);
    expect(entry.text).toBe("Sarah Supervisor approved 'Approve the change'");
    expect(entry.detail).toBe('Looks safe');
    expect(entry.icon).toBe('check');
  });

  it('should say who a decision is waiting for', () => {
    const requested = eventStub(
      'decision.requested',
      decisionStub({ title: 'Approve the change', allowedRoles: ['supervisor'] }) as unknown as Record<string, unknown>,
      { system: true },
    );
    expect(sentence(requested)).toBe("Waiting for a supervisor to approve 'Approve the change'");

    const twoPeople = eventStub(
      'decision.requested',
      decisionStub({ title: 'Restart the server', policy: 'require_two' }) as unknown as Record<string, unknown>,
      { system: true },
    );
    expect(sentence(twoPeople)).toBe("Waiting for two different people to approve 'Restart the server'");
  });

  it('should count approvals as they arrive on a two-person decision', () => {
    const decision = decisionStub({
      policy: 'require_two',
      title: 'Restart the server',
      votes: [
        {
          by: { userId: 'a', displayName: 'Siobhan Murphy' },
          verdict: 'approve',
          comment: null,
          at: '2026-11-23T10:05:00Z',
        },
      ],
    });
    const event = eventStub('decision.updated', decision as unknown as Record<string, unknown>);
    expect(sentence(event)).toBe("Siobhan Murphy approved 'Restart the server' (1 of 2 approvals)");
  });

  it('should describe a rejection, an expiry, a dead letter and a cancellation', () => {
    const rejected = decisionStub({
      state: 'rejected',
      title: 'Approve the change',
      votes: [
        {
          by: { userId: 'a', displayName: 'Siobhan Murphy' },
          verdict: 'reject',
          comment: 'Not today',
          at: '2026-11-23T10:05:00Z',
        },
      ],
    });
    expect(
      sentence(eventStub('decision.resolved', rejected as unknown as Record<string, unknown>, { system: true })),
    ).toBe("Siobhan Murphy rejected 'Approve the change'");
    const expired = decisionStub({ state: 'expired', title: 'Approve the change' });
    expect(
      sentence(eventStub('decision.resolved', expired as unknown as Record<string, unknown>, { system: true })),
    ).toBe("Nobody decided 'Approve the change' before its deadline");
    expect(
      sentence(
        eventStub('step.dead_lettered', { stepId: 'check-feed', attempts: 3, error: 'Timed out' }, { system: true }),
      ),
    ).toBe("Step 'Check the feed' gave up after 3 attempts and needs someone to retry it");
    expect(sentence(eventStub('run.cancelled', { reason: 'Not needed' }))).toBe('Grace Okafor cancelled the run');
  });

  it("should give a step's note as it wrote it, saying which step wrote it", () => {
    const note = describeRunEvent(
      eventStub('step.log', { stepId: 'check-feed', level: 'info', message: 'Feed is up' }),
      STEPS,
    );
    expect([note.text, note.detail]).toEqual(['Feed is up', "Noted by step 'Check the feed'"]);
  });

  it('should describe a notification a step sent, urgent ones as a warning', () => {
    const sent = describeRunEvent(
      eventStub(
        'notification',
        { stepId: 'check-feed', title: 'Feed down', message: 'The PAS feed stopped at 02:10.', level: 'urgent' },
        { system: true },
      ),
      STEPS,
    );
    expect([sent.text, sent.detail, sent.icon, sent.tone]).toEqual([
      "Step 'Check the feed' sent a notification: 'Feed down'",
      'The PAS feed stopped at 02:10.',
      'warning',
      'failure',
    ]);
  });

  it('should leave bookkeeping off the timeline', () => {
    expect(showsOnTimeline(eventStub('step.queued', { stepId: 'check-feed', attempt: 1 }))).toBe(false);
    expect(showsOnTimeline(eventStub('run.waiting', { stepId: 'approve', decisionId: 'd-1' }))).toBe(false);
    expect(showsOnTimeline(eventStub('step.started', { stepId: 'check-feed', attempt: 1 }))).toBe(true);
  });

  it('should spell out event types it does not know', () => {
    expect(sentence(eventStub('step.retried', {}, { system: true }))).toBe('Step retried');
  });
});

describe('describeRunState and describeStepState', () => {
  it('should say a run or step waits for a person only when a person is asked', () => {
    expect(describeStepState('waiting', 'approval').text).toBe('Waiting for a person');
    expect(describeStepState('waiting', 'wait')).toEqual({ text: 'Waiting', icon: 'schedule', tone: 'neutral' });
    expect(describeRunState('waiting').text).toBe('Waiting for a person');
    expect(describeRunState('waiting', false).text).toBe('Waiting');
    expect(describeRunState('succeeded').text).toBe('Succeeded');
    expect(describeStepState('succeeded').text).toBe('Done');
  });
});

describe('describeDuration', () => {
  it('should round to what a person cares about', () => {
    expect(describeDuration(10_000)).toBe('10 s');
    expect(describeDuration(4 * 60_000 + 10_000)).toBe('4 min');
    expect(describeDuration(65 * 60_000)).toBe('1 h 5 min');
    expect(describeDuration(3 * 24 * 3_600_000)).toBe('3 days');
  });
});

describe('describeValue', () => {
  it('should show text as it is, booleans as yes or no, and anything else as JSON', () => {
    expect(describeValue('Routine change')).toBe('Routine change');
    expect(describeValue(true)).toBe('Yes');
    expect(describeValue(null)).toBe('—');
    expect(describeValue({ approved: true })).toBe('{\n  "approved": true\n}');
    expect(humaniseName('changeTicket')).toBe('Change ticket');
  });
});
