import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeadLetterView, ErrorBody, RunDetail, RunListResponse, RunbookSummary } from '@trustops/contracts';
import { parseRunbook } from '@trustops/runbook';
import type { AuthTestApp } from '../auth/testing/auth-test-app.js';
import { RbacService } from '../rbac/rbac.service.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import type { Principal } from '../rbac/principal.js';
import { RunRecovery } from './run-recovery.js';
import { RunTransactions } from './run-transaction.js';
import { RunsService } from './runs.service.js';
import { StepDispatcher } from './step-dispatcher.js';
import type { RunsApi } from './testing/runs-api.js';
import { startRunsTestApp } from './testing/runs-test-app.js';

const DAG = `
id: test-dag
version: 1
title: Parallel branches
description: One step, two branches side by side, then a join.
inputs:
  name:
    type: string
    label: Name
    required: true
    minLength: 2
  count:
    type: number
    label: Count
    default: 2
    max: 10
steps:
  - id: first
    type: test.effect
    with: { value: '{{ inputs.name }}' }
  - id: left
    type: test.effect
    needs: [first]
    with: { sleepMs: 300, value: 'left of {{ steps.first.output.value }}' }
  - id: right
    type: test.effect
    needs: [first]
    with: { sleepMs: 300, value: right }
  - id: join
    type: test.effect
    needs: [left, right]
    with: { value: '{{ steps.left.output.value }} and {{ steps.right.output.value }}' }
  - id: optional
    type: test.effect
    needs: [join]
    when: inputs.count > 5
    with: {}
outputs:
  joined:
    value: '{{ steps.join.output.value }}'
`;

const FLAKY = `
id: test-flaky
version: 1
title: Flaky step
description: A step that fails twice.
steps:
  - id: flaky
    title: Flaky call
    type: test.fail
    with: { failTimes: 2 }
    retry: { attempts: 2, backoff: 1s, strategy: fixed }
  - id: after
    type: test.noop
    needs: [flaky]
`;

const SLOW = `
id: test-slow
version: 1
title: Slow step
description: A step that takes a minute unless cancelled.
steps:
  - id: slow
    type: test.effect
    with: { sleepMs: 60000 }
  - id: never
    type: test.noop
    needs: [slow]
`;

const TIMEOUT = `
id: test-timeout
version: 1
title: Time limit
description: A step that takes longer than it may.
steps:
  - id: slow
    type: test.effect
    timeout: 1s
    with: { sleepMs: 5000 }
`;

const WAITS = `
id: test-waits
version: 1
title: Waits
description: Waits on a decision and on a timer.
steps:
  - id: prepare
    type: test.effect
    with: { sleepMs: 500 }
  - id: gate
    type: test.wait
    needs: [prepare]
  - id: timer
    type: test.wait
    needs: [gate]
    with: { resumeInMs: 300 }
outputs:
  approvedBy:
    value: '{{ steps.gate.output.by }}'
`;

const SKIPPED = `
id: test-skipped-reads
version: 1
title: Reads a skipped step
description: A step skipped by its condition, then one that reads its output.
inputs:
  go:
    type: boolean
    label: Go
    default: false
steps:
  - id: maybe
    type: test.effect
    when: inputs.go
    with: { value: ran }
  - id: after
    type: test.effect
    needs: [maybe]
    with: { value: '{{ steps.maybe.output.value }}' }
`;

const badWait = (id: string) => `
id: ${id}
version: 1
title: A wait that cannot be read
description: Its second step waits "soon".
steps:
  - id: first
    type: log
    with: { message: hello }
  - id: pause
    type: wait
    needs: [first]
    with: { duration: soon }
`;

