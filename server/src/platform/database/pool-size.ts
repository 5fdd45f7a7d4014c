import type { EnvironmentVariables } from '../config/environment-variables.js';

/**
 * How many connections one process keeps: DATABASE_POOL_SIZE, or else enough for the step
 * worker (each running step reads with two connections at once and commits with one) and
 * some for requests. A pool smaller than the concurrency makes steps queue for a connection.
 */
export function databasePoolSize(
  env: Pick<EnvironmentVariables, 'DATABASE_POOL_SIZE' | 'RUNS_STEP_CONCURRENCY'>,
): number {
  return env.DATABASE_POOL_SIZE ?? env.RUNS_STEP_CONCURRENCY * 2 + 4;
}
