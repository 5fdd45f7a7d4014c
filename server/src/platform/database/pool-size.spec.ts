import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { databasePoolSize } from './pool-size.js';

describe('databasePoolSize', () => {
  it('should follow the step concurrency unless DATABASE_POOL_SIZE says otherwise', () => {
    assert.equal(databasePoolSize({ RUNS_STEP_CONCURRENCY: 8 }), 14);
    assert.equal(databasePoolSize({ RUNS_STEP_CONCURRENCY: 32 }), 26);
    assert.equal(databasePoolSize({ RUNS_STEP_CONCURRENCY: 1 }), 11);
    assert.equal(databasePoolSize({ RUNS_STEP_CONCURRENCY: 32, DATABASE_POOL_SIZE: 12 }), 12);
  });
});
