import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RUN_EVENT_TYPES } from '@trustops/contracts';
import type { AuthTestApp } from '../auth/testing/auth-test-app.js';
import { StatementBatch, type Statement } from '../platform/database/statement-batch.js';
import { RunStateCache } from './run-state-cache.js';
import { RunTransactions } from './run-transaction.js';
import type { RunsApi } from './testing/runs-api.js';
import { startRunsTestApp } from './testing/runs-test-app.js';

const PARKED = `
id: test-parked
version: 1
title: Parked
description: One step that waits on a decision.
steps:
  - id: gate
    type: test.wait
`;

const TWO_STEPS = `
id: test-two-steps
version: 1
title: Two steps
description: A step that takes a moment, then one after it.
steps:
  - id: first
    type: test.effect
    with: { sleepMs: 400 }
  - id: second
    type: test.effect
    needs: [first]
`;

/**
 * The engine's memory of the runs it wrote last (RunStateCache) and the one-message commit it
 * allows, against changes made by another process (simulated here with SQL, which bumps the
 * run's version as every RunTransaction does).
 */
describe('runs as this process last wrote them (integration)', { timeout: 60_000 }, () => {
  let testApp: AuthTestApp;
  let api: RunsApi;

  before(async () => {
    ({ testApp, api } = await startRunsTestApp([PARKED, TWO_STEPS]));
  });

  after(async () => {
    await testApp?.close();
  });

  /** The messages StatementBatch sends while `work` runs, by their statements' first words. */
  async function messagesDuring(work: () => Promise<unknown>): Promise<string[][]> {
    const messages: string[][] = [];
    const original = StatementBatch.prototype.run;
    StatementBatch.prototype.run = function (this: StatementBatch, statements: readonly Statement[]) {
      messages.push(
        statements.map(({ sql }) =>
          sql
            .trim()
            .split(/[\s(]+/)
            .slice(0, 2)
            .join(' '),
        ),
      );
      return original.call(this, statements);
    };
    try {
      await work();
    } finally {
      StatementBatch.prototype.run = original;
    }
    return messages;
  }

  it('should write a known run in one message, and read it again under its lock when another process changed it', async () => {
    const started = await api.start('test-parked');
    await api.waitFor(started.id, (run) => run.state === 'waiting');
    const transactions = testApp.app.get(RunTransactions);
    const key = { tenantId: api.session.activeTenant.id, runId: started.id };
    const versionOf = async () =>
      (await testApp.query<{ version: number }>('SELECT version FROM runs WHERE id = $1', [started.id]))[0]?.version;
    const seen: Array<string | null> = [];
    const touch = (note: string) =>
      transactions.runBatch([key], async (transaction, snapshots) => {
        const snapshot = snapshots.get(started.id);
        assert.ok(snapshot, 'the run is given to the work');
        seen.push(snapshot.run.error);
        snapshot.run.error = note;
        await transaction.saveRun(snapshot.run);
        await transaction.emit(snapshot.run, RUN_EVENT_TYPES.stepLog, { stepId: 'gate', level: 'info', message: note });
      });

    const before = await versionOf();
    const known = await messagesDuring(() => touch('first note'));
    const keyed = ['BEGIN', 'SET LOCAL', 'SET LOCAL'];
    assert.deepEqual(known, [[...keyed, 'SELECT lock_runs_at_versions', 'WITH change_0', 'COMMIT']]);
    assert.equal(await versionOf(), (before ?? 0) + 1);

    // Another process changes the run (and so bumps its version).
    await testApp.query(`UPDATE runs SET error = 'changed elsewhere', version = version + 1 WHERE id = $1`, [
      started.id,
    ]);
    const changed = await messagesDuring(() => touch('second note'));
    assert.equal(changed.length, 3, 'the refused message, then the locked read and the write');
    assert.deepEqual(changed[1], [...keyed, 'SELECT *', 'SELECT *']);
    assert.deepEqual(seen, [null, 'first note', 'changed elsewhere'], 'the work ran again on what was read');
    assert.equal(await versionOf(), (before ?? 0) + 3);
    const [row] = await testApp.query<{ error: string }>('SELECT error FROM runs WHERE id = $1', [started.id]);
    assert.equal(row?.error, 'second note');
    const notes = (await api.events(started.id))
      .filter((event) => event.type === RUN_EVENT_TYPES.stepLog)
      .map((event) => event.payload['message']);
    assert.deepEqual(notes, ['first note', 'second note'], 'the refused message appended nothing');
    await api.post(`/api/runs/${started.id}/cancel`);
  });

  it('should remember a run a transaction held whole, and forget one whose steps it read twice or changed unheld', async () => {
    const started = await api.start('test-parked');
    await api.waitFor(started.id, (run) => run.state === 'waiting');
    const transactions = testApp.app.get(RunTransactions);
    const cache = testApp.app.get(RunStateCache);
    const key = { tenantId: api.session.activeTenant.id, runId: started.id };
    const error = () => cache.known([key])?.get(started.id)?.steps[0]?.error;

    await transactions.run(async (transaction) => {
      await transaction.lockRun(key.tenantId, key.runId);
      const [step] = await transaction.steps(key.runId);
      step.error = 'held whole';
      await transaction.saveStep(step);
    });
    assert.equal(error(), 'held whole');

    await transactions.run(async (transaction) => {
      await transaction.lockRun(key.tenantId, key.runId);
      await transaction.steps(key.runId);
      const [step] = await transaction.steps(key.runId);
      step.error = 'read twice';
      await transaction.saveStep(step);
    });
    assert.equal(cache.known([key]), undefined, 'which read is the run as committed is not known');
    await api.post(`/api/runs/${started.id}/cancel`);
  });

  it('should not record a step result over a cancel committed by another process while the step ran', async () => {
    const started = await api.start('test-two-steps');
    await api.waitFor(started.id, (run) => run.steps[0]?.state === 'running');
    // Cancelled elsewhere: this process's handler is not told, and its memory of the run is stale.
    await testApp.query(
      `WITH steps AS (UPDATE step_runs SET state = 'cancelled', finished_at = now() WHERE run_id = $1 AND state IN ('pending', 'queued', 'running'))
       UPDATE runs SET state = 'cancelled', finished_at = now(), error = 'Cancelled elsewhere.', version = version + 1 WHERE id = $1`,
      [started.id],
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const run = await api.run(started.id);
    assert.equal(run.state, 'cancelled');
    assert.deepEqual(
      run.steps.map((step) => step.state),
      ['cancelled', 'cancelled'],
    );
    const types = (await api.events(started.id)).map((event) => event.type);
    assert.ok(!types.includes(RUN_EVENT_TYPES.stepSucceeded), types.join(', '));
    const executions = await testApp.query(`SELECT * FROM test_step_executions WHERE effect_key LIKE $1`, [
      `${started.id}:second:%`,
    ]);
    assert.deepEqual(executions, [], 'the step after it never ran');
  });
});