describe('runs (integration)', { timeout: 120_000 }, () => {
  let testApp: AuthTestApp;
  let api: RunsApi;

  before(async () => {
    ({ testApp, api } = await startRunsTestApp([DAG, FLAKY, SLOW, WAITS, TIMEOUT]));
  });

  after(async () => {
    await testApp?.close();
  });

  it('should run parallel branches after what they need and before what needs them, in the events too', async () => {
    const started = await api.start('test-dag', { name: 'Ward 7' });
    assert.equal(started.runbookVersion, 1);
    assert.deepEqual(started.inputs, { name: 'Ward 7', count: 2 });
    const run = await api.waitFor(started.id);
    assert.equal(run.state, 'succeeded', run.error ?? '');
    assert.deepEqual(run.outputs, { joined: 'left of Ward 7 and right' });
    assert.deepEqual(Object.fromEntries(run.steps.map((step) => [step.stepId, step.state])), {
      first: 'succeeded',
      left: 'succeeded',
      right: 'succeeded',
      join: 'succeeded',
      optional: 'skipped',
    });

    const events = await api.events(run.id);
    assert.deepEqual(
      events.map((event) => event.seq),
      events.map((_, index) => index + 1),
      'gapless seq',
    );
    const at = (type: string, stepId?: string) =>
      events.findIndex((event) => event.type === type && (stepId === undefined || event.payload['stepId'] === stepId));
    assert.ok(at('run.queued') === 0);
    assert.equal(at('step.started', 'first'), at('run.started') + 1, 'the run starts, then its first step');
    assert.ok(at('step.succeeded', 'first') < at('step.started', 'left'));
    assert.ok(at('step.succeeded', 'first') < at('step.started', 'right'));
    // Both branches were running at the same time.
    assert.ok(
      at('step.started', 'right') < at('step.succeeded', 'left') &&
        at('step.started', 'left') < at('step.succeeded', 'right'),
    );
    assert.ok(
      at('step.succeeded', 'left') < at('step.started', 'join') &&
        at('step.succeeded', 'right') < at('step.started', 'join'),
    );
    assert.ok(at('step.skipped', 'optional') > at('step.succeeded', 'join'));
    assert.equal(events.at(-1)?.type, 'run.succeeded');
    assert.equal(events.filter((event) => event.type === 'run.started').length, 1);
  });

  it('should retry with backoff, dead-letter the step after its last attempt, fail the run, and succeed when retried by hand', async () => {
    const started = await api.start('test-flaky');
    const failed = await api.waitFor(started.id);
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error, 'The step "Flaky call" failed after 2 attempts: Test failure on attempt 2.');
    const flaky = failed.steps.find((step) => step.stepId === 'flaky');
    assert.equal(flaky?.state, 'failed');
    assert.equal(flaky?.attempt, 2);
    assert.equal(failed.steps.find((step) => step.stepId === 'after')?.state, 'pending');

    const events = await api.events(started.id);
    const failures = events.filter((event) => event.type === 'step.failed');
    assert.deepEqual(
      failures.map((event) => [event.payload['attempt'], event.payload['willRetry']]),
      [
        [1, true],
        [2, false],
      ],
    );
    const firstFailure = Date.parse(failures[0].ts);
    const secondStart = events.find((event) => event.type === 'step.started' && event.payload['attempt'] === 2);
    assert.ok(Date.parse(secondStart!.ts) - firstFailure >= 900, 'waited for the backoff');
    assert.ok(events.some((event) => event.type === 'step.dead_lettered'));

    const letters = await api.json<DeadLetterView[]>(api.get('/api/dead-letters'), 200);
    const letter = letters.find((candidate) => candidate.runId === started.id);
    assert.deepEqual(
      { ...letter, failedAt: undefined },
      {
        runId: started.id,
        runbookTitle: 'Flaky step',
        stepId: 'flaky',
        stepTitle: 'Flaky call',
        attempts: 2,
        error: 'Test failure on attempt 2.',
        failedAt: undefined,
      },
    );

    const retried = await api.json<RunDetail>(api.post(`/api/runs/${started.id}/steps/flaky/retry`), 200);
    assert.equal(retried.state, 'running');
    const done = await api.waitFor(started.id);
    assert.equal(done.state, 'succeeded');
    assert.equal(done.steps.find((step) => step.stepId === 'flaky')?.attempt, 3);
    assert.equal(
      (await api.json<DeadLetterView[]>(api.get('/api/dead-letters'), 200)).some(
        (candidate) => candidate.runId === started.id,
      ),
      false,
    );
    const conflict = await api.post(`/api/runs/${started.id}/steps/flaky/retry`);
    assert.equal(conflict.status, 409);
  });

  it('should stop a step at its time limit and fail it with a plain reason', async () => {
    const started = await api.start('test-timeout');
    const done = await api.waitFor(started.id);
    assert.equal(done.state, 'failed');
    assert.equal(done.error, 'The step "slow" failed: It took longer than its time limit of 1s.');
    const finishedAt = Date.parse(done.finishedAt ?? '');
    assert.ok(finishedAt - Date.parse(done.startedAt ?? '') < 4000, 'it did not wait for the handler');
  });

  it('should return the same run for the same idempotency key, one after another and all at once', async () => {
    const first = await api.start('test-dag', { name: 'Key' }, 'same-key-1');
    const again = await api.json<RunDetail>(
      api.post('/api/runs', { runbookId: 'test-dag', inputs: { name: 'Key' }, idempotencyKey: 'same-key-1' }),
      200,
    );
    assert.equal(again.id, first.id);

    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.post('/api/runs', { runbookId: 'test-dag', inputs: { name: 'Together' }, idempotencyKey: 'same-key-2' }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(
      await Promise.all(responses.map(async (response) => ((await response.json()) as RunDetail).id)),
    );
    assert.equal(ids.size, 1);
    const count = await testApp.query<{ count: string }>(
      `SELECT count(*) FROM runs WHERE idempotency_key = 'same-key-2'`,
    );
    assert.equal(count[0]?.count, '1');
  });

  it('should start runs that arrive together in shared commits, each with its own events, and a clash of keys among them answered alone', async () => {
    const transactions = testApp.app.get(RunTransactions);
    const runs = testApp.app.get(RunsService);
    const principal: Principal = {
      userId: api.session.user.id,
      displayName: 'Batch starter',
      tenantId: api.session.activeTenant.id,
      roles: [],
      permissions: new Set(),
      via: 'api_token',
    };
    // The first insert is held until the other starts wait behind it, as they do when a batch of
    // starts arrives while one commits; then they must go together, in one transaction.
    const waiting = (runs as unknown as { inserts: { queue: unknown[] } }).inserts.queue;
    const send = transactions.runInOneMessage.bind(transactions);
    let sent = 0;
    const startTogether = async <T>(count: number, start: (index: number) => Promise<T>): Promise<T[]> => {
      sent = 0;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      transactions.runInOneMessage = async (first, work) => {
        // Only inserts of runs: a started run's step results are sent this way too.
        if (first.some((statement) => statement.prepared === 'runs_insert') && ++sent === 1) await held;
        return send(first, work);
      };
      const started = Promise.all(Array.from({ length: count }, (_, index) => start(index)));
      while (waiting.length < count - 1) await new Promise((resolve) => setTimeout(resolve, 5));
      release();
      return started;
    };
    try {
      const count = 24;
      const started = await startTogether(count, (index) =>
        runs.start(principal, { runbookId: 'test-dag', inputs: { name: `Batch ${index}` } }),
      );
      assert.equal(sent, 2, 'one start alone, then the other 23 together');
      assert.equal(new Set(started.map((run) => run.id)).size, count);
      for (const [index, run] of started.entries()) {
        assert.deepEqual(run.inputs, { name: `Batch ${index}`, count: 2 });
        assert.equal(run.steps.length, 5);
        assert.ok(run.createdAt, 'the database timestamps of its own row');
      }
      for (const run of await Promise.all(started.map((run) => api.waitFor(run.id)))) {
        assert.equal(run.state, 'succeeded', run.error ?? '');
        const events = await api.events(run.id);
        assert.deepEqual(
          events.map((event) => event.seq),
          events.map((_, index) => index + 1),
          'each run its own gapless stream',
        );
        assert.equal(events[0]?.type, 'run.queued');
        assert.equal(events[0]?.payload['title'], 'Parallel branches');
      }

      // Two starts with one key among others: the batch with the second fails on the key and is
      // tried again run by run, so both answer the one run and the others start as if alone.
      const mixed = await startTogether(8, (index) =>
        runs.startOrFind(
          principal,
          index === 0 || index === 7
            ? { runbookId: 'test-dag', inputs: { name: 'Clash' }, idempotencyKey: 'batch-key' }
            : { runbookId: 'test-dag', inputs: { name: `Beside ${index}` } },
        ),
      );
      assert.ok(sent > 2, 'the batch was tried again run by run');
      const clashing = [mixed[0], mixed[7]];
      assert.equal(clashing[0].run.id, clashing[1].run.id);
      assert.deepEqual(clashing.map((outcome) => outcome.created).sort(), [false, true]);
      assert.equal(new Set(mixed.map((outcome) => outcome.run.id)).size, 7);
      assert.ok(mixed.slice(1, 7).every((outcome) => outcome.created));
      const keyed = await testApp.query<{ count: string }>(
        `SELECT count(*) FROM runs WHERE idempotency_key = 'batch-key'`,
      );
      assert.equal(keyed[0]?.count, '1');
      for (const outcome of mixed) assert.equal((await api.waitFor(outcome.run.id)).state, 'succeeded');
    } finally {
      transactions.runInOneMessage = send;
    }
  });

  it('should cancel a run: the running handler is aborted and what was pending never runs', async () => {
    const started = await api.start('test-slow');
    await api.waitFor(started.id, (run) => run.steps[0]?.state === 'running');
    const cancelled = await api.json<RunDetail>(
      api.post(`/api/runs/${started.id}/cancel`, { reason: 'Not needed any more' }),
      200,
    );
    assert.equal(cancelled.state, 'cancelled');
    assert.deepEqual(
      cancelled.steps.map((step) => step.state),
      ['cancelled', 'cancelled'],
    );
    assert.match(cancelled.error ?? '', /^Cancelled by .+: Not needed any more$/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const effects = await testApp.query(`SELECT * FROM test_step_effects WHERE effect_key LIKE $1`, [
      `${started.id}:%`,
    ]);
    assert.deepEqual(effects, [], 'the aborted handler did not finish its work');
    assert.equal((await api.run(started.id)).state, 'cancelled');
    assert.equal((await api.post(`/api/runs/${started.id}/cancel`)).status, 409);
    const audit = await testApp.query<{ outcome: string; resource_id: string }>(
      `SELECT outcome, resource_id FROM audit_records WHERE action = 'run.cancelled' ORDER BY sequence`,
    );
    assert.deepEqual(audit, [
      { outcome: 'success', resource_id: started.id },
      { outcome: 'failure', resource_id: started.id },
    ]);
  });

  it('should take back the queued job of a step waiting on a timer when its run is cancelled', async () => {
    await api.saveRunbook(`
id: test-long-timer
version: 1
title: A long timer
description: Waits a minute on a timer.
steps:
  - id: later
    type: test.wait
    with: { resumeInMs: 60000 }
`);
    const started = await api.start('test-long-timer');
    await api.waitFor(started.id, (run) => run.state === 'waiting');
    const [step] = await testApp.query<{ attempt: number; dispatch: number }>(
      `SELECT attempt, dispatch FROM step_runs WHERE run_id = $1 AND step_id = 'later'`,
      [started.id],
    );
    assert.ok(step);
    const dispatcher = testApp.app.get(StepDispatcher);
    const job = { runId: started.id, stepId: 'later', attempt: step.attempt, dispatch: step.dispatch };
    assert.equal(await dispatcher.isLive(job), true, 'the timer waits in the queue');
    await api.json<RunDetail>(api.post(`/api/runs/${started.id}/cancel`), 200);
    assert.equal(await dispatcher.isLive(job), false, 'taken back with the cancel');
  });

  it("should read a skipped step's output fields as null in later templates", async () => {
    await api.saveRunbook(SKIPPED);
    const started = await api.start('test-skipped-reads', {});
    const done = await api.waitFor(started.id, (run) => ['succeeded', 'failed'].includes(run.state));
    assert.equal(done.state, 'succeeded', done.error ?? '');
    assert.equal(done.steps.find((step) => step.stepId === 'maybe')?.state, 'skipped');
    assert.equal(
      (done.steps.find((step) => step.stepId === 'after')?.output as { value?: unknown } | null | undefined)?.value,
      null,
    );
  });

  it('should refuse to save a runbook whose step parameters its step type refuses, naming the step', async () => {
    const response = await api.post('/api/runbooks', { yaml: badWait('test-bad-wait') });
    const body = (await response.json()) as ErrorBody;
    assert.equal(response.status, 400);
    assert.equal(body.details?.length, 1, JSON.stringify(body));
    assert.match(body.details?.[0] ?? '', /^steps\[1\] \(pause\): .*"soon"/);
    assert.match(body.message, /soon/);
  });

  it('should refuse to start a run of a stored version whose step parameters its step type refuses', async () => {
    // A version stored before the check existed (saving now refuses it), straight into the table.
    const parsed = parseRunbook(badWait('test-old-bad-wait'), 'old.yaml');
    assert.ok(parsed.ok);
    await testApp.query(
      `INSERT INTO runbook_versions (tenant_id, runbook_id, version, yaml, definition) VALUES ($1, $2, 1, $3, $4)`,
      [api.session.activeTenant.id, 'test-old-bad-wait', badWait('test-old-bad-wait'), JSON.stringify(parsed.runbook)],
    );
    const response = await api.post('/api/runs', { runbookId: 'test-old-bad-wait', inputs: {} });
    const body = (await response.json()) as ErrorBody;
    assert.equal(response.status, 400);
    assert.match(body.details?.[0] ?? '', /^steps\[1\] \(pause\): .*"soon"/);
    const [count] = await testApp.query<{ n: string }>(`SELECT count(*) AS n FROM runs WHERE runbook_id = $1`, [
      'test-old-bad-wait',
    ]);
    assert.equal(count?.n, '0');
  });

  it('should refuse inputs that do not fit the runbook, field by field', async () => {
    const response = await api.post('/api/runs', { runbookId: 'test-dag', inputs: { name: 'x', count: 50 } });
    const body = (await response.json()) as ErrorBody;
    assert.equal(response.status, 400);
    assert.equal(body.details?.length, 2, JSON.stringify(body));
    assert.ok(body.details?.some((detail) => detail.startsWith('name: ')));
    assert.ok(body.details?.some((detail) => detail.startsWith('count: ')));
    assert.equal((await api.post('/api/runs', { runbookId: 'no-such-runbook', inputs: {} })).status, 404);
  });

  it('should resume a step waiting on a decision, apply a decision that came early, and resume a timer', async () => {
    const runs = testApp.app.get(RunsService);
    const tenantId = api.session.activeTenant.id;

    const started = await api.start('test-waits');
    const waiting = await api.waitFor(started.id, (run) => run.state === 'waiting');
    const gate = waiting.steps.find((step) => step.stepId === 'gate');
    assert.equal(gate?.state, 'waiting');
    assert.equal(gate?.decisionId, `test:${started.id}:gate:1`);
    await runs.completeWaitingStep(tenantId, started.id, 'gate', {
      status: 'succeeded',
      output: { by: 'Dr Approver' },
    });
    await runs.completeWaitingStep(tenantId, started.id, 'gate', { status: 'failed', error: 'too late' });
    const done = await api.waitFor(started.id);
    assert.equal(done.state, 'succeeded', done.error ?? '');
    assert.deepEqual(done.outputs, { approvedBy: 'Dr Approver' });
    const types = (await api.events(started.id)).map((event) => event.type);
    assert.ok(types.includes('run.waiting'));

    // The decision arrives while the step before the gate is still working.
    const early = await api.start('test-waits');
    await runs.completeWaitingStep(tenantId, early.id, 'gate', { status: 'succeeded', output: { by: 'Early Bird' } });
    const earlyDone = await api.waitFor(early.id);
    assert.equal(earlyDone.state, 'succeeded');
    assert.deepEqual(earlyDone.outputs, { approvedBy: 'Early Bird' });

    const rejected = await api.start('test-waits');
    await api.waitFor(rejected.id, (run) => run.state === 'waiting');
    await runs.completeWaitingStep(tenantId, rejected.id, 'gate', {
      status: 'failed',
      error: 'Rejected by the supervisor.',
    });
    const rejectedDone = await api.waitFor(rejected.id);
    assert.equal(rejectedDone.state, 'failed');
    assert.match(rejectedDone.error ?? '', /Rejected by the supervisor\./);
  });

  it('should dispatch again a step whose dispatch was lost, and leave alone one whose job is alive', async () => {
    const started = await api.start('test-waits');
    await api.waitFor(started.id, (run) => run.state === 'waiting');
    const recovery = testApp.app.get(RunRecovery);
    assert.equal(await recovery.sweep(0), 0, 'nothing is stranded');
    // As if a process died between committing "gate is queued" and enqueuing it (its old job is long finished).
    await testApp.query(
      `UPDATE step_runs SET state = 'queued', updated_at = now() - interval '1 minute' WHERE run_id = $1 AND step_id = 'gate'`,
      [started.id],
    );
    assert.equal(await recovery.sweep(), 1);
    const again = await api.waitFor(
      started.id,
      (run) => run.steps.find((step) => step.stepId === 'gate')?.state === 'waiting',
    );
    assert.equal(again.state, 'waiting');
    const [row] = await testApp.query<{ dispatch: number }>(
      `SELECT dispatch FROM step_runs WHERE run_id = $1 AND step_id = 'gate'`,
      [started.id],
    );
    assert.equal(row?.dispatch, 1);
    assert.ok(
      (await api.events(started.id)).some(
        (event) => event.type === 'step.log' && /Dispatched again/.test(String(event.payload['message'])),
      ),
    );
    await api.post(`/api/runs/${started.id}/cancel`);
  });

  it('should list runs newest first with filters and a cursor, and re-run one with the same inputs', async () => {
    const first = await api.json<RunListResponse>(api.get('/api/runs?limit=2&runbookId=test-dag'), 200);
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const second = await api.json<RunListResponse>(
      api.get(`/api/runs?limit=2&runbookId=test-dag&cursor=${first.nextCursor}`),
      200,
    );
    assert.ok(second.items.length >= 1);
    assert.equal(
      new Set([...first.items, ...second.items].map((run) => run.id)).size,
      first.items.length + second.items.length,
    );
    assert.ok(first.items.every((run) => run.runbookId === 'test-dag'));
    const failedOnly = await api.json<RunListResponse>(api.get('/api/runs?state=failed'), 200);
    assert.ok(failedOnly.items.every((run) => run.state === 'failed'));
    assert.equal((await api.get('/api/runs?cursor=nonsense')).status, 400);

    const original = first.items[0];
    const rerun = await api.json<RunDetail>(api.post(`/api/runs/${original.id}/rerun`), 201);
    assert.notEqual(rerun.id, original.id);
    assert.deepEqual(rerun.inputs, (await api.run(original.id)).inputs);
  });

  it("should keep runs to their tenant: another tenant's run is not found", async () => {
    const started = await api.start('test-dag', { name: 'Private' });
    const tenancy = testApp.app.get(TenancyService);
    const other = await tenancy.ensureTenant('other-trust', 'Other Trust');
    await tenancy.addMember(other.id, api.session.user.id);
    await testApp.app.get(RbacService).assignRole(other.id, api.session.user.id, 'analyst', 'admin', null);
    const switched = await api.post('/api/session/tenant', { tenantId: other.id });
    assert.equal(switched.status, 200);
    for (const path of [`/api/runs/${started.id}`, `/api/runs/${started.id}/events`])
      assert.equal((await api.get(path)).status, 404, path);
    assert.equal((await api.post(`/api/runs/${started.id}/cancel`)).status, 404);
    assert.equal((await api.post(`/api/runs/${started.id}/rerun`)).status, 404);
    const list = await api.json<RunListResponse>(api.get('/api/runs'), 200);
    assert.equal(list.items.length, 0);
    assert.equal((await api.post('/api/session/tenant', { tenantId: api.session.activeTenant.id })).status, 200);
  });

  it('should keep runbook versions with a diff and roll back to an earlier one, beside the built-in library', async () => {
    const v2 = await api.saveRunbook(SLOW.replace('title: Slow step', 'title: Slower step'));
    assert.equal(v2.version, 2);
    const diff = await api.get('/api/runbooks/test-slow/diff?from=1&to=2');
    assert.equal(diff.status, 200);
    assert.match(
      await diff.text(),
      /^--- test-slow version 1\n\+\+\+ test-slow version 2\n@@ .* @@\n[\s\S]*-title: Slow step\n\+title: Slower step\n/,
    );
    const rolledBack = await api.json<{ version: number; title: string }>(
      api.post('/api/runbooks/test-slow/rollback', { version: 1 }),
      201,
    );
    assert.deepEqual([rolledBack.version, rolledBack.title], [3, 'Slow step']);
    const versions = await api.json<Array<{ version: number }>>(api.get('/api/runbooks/test-slow/versions'), 200);
    assert.deepEqual(
      versions.map((version) => version.version),
      [3, 2, 1],
    );
    const latest = await api.json<{ version: number; yaml: string; definition: { id: string } }>(
      api.get('/api/runbooks/test-slow'),
      200,
    );
    assert.equal(latest.version, 3);
    assert.equal(latest.definition.id, 'test-slow');

    const list = await api.json<RunbookSummary[]>(api.get('/api/runbooks'), 200);
    assert.ok(
      list.some((runbook) => runbook.id === 'test-slow' && runbook.source === 'custom' && runbook.version === 3),
    );
    assert.ok(
      list.some((runbook) => runbook.id === 'parallel-checks' && runbook.source === 'builtin'),
      'the built-in library is loaded from runbooks/',
    );

    const invalid = await api.post('/api/runbooks', { yaml: 'id: broken\nsteps: 3\n' });
    assert.equal(invalid.status, 400);
    assert.ok(((await invalid.json()) as ErrorBody).details?.length);
    const audit = await testApp.query<{ action: string }>(
      `SELECT DISTINCT action FROM audit_records WHERE action LIKE 'runbook.%' ORDER BY action`,
    );
    assert.deepEqual(
      audit.map((row) => row.action),
      ['runbook.rolled-back', 'runbook.saved'],
    );
  });
});
