import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { redisConnectionOptions } from '../infrastructure/connection-urls.js';
import { Infrastructure } from '../infrastructure/infrastructure.js';

const PROBE_TIMEOUT_MS = 2000;
/** /api/status may be polled by every open browser tab; it reuses a recent answer. */
const STATUS_CACHE_MS = 5000;

export type ProbeResult = { up: true } | { up: false; reason: string };

/** Pings PostgreSQL and Redis: fresh for readiness, briefly cached for the status page. */
@Injectable()
export class DependencyProbes implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly cache = new Map<string, { at: number; result: Promise<ProbeResult> }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    infrastructure: Infrastructure,
  ) {
    this.redis = new Redis({
      ...redisConnectionOptions(infrastructure.redis.url),
      connectionName: 'trustops-health',
      maxRetriesPerRequest: 1,
      // Fail at once while disconnected rather than queue the ping.
      enableOfflineQueue: false,
      lazyConnect: true,
    });
    this.redis.on('error', () => undefined);
    this.redis.connect().catch(() => undefined);
  }

  pingDatabase(): Promise<void> {
    return withTimeout(this.dataSource.query('SELECT 1'), 'PostgreSQL').then(() => undefined);
  }

  pingRedis(): Promise<void> {
    return withTimeout(this.redis.ping(), 'Redis').then(() => undefined);
  }

  cachedDatabase(): Promise<ProbeResult> {
    return this.cached('database', () => this.pingDatabase());
  }

  cachedRedis(): Promise<ProbeResult> {
    return this.cached('redis', () => this.pingRedis());
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  private cached(key: string, ping: () => Promise<void>): Promise<ProbeResult> {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < STATUS_CACHE_MS) return hit.result;
    const result = ping().then(
      (): ProbeResult => ({ up: true }),
      (error: unknown): ProbeResult => ({ up: false, reason: error instanceof Error ? error.message : String(error) }),
    );
    this.cache.set(key, { at: Date.now(), result });
    return result;
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
