import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { createScratchDatabase, type ScratchDatabase } from '../database/scratch-database.js';

// Tests may be pointed elsewhere (the only place outside main.ts that reads the environment).
/** The PostgreSQL server tests create their databases on. */
export const TEST_POSTGRES_URL =
  process.env['TRUSTOPS_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The Redis tests use, each under its own key prefix. */
export const TEST_REDIS_URL = process.env['TRUSTOPS_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A new, empty database for one test file; drop it in `after`. */
export function createTestDatabase(): Promise<ScratchDatabase> {
  return createScratchDatabase(TEST_POSTGRES_URL, 'trustops_test');
}

/** A queue key prefix no other test uses. */
export function uniqueQueuePrefix(): string {
  return `trustops-test-${randomBytes(5).toString('hex')}`;
}

/** Deletes every Redis key under `prefix`. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
