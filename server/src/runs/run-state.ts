import type { RunState, StepState } from '@trustops/contracts';

const DONE: ReadonlySet<StepState> = new Set(['succeeded', 'skipped']);

/**
 * The run's state from its steps' (the state machine `queued → running ⇄ waiting → succeeded |
 * failed | cancelled`). A cancelled run stays cancelled; a failed step fails the run until it is
 * retried; a run waits when nothing is queued or running and something waits.
 */
export function deriveRunState(current: RunState, steps: readonly StepState[]): RunState {
  if (current === 'cancelled') return current;
  if (steps.includes('failed')) return 'failed';
  if (steps.every((state) => DONE.has(state))) return 'succeeded';
  if (steps.includes('running')) return 'running';
  const begun = steps.some((state) => state !== 'pending' && state !== 'queued');
  if (current === 'queued' && !begun) return 'queued';
  if (steps.includes('queued')) return 'running';
  if (steps.includes('waiting')) return 'waiting';
  return 'running';
}

/** Delay before attempt `nextAttempt` (2, 3, ...): `backoff`, doubled per attempt when exponential. */
export function retryDelay(backoffMs: number, strategy: 'fixed' | 'exponential', nextAttempt: number): number {
  return strategy === 'exponential' ? backoffMs * 2 ** Math.max(0, nextAttempt - 2) : backoffMs;
}
