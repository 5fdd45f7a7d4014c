import {
  RUN_EVENT_TYPES,
  type EventEnvelope,
  type RunDetail,
  type RunState,
  type StepRunView,
  type StepState,
} from '@trustops/contracts';

/**
 * A run as the page shows it: the last snapshot from `GET /api/runs/:id` (true as of its `lastSeq`)
 * with every later event applied on top, so the graph moves the moment an event arrives and a
 * fresh snapshot can replace the old one at any time without losing what came after it.
 */
export function applyRunEvents(snapshot: RunDetail, events: readonly EventEnvelope[]): RunDetail {
  return events.filter((event) => event.seq > snapshot.lastSeq).reduce(applyRunEvent, snapshot);
}

/** One event's effect on a run (a pure function: returns a new object when anything changes). */
export function applyRunEvent(run: RunDetail, event: EventEnvelope): RunDetail {
  const payload = event.payload;
  const stepId = typeof payload['stepId'] === 'string' ? payload['stepId'] : undefined;
  const attempt = typeof payload['attempt'] === 'number' ? payload['attempt'] : undefined;
  const at = event.ts;
  const lastSeq = Math.max(run.lastSeq, event.seq);

  switch (event.type) {
    case RUN_EVENT_TYPES.runStarted:
      return withRun(run, { state: 'running', startedAt: run.startedAt ?? at, lastSeq });
    case RUN_EVENT_TYPES.runWaiting: {
      const decisionId = typeof payload['decisionId'] === 'string' ? payload['decisionId'] : null;
      return withRun(withStep(run, stepId, lastSeq, { state: 'waiting', decisionId }), { state: 'waiting' });
    }
    case RUN_EVENT_TYPES.runSucceeded:
      return withRun(run, {
        state: 'succeeded',
        finishedAt: at,
        outputs: isRecord(payload['outputs']) ? payload['outputs'] : run.outputs,
        lastSeq,
      });
    case RUN_EVENT_TYPES.runFailed:
      return withRun(run, {
        state: 'failed',
        finishedAt: at,
        error: typeof payload['error'] === 'string' ? payload['error'] : run.error,
        lastSeq,
      });
    case RUN_EVENT_TYPES.runCancelled:
      return withRun(run, {
        state: 'cancelled',
        finishedAt: at,
        error: typeof payload['reason'] === 'string' ? payload['reason'] : run.error,
        lastSeq,
      });
    case RUN_EVENT_TYPES.stepQueued:
      return withStep(run, stepId, lastSeq, { state: 'queued', ...(attempt ? { attempt } : {}), error: null });
    case RUN_EVENT_TYPES.stepStarted:
      return withRunState(
        withStep(run, stepId, lastSeq, { state: 'running', startedAt: at, ...(attempt ? { attempt } : {}) }),
        'running',
      );
    case RUN_EVENT_TYPES.stepSucceeded:
      return withStep(run, stepId, lastSeq, {
        state: 'succeeded',
        finishedAt: at,
        output: payload['output'] ?? null,
        error: null,
      });
    case RUN_EVENT_TYPES.stepFailed:
      return withStep(run, stepId, lastSeq, {
        // A failure with a retry to come goes back in the queue; only the last one stays failed.
        state: payload['willRetry'] === true ? 'queued' : 'failed',
        error: typeof payload['error'] === 'string' ? payload['error'] : null,
        ...(payload['willRetry'] === true ? {} : { finishedAt: at }),
      });
    case RUN_EVENT_TYPES.stepDeadLettered:
      return withStep(run, stepId, lastSeq, {
        state: 'failed',
        error: typeof payload['error'] === 'string' ? payload['error'] : null,
      });
    case RUN_EVENT_TYPES.stepSkipped:
      return withStep(run, stepId, lastSeq, { state: 'skipped', finishedAt: at });
    case RUN_EVENT_TYPES.decisionRequested: {
      const decisionId = typeof payload['id'] === 'string' ? payload['id'] : null;
      const decisionStep = typeof payload['stepId'] === 'string' ? payload['stepId'] : undefined;
      return withStep(run, decisionStep, lastSeq, { state: 'waiting', decisionId });
    }
    default:
      return lastSeq === run.lastSeq ? run : { ...run, lastSeq };
  }
}

function withRun(run: RunDetail, changes: Partial<RunDetail>): RunDetail {
  return { ...run, ...changes };
}

/** A step started after the run was waiting means it is moving again. */
function withRunState(run: RunDetail, state: RunState): RunDetail {
  return run.state === 'queued' || run.state === 'waiting' ? { ...run, state } : run;
}

function withStep(
  run: RunDetail,
  stepId: string | undefined,
  lastSeq: number,
  changes: Partial<StepRunView> & { state: StepState },
): RunDetail {
  if (stepId === undefined || !run.steps.some((step) => step.stepId === stepId)) {
    return { ...run, lastSeq };
  }
  const steps = run.steps.map((step) => (step.stepId === stepId ? { ...step, ...changes } : step));
  return { ...run, steps, lastSeq, progress: progressOf(steps) };
}

const DONE_STATES: ReadonlySet<StepState> = new Set(['succeeded', 'skipped']);

export function progressOf(steps: readonly StepRunView[]): RunDetail['progress'] {
  return { done: steps.filter((step) => DONE_STATES.has(step.state)).length, total: steps.length };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
