import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunTransactions } from './run-transaction.js';
import { StepExecutor } from './step-executor.js';

/** The result transactions' side of StepExecutor, with a RunTransactions that refuses one run. */
function executorRefusing(badRunId: string) {
  const batches: string[][] = [];
  const transactions = {
    runBatch: (keys: Array<{ runId: string }>) => {
      batches.push(keys.map((key) => key.runId));
      return keys.some((key) => key.runId === badRunId)
        ? Promise.reject(new Error(`run ${badRunId} cannot be written`))
        : Promise.resolve();
    },
  } as unknown as RunTransactions;
  const unused = undefined as never;
  const executor = new StepExecutor(transactions, unused, unused, unused, unused, unused, unused, unused, unused);
  return { executor, batches };
}

const result = (runId: string) => ({
  job: { tenantId: 't', runId, stepId: 's', attempt: 1, dispatch: 0 },
  fresh: true,
  startedAt: null,
  result: { kind: 'cancelled' as const },
});

describe('StepExecutor result batches', () => {
  it('should commit a batch in one transaction, and when it fails, each result alone so that only the bad one fails', async () => {
    const { executor, batches } = executorRefusing('bad');
    const answers = await executor['commitResults']([result('a'), result('bad'), result('b')]);
    assert.deepEqual(batches, [['a', 'bad', 'b'], ['a'], ['bad'], ['b']]);
    assert.equal(answers[0], null);
    assert.match(String(answers[1]), /run bad cannot be written/);
    assert.equal(answers[2], null);
  });

  it('should answer null for every result of a batch that commits', async () => {
    const { executor, batches } = executorRefusing('none');
    assert.deepEqual(await executor['commitResults']([result('a'), result('b')]), [null, null]);
    assert.deepEqual(batches, [['a', 'b']]);
  });
});
