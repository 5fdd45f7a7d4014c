import type { DependencySource } from '@trustops/contracts';

export interface Dependency {
  url: string;
  source: DependencySource;
}

/**
 * The database and Redis this process uses, decided before Nest starts: configured by the
 * operator, or the embedded defaults (ARCHITECTURE.md, "Embedded defaults"). Injectable.
 */
export class Infrastructure {
  constructor(
    readonly database: Dependency,
    readonly redis: Dependency,
    private readonly stops: Array<() => Promise<void>> = [],
  ) {}

  /** For tests and tools that bring their own PostgreSQL and Redis. */
  static configured(databaseUrl: string, redisUrl: string): Infrastructure {
    return new Infrastructure({ url: databaseUrl, source: 'configured' }, { url: redisUrl, source: 'configured' });
  }

  /** Stops whatever was started for this process (embedded PostgreSQL, redis-server), newest first. */
  async stop(): Promise<void> {
    const stops = this.stops.splice(0).reverse();
    for (const stop of stops) await stop();
  }
}

/** Start-up cannot go on; the message says what to do, in plain words. */
export class InfrastructureError extends Error {
  override readonly name = 'InfrastructureError';
}
