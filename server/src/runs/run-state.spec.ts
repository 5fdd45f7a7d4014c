import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveRunState, retryDelay } from './run-state.js';

describe('deriveRunState', () => {
  it('should stay queued until a step has begun', () => {
    assert.equal(deriveRunState('queued', ['queued', 'pending']), 'queued');
    assert.equal(deriveRunState('queued', ['running', 'pending']), 'running');
  });

  it('should wait only when nothing is queued or running', () => {
    assert.equal(deriveRunState('running', ['succeeded', 'waiting', 'pending']), 'waiting');
    assert.equal(deriveRunState('running', ['succeeded', 'waiting', 'queued']), 'running');
    assert.equal(deriveRunState('waiting', ['succeeded', 'waiting', 'running']), 'running');
  });

  it('should finish when every step succeeded or was skipped, fail on a failed step, and keep a cancellation', () => {
    assert.equal(deriveRunState('running', ['succeeded', 'skipped']), 'succeeded');
    assert.equal(deriveRunState('running', ['succeeded', 'failed', 'running']), 'failed');
    assert.equal(deriveRunState('cancelled', ['succeeded', 'cancelled']), 'cancelled');
    assert.equal(deriveRunState('queued', []), 'succeeded');
  });
});

describe('retryDelay', () => {
  it('should double the backoff per attempt when exponential', () => {
    assert.deepEqual(
      [2, 3, 4].map((attempt) => retryDelay(1000, 'exponential', attempt)),
      [1000, 2000, 4000],
    );
    assert.deepEqual(
      [2, 3].map((attempt) => retryDelay(500, 'fixed', attempt)),
      [500, 500],
    );
  });
});
