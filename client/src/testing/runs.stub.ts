import type { DecisionView, EventEnvelope, RunDetail, StepRunView } from '@trustops/contracts';

let nextSeq = 1;

/** An event of run `run-1`; by Grace Okafor unless `system` (or another `actor`) is given. */
export function eventStub(
  type: string,
  payload: Record<string, unknown>,
  options: { seq?: number; ts?: string; system?: boolean; actor?: string; runId?: string } = {},
): EventEnvelope {
  const seq = options.seq ?? nextSeq++;
  return {
    id: `event-${seq}`,
    seq,
    type,
    tenantId: 'tenant-1',
    runId: options.runId ?? 'run-1',
    actor: options.system
      ? { type: 'system', userId: null, displayName: 'TrustOps' }
      : { type: 'person', userId: 'user-op', displayName: options.actor ?? 'Grace Okafor' },
    source: 'runs',
    ts: options.ts ?? '2026-11-23T10:00:00.000Z',
    payload,
  };
}

export function stepStub(overrides: Partial<StepRunView> = {}): StepRunView {
  return {
    stepId: 'note',
    title: 'Note the reason',
    type: 'log',
    needs: [],
    state: 'pending',
    attempt: 0,
    maxAttempts: 1,
    startedAt: null,
    finishedAt: null,
    output: null,
    error: null,
    decisionId: null,
    ...overrides,
  };
}

/** The approval demo: note the reason, approve the change, carry it out. */
export function runStub(overrides: Partial<RunDetail> = {}): RunDetail {
  return {
    id: 'run-1',
    runbookId: 'approval-demo',
    runbookVersion: 1,
    runbookTitle: 'Approval demo',
    state: 'running',
    idempotencyKey: null,
    startedBy: { userId: 'user-op', displayName: 'Grace Okafor' },
    createdAt: '2026-11-23T10:00:00.000Z',
    startedAt: '2026-11-23T10:00:01.000Z',
    finishedAt: null,
    progress: { done: 0, total: 3 },
    error: null,
    inputs: { reason: 'Routine change' },
    outputs: null,
    steps: [
      stepStub(),
      stepStub({ stepId: 'approve', title: 'Approve the change', type: 'approval', needs: ['note'] }),
      stepStub({ stepId: 'carry-out', title: 'Change carried out', needs: ['approve'] }),
    ],
    lastSeq: 0,
    ...overrides,
  };
}

export function decisionStub(overrides: Partial<DecisionView> = {}): DecisionView {
  return {
    id: 'decision-1',
    kind: 'approval',
    state: 'pending',
    title: 'Approve the change',
    context: 'The operator wants to **restart** the feed.',
    policy: 'require_one',
    allowedRoles: [],
    form: [],
    runId: 'run-1',
    stepId: 'approve',
    requestedBy: { userId: 'user-op', displayName: 'Grace Okafor' },
    requestedAt: '2026-11-23T10:00:00.000Z',
    dueAt: null,
    votes: [],
    comments: [],
    resolvedAt: null,
    response: null,
    ...overrides,
  };
}
