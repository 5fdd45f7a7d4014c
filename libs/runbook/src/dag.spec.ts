import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ancestorsOf, blockedSteps, dagDepth, describeCycle, findCycle, readySteps, stepOrder } from './dag.js';
import type { RunbookStep } from './types.js';

function steps(graph: Record<string, string[]>): RunbookStep[] {
  return Object.entries(graph).map(([id, needs]) => ({ id, type: 'log', with: {}, needs }));
}

// start → (left, right) → join → end
const diamond = {
  steps: steps({ start: [], left: ['start'], right: ['start'], join: ['left', 'right'], end: ['join'] }),
};

describe('findCycle', () => {
  it('should return null for a DAG', () => {
    assert.equal(findCycle(diamond.steps), null);
  });

  it('should name the cycle in order with the first step repeated', () => {
    const cycle = findCycle(steps({ a: ['b'], b: ['c'], c: ['a'], d: [] }));
    assert.deepEqual(cycle, ['a', 'b', 'c', 'a']);
    assert.equal(describeCycle(cycle), 'a → b → c → a');
  });

  it('should find a cycle reachable only from a later step, and self-loops', () => {
    assert.deepEqual(findCycle(steps({ a: [], b: ['a', 'c'], c: ['d'], d: ['c'] })), ['c', 'd', 'c']);
    assert.deepEqual(findCycle(steps({ a: ['a'] })), ['a', 'a']);
  });

  it('should ignore needs that name unknown steps', () => {
    assert.equal(findCycle(steps({ a: ['ghost'] })), null);
  });

  it('should handle a long chain without exhausting the stack', () => {
    const chain = Array.from({ length: 20_000 }, (_, index) => ({
      id: `s${index}`,
      needs: index ? [`s${index - 1}`] : [],
    }));
    assert.equal(findCycle(chain), null);
    chain[0].needs = ['s19999'];
    assert.equal(findCycle(chain)!.length, 20_001);
  });
});

describe('stepOrder', () => {
  it('should group steps into levels that can run in parallel', () => {
    assert.deepEqual(stepOrder(diamond), [['start'], ['left', 'right'], ['join'], ['end']]);
    assert.equal(dagDepth(diamond), 4);
  });

  it('should place a step after the deepest step it needs', () => {
    assert.deepEqual(stepOrder({ steps: steps({ c: ['a', 'b'], b: ['a'], a: [] }) }), [['a'], ['b'], ['c']]);
  });

  it('should throw on a cycle, naming it', () => {
    assert.throws(() => stepOrder({ steps: steps({ a: ['b'], b: ['a'] }) }), /a → b → a/);
  });
});

describe('readySteps', () => {
  it('should start with the steps that need nothing', () => {
    assert.deepEqual(readySteps(diamond, {}), ['start']);
  });

  it('should release parallel branches together and the join only after both', () => {
    assert.deepEqual(readySteps(diamond, { start: 'succeeded' }), ['left', 'right']);
    assert.deepEqual(readySteps(diamond, { start: 'succeeded', left: 'succeeded', right: 'running' }), []);
    assert.deepEqual(readySteps(diamond, { start: 'succeeded', left: 'succeeded', right: 'skipped' }), ['join']);
  });

  it('should not return steps that are already queued, running or finished', () => {
    assert.deepEqual(readySteps(diamond, { start: 'succeeded', left: 'queued', right: 'failed' }), []);
  });

  it('should ignore inherited property names in the states', () => {
    const hostile = { steps: steps({ constructor: [], toString: ['constructor'] }) };
    assert.deepEqual(readySteps(hostile, {}), ['constructor']);
  });
});

describe('blockedSteps', () => {
  it('should list every pending step downstream of a failure', () => {
    assert.deepEqual(blockedSteps(diamond, { start: 'succeeded', left: 'failed', right: 'succeeded' }), [
      'join',
      'end',
    ]);
    assert.deepEqual(blockedSteps(diamond, { start: 'cancelled' }), ['left', 'right', 'join', 'end']);
    assert.deepEqual(blockedSteps(diamond, { start: 'succeeded' }), []);
  });
});

describe('ancestorsOf', () => {
  it('should collect direct and indirect needs', () => {
    assert.deepEqual([...ancestorsOf(diamond.steps, 'end')].sort(), ['join', 'left', 'right', 'start']);
    assert.deepEqual([...ancestorsOf(diamond.steps, 'start')], []);
  });
});
