import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDatabaseUrl, describeRedisUrl, redisConnectionOptions } from './connection-urls.js';

describe(redisConnectionOptions.name, () => {
  it('should read host, port and database', () => {
    assert.deepEqual(redisConnectionOptions('redis://cache.internal:6380/2'), {
      host: 'cache.internal',
      port: 6380,
      db: 2,
      maxRetriesPerRequest: null,
    });
  });

  it('should default the port and database and decode credentials', () => {
    assert.deepEqual(redisConnectionOptions('rediss://queue-user:p%40ss@redis.example'), {
      host: 'redis.example',
      port: 6379,
      db: 0,
      maxRetriesPerRequest: null,
      username: 'queue-user',
      password: 'p@ss',
      tls: {},
    });
  });
});

describe(describeDatabaseUrl.name, () => {
  it('should never show the credentials', () => {
    assert.equal(
      describeDatabaseUrl('postgres://trustops:hunter2@db.internal:5433/trustops'),
      'db.internal:5433/trustops',
    );
    assert.equal(describeDatabaseUrl('postgresql://db/trustops'), 'db:5432/trustops');
    assert.equal(describeRedisUrl('redis://:hunter2@127.0.0.1:6379/1'), 'redis://127.0.0.1:6379/1');
    assert.equal(describeRedisUrl('redis://127.0.0.1'), 'redis://127.0.0.1:6379');
  });
});
