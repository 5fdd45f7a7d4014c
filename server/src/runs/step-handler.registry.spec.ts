import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StepHandlerRegistry } from './step-handler.registry.js';

describe(StepHandlerRegistry.name, () => {
  it('should find a registered handler by type and list the types', () => {
    const registry = new StepHandlerRegistry();
    const handler = { type: 'log', execute: () => Promise.resolve({ status: 'succeeded' as const }) };
    registry.register(handler);
    registry.register({ type: 'http.request', execute: handler.execute });
    assert.equal(registry.get('log'), handler);
    assert.equal(registry.get('missing'), undefined);
    assert.deepEqual(registry.types(), ['http.request', 'log']);
  });

  it('should refuse a second handler for the same type', () => {
    const registry = new StepHandlerRegistry();
    const execute = () => Promise.resolve({ status: 'succeeded' as const });
    registry.register({ type: 'log', execute });
    assert.throws(() => registry.register({ type: 'log', execute }), /already registered/);
  });
});
