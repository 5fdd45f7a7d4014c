import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { findFreePort } from './free-port.js';
import { findOnPath, redisAnswers, startLocalRedis } from './local-redis.js';

describe(startLocalRedis.name, () => {
  const executable = findOnPath('redis-server', process.env['PATH']);

  it(
    'should start redis-server on 127.0.0.1 with its data in the folder given, and stop it',
    { skip: !executable && 'redis-server is not on the PATH' },
    async () => {
      const directory = await mkdtemp(join(tmpdir(), 'trustops-redis-'));
      try {
        const port = await findFreePort();
        const redis = await startLocalRedis({
          executable: executable!,
          directory,
          port,
          logger: pino({ level: 'silent' }),
        });
        assert.equal(redis.url, `redis://127.0.0.1:${port}`);
        assert.equal(await redisAnswers(redis.url), true);
        await redis.stop();
        assert.equal(await redisAnswers(redis.url, 300), false);
        assert.ok(
          (await readdir(directory)).some((name) => name.startsWith('appendonly')),
          'no append-only file',
        );
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  );
});
