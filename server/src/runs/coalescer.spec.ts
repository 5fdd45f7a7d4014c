import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Coalescer, togetherElseAlone } from './coalescer.js';

/** A `work` whose calls can be ended by hand, recording the batches it was given. */
function manualWork() {
  const batches: number[][] = [];
  const pending: Array<() => void> = [];
  const work = (items: number[]) => {
    batches.push(items);
    return new Promise<number[]>((resolve) => pending.push(() => resolve(items.map((item) => item * 10))));
  };
  const endNext = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { work, batches, pending, endNext };
}

describe(Coalescer.name, () => {
  it('should send a lone item at once and gather what comes while it is in flight into one batch', async () => {
    const { work, batches, endNext } = manualWork();
    const coalescer = new Coalescer(work, { maxBatch: 10, lanes: 1 });
    const first = coalescer.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(batches, [[1]]);
    const later = [2, 3, 4].map((item) => coalescer.submit(item));
    await endNext();
    assert.equal(await first, 10);
    assert.deepEqual(batches, [[1], [2, 3, 4]]);
    await endNext();
    assert.deepEqual(await Promise.all(later), [20, 30, 40]);
  });

  it('should put items of the same tick in one batch, and never more than maxBatch', async () => {
    const { work, batches, endNext } = manualWork();
    const coalescer = new Coalescer(work, { maxBatch: 2, lanes: 1 });
    const all = Promise.all([1, 2, 3].map((item) => coalescer.submit(item)));
    await endNext();
    await endNext();
    assert.deepEqual(await all, [10, 20, 30]);
    assert.deepEqual(batches, [[1, 2], [3]]);
  });

  it('should keep up to `lanes` batches in flight at once', async () => {
    const { work, batches, pending, endNext } = manualWork();
    const coalescer = new Coalescer(work, { maxBatch: 10, lanes: 2 });
    const first = coalescer.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = coalescer.submit(2);
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = [3, 4].map((item) => coalescer.submit(item));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(batches, [[1], [2]], 'two lanes busy; the rest wait');
    assert.equal(pending.length, 2);
    await endNext();
    await endNext();
    await endNext();
    assert.deepEqual(await Promise.all([first, second, ...waiting]), [10, 20, 30, 40]);
    assert.deepEqual(batches, [[1], [2], [3, 4]]);
  });

  it('should reject every item of a batch whose work fails, and go on with the next', async () => {
    let calls = 0;
    const coalescer = new Coalescer<number, number>(
      (items) => {
        calls++;
        return calls === 1 ? Promise.reject(new Error('database gone')) : Promise.resolve(items);
      },
      { maxBatch: 10, lanes: 1 },
    );
    const failed = [1, 2].map((item) => coalescer.submit(item));
    for (const promise of failed) await assert.rejects(promise, /database gone/);
    assert.equal(await coalescer.submit(3), 3);
  });
});

describe(togetherElseAlone.name, () => {
  it('should answer the batch when it goes through together', async () => {
    const calls: number[][] = [];
    const answers = await togetherElseAlone([1, 2, 3], (items) => {
      calls.push([...items]);
      return Promise.resolve(items.map((item) => item * 10));
    });
    assert.deepEqual(answers, [10, 20, 30]);
    assert.deepEqual(calls, [[1, 2, 3]]);
  });

  it("should try each alone after the batch fails, so an item's error is its own", async () => {
    const calls: number[][] = [];
    const answers = await togetherElseAlone([1, 2, 3], (items) => {
      calls.push([...items]);
      if (items.includes(2)) return Promise.reject(new Error('two is bad'));
      return Promise.resolve(items.map((item) => item * 10));
    });
    assert.equal(answers[0], 10);
    assert.equal((answers[1] as Error).message, 'two is bad');
    assert.equal(answers[2], 30);
    assert.deepEqual(calls, [[1, 2, 3], [1], [2], [3]]);
  });

  it('should answer a lone failing item its error without trying it twice', async () => {
    let calls = 0;
    const answers = await togetherElseAlone([1], () => {
      calls++;
      return Promise.reject(new Error('no'));
    });
    assert.equal((answers[0] as Error).message, 'no');
    assert.equal(calls, 1);
  });
});
