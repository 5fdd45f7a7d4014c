/** `host:port/database` of a PostgreSQL URL: fit for a log line (no user, no password). */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/** `redis://host:port/db` of a Redis URL: fit for a log line (no user, no password). */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  const database = parsed.pathname.replace(/^\//, '');
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}${database ? `/${database}` : ''}`;
}

/** What both ioredis and BullMQ accept as connection options. */
export interface RedisConnectionSettings {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: object;
  maxRetriesPerRequest: null;
}

/**
 * ioredis options for a `redis://` or `rediss://` URL. BullMQ takes options rather than a URL,
 * and its workers need `maxRetriesPerRequest: null` so that a blocking call is never cut short.
 */
export function redisConnectionOptions(url: string): RedisConnectionSettings {
  const parsed = new URL(url);
  const database = parsed.pathname.replace(/^\//, '');
  const options: RedisConnectionSettings = {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    db: database ? Number(database) : 0,
    maxRetriesPerRequest: null,
  };
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  if (parsed.protocol === 'rediss:') options.tls = {};
  return options;
}
