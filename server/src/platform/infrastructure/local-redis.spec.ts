import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, it } from 'node:test';
import { findOnPath, noRedisMessage } from './local-redis.js';

describe(findOnPath.name, () => {
  it('should find an executable in the PATH, and only an executable', async () => {
    const first = await mkdtemp(join(tmpdir(), 'trustops-path-'));
    const second = await mkdtemp(join(tmpdir(), 'trustops-path-'));
    try {
      await writeFile(join(first, 'redis-server'), 'not executable');
      await writeFile(join(second, 'redis-server'), '#!/bin/sh\n');
      await chmod(join(second, 'redis-server'), 0o755);
      assert.equal(findOnPath('redis-server', [first, second].join(delimiter)), join(second, 'redis-server'));
      assert.equal(findOnPath('redis-server', first), undefined);
      assert.equal(findOnPath('redis-server', undefined), undefined);
    } finally {
      await rm(first, { recursive: true, force: true });
      await rm(second, { recursive: true, force: true });
    }
  });
});

describe(noRedisMessage.name, () => {
  it('should say exactly how to provide Redis', () => {
    const message = noRedisMessage('redis://127.0.0.1:6379');
    assert.match(message, /nothing answers at redis:\/\/127\.0\.0\.1:6379/);
    assert.match(message, /set REDIS_URL/);
    assert.match(message, /apt-get install redis-server/);
    assert.match(message, /redis-server` is on the PATH/);
  });
});
