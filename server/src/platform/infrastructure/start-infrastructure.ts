import { join, resolve } from 'node:path';
import type { EnvironmentVariables } from '../config/environment-variables.js';
import type { RootLogger } from '../logging/logger.js';
import { describeDatabaseUrl, describeRedisUrl } from './connection-urls.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { Infrastructure, InfrastructureError, type Dependency } from './infrastructure.js';
import { DEFAULT_REDIS_URL, findOnPath, noRedisMessage, redisAnswers, startLocalRedis } from './local-redis.js';

export interface InfrastructureOptions {
  /** Where to look for `redis-server` (the PATH, handed over by main.ts). */
  searchPath: string | undefined;
}

type Stop = () => Promise<void>;

/**
 * Decides where the database and Redis are, starting the embedded defaults when nothing is
 * configured, and logs one line for each saying which was chosen.
 */
export async function startInfrastructure(
  env: EnvironmentVariables,
  logger: RootLogger,
  options: InfrastructureOptions,
): Promise<Infrastructure> {
  const log = logger.child({ component: 'infrastructure' });
  const stops: Stop[] = [];
  try {
    const database = await resolveDatabase(env, log, stops);
    const redis = await resolveRedis(env, log, stops, options.searchPath);
    return new Infrastructure(database, redis, stops);
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

async function resolveDatabase(env: EnvironmentVariables, log: RootLogger, stops: Stop[]): Promise<Dependency> {
  if (env.DATABASE_URL) {
    log.info(`Database: PostgreSQL at ${describeDatabaseUrl(env.DATABASE_URL)} (configured by DATABASE_URL)`);
    return { url: env.DATABASE_URL, source: 'configured' };
  }
  const dataDir = resolve(env.DATA_DIR);
  const started = Date.now();
  const embedded = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_POSTGRES_PORT, logger: log });
  stops.push(async () => {
    await embedded.stop();
    log.info('Database: embedded PostgreSQL stopped');
  });
  log.info(
    `Database: embedded PostgreSQL on 127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}, data in ${join(dataDir, 'postgres')} ` +
      `(${embedded.initialised ? 'created now' : 'existing data kept'}, ready in ${Date.now() - started} ms; ` +
      `set DATABASE_URL to use your own PostgreSQL)`,
  );
  return { url: embedded.url, source: 'embedded' };
}

async function resolveRedis(
  env: EnvironmentVariables,
  log: RootLogger,
  stops: Stop[],
  searchPath: string | undefined,
): Promise<Dependency> {
  if (env.REDIS_URL) {
    const answers = await redisAnswers(env.REDIS_URL);
    log.info(`Queues: Redis at ${describeRedisUrl(env.REDIS_URL)} (configured by REDIS_URL)`);
    // Not fatal: in a container platform Redis may come up a moment later; readiness reports it.
    if (!answers)
      log.warn(`Queues: Redis at ${describeRedisUrl(env.REDIS_URL)} does not answer yet; retrying in the background`);
    return { url: env.REDIS_URL, source: 'configured' };
  }
  if (await redisAnswers(DEFAULT_REDIS_URL)) {
    log.info(`Queues: Redis already running at ${DEFAULT_REDIS_URL} (the default; set REDIS_URL to use another)`);
    return { url: DEFAULT_REDIS_URL, source: 'embedded' };
  }
  const executable = findOnPath('redis-server', searchPath);
  if (!executable) throw new InfrastructureError(noRedisMessage(DEFAULT_REDIS_URL));
  const directory = join(resolve(env.DATA_DIR), 'redis');
  const redis = await startLocalRedis({
    executable,
    directory,
    port: Number(new URL(DEFAULT_REDIS_URL).port),
    logger: log,
  });
  stops.push(async () => {
    await redis.stop();
    log.info('Queues: redis-server stopped');
  });
  log.info(`Queues: started ${executable} at ${redis.url}, data in ${directory} (set REDIS_URL to use your own Redis)`);
  return { url: redis.url, source: 'embedded' };
}
