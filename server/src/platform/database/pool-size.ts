import type { EnvironmentVariables } from '../config/environment-variables.js';

/**
 * How many connections one process keeps: DATABASE_POOL_SIZE, or else enough for the step
 * worker and some for requests. Steps share their reads and result commits (at most two
 * connections: one read lane, one commit lane), so the pool need not grow with the
 * concurrency one for one: only a step still busy after 50 ms takes a connection of its own,
 * briefly, to be marked running — and half the concurrency is plenty for those to start at once
 * (more would only queue for a moment).
 */
export function databasePoolSize(
  env: Pick<EnvironmentVariables, 'DATABASE_POOL_SIZE' | 'RUNS_STEP_CONCURRENCY'>,
): number {
  return env.DATABASE_POOL_SIZE ?? Math.ceil(env.RUNS_STEP_CONCURRENCY / 2) + 10;
}
