import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { RootLogger } from '../logging/logger.js';
import { redisConnectionOptions } from './connection-urls.js';
import { InfrastructureError } from './infrastructure.js';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether a Redis server answers PING at `url` within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis({
    ...redisConnectionOptions(url),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** The full path of an executable on the PATH, if there is one. */
export function findOnPath(command: string, path: string | undefined): string | undefined {
  for (const folder of (path ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(folder, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

export function noRedisMessage(url: string): string {
  return [
    `TrustOps needs Redis for its queues, and nothing answers at ${url}.`,
    'Provide one in either of these ways, then start TrustOps again:',
    '  - set REDIS_URL to a Redis 6.2 or newer server, e.g. REDIS_URL=redis://redis.internal:6379',
    '  - or install Redis so that `redis-server` is on the PATH (Debian/Ubuntu: `sudo apt-get install redis-server`,',
    '    macOS: `brew install redis`); TrustOps then starts it for you, keeping its data under DATA_DIR/redis',
  ].join('\n');
}

export interface RunningLocalRedis {
  url: string;
  stop(): Promise<void>;
}

export interface LocalRedisSettings {
  executable: string;
  /** Where it keeps its data (append-only file and snapshots). */
  directory: string;
  port: number;
  logger: RootLogger;
}

/** Starts `redis-server` on 127.0.0.1:`port`, and waits until it answers. */
export async function startLocalRedis({
  executable,
  directory,
  port,
  logger,
}: LocalRedisSettings): Promise<RunningLocalRedis> {
  await mkdir(directory, { recursive: true });
  const url = `redis://127.0.0.1:${port}`;
  const child = spawn(
    executable,
    ['--bind', '127.0.0.1', '--port', String(port), '--dir', directory, '--appendonly', 'yes', '--daemonize', 'no'],
    // Its own process group: Ctrl-C in a terminal reaches TrustOps, which stops Redis last.
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const log = logger.child({ component: 'redis-server' });
  const output: string[] = [];
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      output.push(line);
      if (output.length > 20) output.shift();
      log.debug(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  for (let waited = 0; waited < 10_000; waited += 100) {
    if (!running) break;
    if (await redisAnswers(url, 500)) {
      return {
        url,
        stop: async () => {
          if (!running) return;
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
    await sleep(100);
  }
  if (running) {
    child.kill('SIGKILL');
    await exited;
  }
  throw new InfrastructureError(`redis-server (${executable}) did not start. Its last output:\n${output.join('\n')}`);
}
