import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { signIn } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { findFreePort } from '../platform/infrastructure/free-port.js';
import { spawnServer, type ServerProcess } from '../platform/testing/spawn-server.js';
import {
  createTestDatabase,
  deleteRedisKeys,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
} from '../platform/testing/test-services.js';
import { RunsApi } from './testing/runs-api.js';

const RUNBOOK = `
id: crash-test
version: 1
title: Crash test
description: Three steps with side effects; the middle one is slow enough to be killed in.
steps:
  - id: before
    type: test.effect
    with: { value: 1 }
  - id: slow
    type: test.effect
    needs: [before]
    with: { sleepMs: 1500, value: 2 }
  - id: beside
    type: test.effect
    needs: [before]
    with: { value: 3 }
  - id: after
    type: test.effect
    needs: [slow, beside]
    with: { value: 4 }
`;

/**
 * The durability promise, end to end: a real server process is killed (SIGKILL, no clean-up)
 * while a step's handler is running; a new process on the same database and Redis finishes the
 * run, and every step's side effect happened exactly once.
 */
describe('the engine across real server processes', { timeout: 240_000 }, () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  it('should finish the run after a restart with each side effect exactly once', async () => {
    const database = await createTestDatabase();
    const queuePrefix = uniqueQueuePrefix();
    cleanups.push(
      () => database.drop(),
      () => deleteRedisKeys(queuePrefix),
    );
    const port = await findFreePort();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      PORT: String(port),
      NODE_ENV: 'test',
      SESSION_SECRET: 'crash-test-session-secret-0123456789abcdef',
      TEST_STEP_TYPES: 'test.effect',
      // A killed worker's lock lapses quickly, so the test does not wait 30 s for the takeover.
      RUNS_STEP_LOCK_MS: '2000',
      RUNS_RECOVERY_INTERVAL_MS: '2000',
    };
    const db = new pg.Client({ connectionString: database.url });
    const start = (): ServerProcess => {
      const server = spawnServer(env);
      cleanups.push(async () => {
        server.kill('SIGKILL');
        await server.exited;
      });
      return server;
    };

    const first = start();
    const url = await first.ready;
    await db.connect();
    cleanups.push(() => db.end());
    const browser = new TestBrowser(url);
    const api = new RunsApi(browser, await signIn(browser, 'analyst'));
    await api.saveRunbook(RUNBOOK);
    const run = await api.start('crash-test');
    const slowKey = `${run.id}:slow:1`;

    // Kill it while the slow step's handler is in the middle of its work (and the step is marked running).
    await waitUntil(async () => {
      const executing = await db.query(`SELECT 1 FROM test_step_executions WHERE effect_key = $1`, [slowKey]);
      const claimed = await db.query(
        `SELECT 1 FROM step_runs WHERE run_id = $1 AND step_id = 'slow' AND state = 'running'`,
        [run.id],
      );
      return executing.rowCount === 1 && claimed.rowCount === 1;
    });
    first.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');
    const effectsAtKill = await db.query(`SELECT 1 FROM test_step_effects WHERE effect_key = $1`, [slowKey]);
    assert.equal(effectsAtKill.rowCount, 0, 'the process died before the slow step did its work');

    const second = start();
    assert.equal(await second.ready, url);
    const done = await api.waitFor(run.id, undefined, 60_000);
    assert.equal(done.state, 'succeeded', done.error ?? '');

    const effects = await db.query<{ effect_key: string }>(
      `SELECT effect_key FROM test_step_effects WHERE effect_key LIKE $1 ORDER BY effect_key`,
      [`${run.id}:%`],
    );
    assert.deepEqual(
      effects.rows.map((row) => row.effect_key),
      ['after', 'before', 'beside', 'slow'].map((step) => `${run.id}:${step}:1`),
      'each side effect once, all from the first attempt',
    );
    const executions = await db.query<{ count: string }>(
      `SELECT count(*) FROM test_step_executions WHERE effect_key = $1`,
      [slowKey],
    );
    assert.equal(
      executions.rows[0]?.count,
      '2',
      'the slow step was run again after the crash, with the same effect key',
    );
    const events = await api.events(run.id);
    assert.deepEqual(
      events.map((event) => event.seq),
      events.map((_, index) => index + 1),
    );
    assert.ok(
      events.some(
        (event) =>
          event.type === 'step.log' &&
          event.payload['stepId'] === 'slow' &&
          /Picked up again/.test(String(event.payload['message'])),
      ),
    );
    assert.equal(events.filter((event) => event.type === 'step.succeeded').length, 4);

    second.kill('SIGTERM');
    assert.equal((await second.exited).code, 0, second.stderr());
  });
  it('should run steps in a separate ROLE=worker process and cancel them from the ROLE=api process', async () => {
    const database = await createTestDatabase();
    const queuePrefix = uniqueQueuePrefix();
    cleanups.push(
      () => database.drop(),
      () => deleteRedisKeys(queuePrefix),
    );
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      NODE_ENV: 'test',
      SESSION_SECRET: 'split-roles-session-secret-0123456789abcdef',
      TEST_STEP_TYPES: 'test.effect',
      SHUTDOWN_TIMEOUT_MS: '4000',
    };
    const spawnRole = (role: string): ServerProcess => {
      const server = spawnServer({ ...env, ROLE: role, PORT: '0' });
      cleanups.push(async () => {
        server.kill('SIGKILL');
        await server.exited;
      });
      return server;
    };
    const apiServer = spawnRole('api');
    const url = await apiServer.ready;
    const workerServer = spawnRole('worker');
    await workerServer.ready;
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    cleanups.push(() => db.end());

    const browser = new TestBrowser(url);
    const api = new RunsApi(browser, await signIn(browser, 'analyst'));
    await api.saveRunbook(RUNBOOK);
    const run = await api.start('crash-test');
    const done = await api.waitFor(run.id, undefined, 60_000);
    assert.equal(done.state, 'succeeded', done.error ?? '');

    await api.saveRunbook(RUNBOOK.replace('sleepMs: 1500', 'sleepMs: 8000'));
    const slow = await api.start('crash-test');
    await api.waitFor(
      slow.id,
      (current) => current.steps.find((step) => step.stepId === 'slow')?.state === 'running',
      30_000,
    );
    const cancelled = await api.json<{ state: string }>(api.post(`/api/runs/${slow.id}/cancel`), 200);
    assert.equal(cancelled.state, 'cancelled');
    // The worker's heartbeat notices within a couple of seconds and aborts the handler, which
    // would otherwise have done its work 8 s after it started.
    await new Promise((resolve) => setTimeout(resolve, 9000));
    const effects = await db.query(`SELECT 1 FROM test_step_effects WHERE effect_key = $1`, [`${slow.id}:slow:1`]);
    assert.equal(effects.rowCount, 0);
    assert.match(workerServer.stdout() + workerServer.stderr(), /Test step types registered/);

    // A worker asked to stop (SIGTERM) hands a step it cannot finish in time to the next worker.
    const handedOver = await api.start('crash-test');
    const slowKey = `${handedOver.id}:slow:1`;
    await api.waitFor(
      handedOver.id,
      (current) => current.steps.find((step) => step.stepId === 'slow')?.state === 'running',
      30_000,
    );
    workerServer.kill('SIGTERM');
    assert.equal((await workerServer.exited).code, 0, workerServer.stderr());
    assert.match(workerServer.stdout(), /Interrupted 1 running step/);
    const nextWorker = spawnRole('worker');
    await nextWorker.ready;
    const finished = await api.waitFor(handedOver.id, undefined, 60_000);
    assert.equal(finished.state, 'succeeded', finished.error ?? '');
    const slowEffects = await db.query(`SELECT 1 FROM test_step_effects WHERE effect_key = $1`, [slowKey]);
    assert.equal(slowEffects.rowCount, 1);
    const slowExecutions = await db.query(`SELECT 1 FROM test_step_executions WHERE effect_key = $1`, [slowKey]);
    assert.equal(slowExecutions.rowCount, 2);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`Not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
