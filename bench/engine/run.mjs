// No-op steps per second through the runbook engine (durable: every step claimed and committed in
// PostgreSQL with its events, dependants dispatched through BullMQ) against plain BullMQ no-op jobs
// on the same Redis, with the same worker concurrency, in the same run.
// Run after `tsc -b server/tsconfig.json`: `node bench/engine/run.mjs`.
// Environment: BENCH_ROUNDS (default 5), BENCH_RUNS (runs per round, default 200: enough work in
// flight to keep every worker slot busy, as a Trust's batch of checks would), BENCH_STEPS (steps
// per run, a chain, default 10), BENCH_CONCURRENCY (worker concurrency for both, default 32: the
// engine's default RUNS_STEP_CONCURRENCY),
// BENCH_DECISIONS (samples of the decision-to-next-step latency, default 50).
// BENCH_BASELINE_REPEAT (default 1): the baselines run that many times the engine's number of
// jobs (and chains), to lengthen their much shorter rounds; at 1 the chained baseline is exactly
// the engine's shape of work.
// Rounds alternate which side goes first; the ratio is the median of the rounds' ratios. Two
// baselines: flat jobs all enqueued at once (the headline `ratio`), and chains of jobs where each
// enqueues the next, as the engine's steps do (the same shape of work, printed beside it). This
// process's CPU time per step and per job is printed too, and PostgreSQL's per step: they vary
// less with the machine's load.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { io } from 'socket.io-client';

const dist = new URL('../../server/dist/', import.meta.url);
const { startAuthTestApp } = await import(new URL('auth/testing/auth-test-app.js', dist).href);
const { TestBrowser } = await import(new URL('auth/testing/test-browser.js', dist).href);
const { signIn } = await import(new URL('auth/testing/sign-in.js', dist).href);
const { SESSION_COOKIE } = await import(new URL('auth/auth-settings.js', dist).href);
const { deleteRedisKeys, TEST_REDIS_URL } = await import(new URL('platform/testing/test-services.js', dist).href);
const { redisConnectionOptions } = await import(new URL('platform/infrastructure/connection-urls.js', dist).href);
const { RunsService } = await import(new URL('runs/runs.service.js', dist).href);
const { RunbooksService } = await import(new URL('runs/runbooks.service.js', dist).href);
const { TenancyService } = await import(new URL('tenancy/tenancy.service.js', dist).href);
const { DataSource } = await import('typeorm');

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const runsPerRound = Number(process.env.BENCH_RUNS ?? 200);
const stepsPerRun = Number(process.env.BENCH_STEPS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const decisionSamples = Number(process.env.BENCH_DECISIONS ?? 50);
const baselineRepeat = Number(process.env.BENCH_BASELINE_REPEAT ?? 1);

const yaml = [
  'id: bench-chain',
  'version: 1',
  'title: Bench chain',
  'description: A chain of no-op steps.',
  'steps:',
  ...Array.from({ length: stepsPerRun }, (_, index) => [
    `  - id: s${index}`,
    '    type: test.noop',
    ...(index > 0 ? [`    needs: [s${index - 1}]`] : []),
  ]).flat(),
].join('\n');

const gateYaml = [
  'id: bench-gate',
  'version: 1',
  'title: Bench gate',
  'description: A step parked on a decision, then a no-op step.',
  'steps:',
  '  - id: gate',
  '    type: test.wait',
  '  - id: next',
  '    type: test.noop',
  '    needs: [gate]',
].join('\n');

const testApp = await startAuthTestApp({
  env: { TEST_STEP_TYPES: 'test.noop,test.wait', LOG_LEVEL: 'warn', RUNS_STEP_CONCURRENCY: String(concurrency) },
});
const baselinePrefix = `trustops-bench-${randomBytes(4).toString('hex')}`;
try {
  const app = testApp.app;
  const runs = app.get(RunsService);
  const dataSource = app.get(DataSource);
  const tenant = await app.get(TenancyService).ensureTenant('default', 'Default');
  const principal = {
    userId: null,
    displayName: 'Bench',
    tenantId: tenant.id,
    roles: [],
    permissions: new Set(),
    via: 'api_token',
  };
  await app.get(RunbooksService).save(principal, yaml);

  // PostgreSQL's own CPU (its backends serving this app's database, read from /proc: the bench
  // talks only to services on this machine), null where /proc cannot tell (another namespace).
  const database = (await dataSource.query('SELECT current_database() AS name'))[0].name;
  const ticksPerMs = 100 / 1000; // USER_HZ on Linux
  const postgresCpuMs = async () => {
    const backends = await dataSource.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
    let ticks = 0;
    try {
      for (const { pid } of backends) {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      }
    } catch {
      return null;
    }
    return ticks / ticksPerMs;
  };

  /** CPU time (user + system) in ms of this process and of PostgreSQL while `work` runs, beside what it returns. */
  const timed = async (work) => {
    const postgresBefore = await postgresCpuMs();
    const before = process.cpuUsage();
    const rate = await work();
    const used = process.cpuUsage(before);
    const postgresAfter = await postgresCpuMs();
    return {
      rate,
      cpuMs: (used.user + used.system) / 1000,
      postgresMs: postgresBefore === null || postgresAfter === null ? null : postgresAfter - postgresBefore,
    };
  };

  const engine = async () => {
    const started = performance.now();
    const ids = (
      await Promise.all(
        Array.from({ length: runsPerRound }, () => runs.start(principal, { runbookId: 'bench-chain', inputs: {} })),
      )
    ).map((run) => run.id);
    for (;;) {
      const [row] = await dataSource.query(
        `SELECT count(*) FILTER (WHERE state = 'succeeded') AS done, count(*) FILTER (WHERE state IN ('failed', 'cancelled')) AS bad FROM runs WHERE id = ANY($1)`,
        [ids],
      );
      if (Number(row.bad) > 0) throw new Error('A bench run failed');
      if (Number(row.done) === ids.length) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return (runsPerRound * stepsPerRun) / ((performance.now() - started) / 1000);
  };

  const connection = redisConnectionOptions(TEST_REDIS_URL);
  const queue = new Queue('bench-noop', { connection, prefix: baselinePrefix });
  // Flat jobs (all enqueued at once) and chained ones: each job of a chain enqueues the next when
  // it is done, as the engine enqueues a step's dependant (the same shape of work: runs × steps).
  // Durable chained jobs also commit a row in PostgreSQL before enqueuing the next: the least a
  // job that must not be lost does, without the engine's state, events and checks.
  await dataSource.query(
    'CREATE TABLE bench_durable_steps (id bigserial PRIMARY KEY, chain int NOT NULL, step int NOT NULL, done_at timestamptz NOT NULL DEFAULT now())',
  );
  const worker = new Worker(
    'bench-noop',
    async (job) => {
      if (job.name === 'durable')
        await dataSource.query('INSERT INTO bench_durable_steps (chain, step) VALUES ($1, $2)', [
          job.data.chain,
          job.data.step,
        ]);
      if ((job.name === 'chained' || job.name === 'durable') && job.data.step + 1 < stepsPerRun)
        await queue.add(job.name, { chain: job.data.chain, step: job.data.step + 1 }, { removeOnComplete: true });
    },
    { connection, prefix: baselinePrefix, concurrency },
  );
  const baselineChains = runsPerRound * baselineRepeat;
  /** Jobs a second: `jobs` added with one addBulk, timed until `total` jobs have completed. */
  const jobsPerSecond = async (jobs, total) => {
    let completed = 0;
    const finished = new Promise((resolve) => {
      const onCompleted = () => {
        completed++;
        if (completed === total) {
          worker.off('completed', onCompleted);
          resolve();
        }
      };
      worker.on('completed', onCompleted);
    });
    const started = performance.now();
    await queue.addBulk(jobs.map((job) => ({ ...job, opts: { removeOnComplete: true } })));
    await finished;
    return total / ((performance.now() - started) / 1000);
  };
  const chainsOf = (name) => () =>
    jobsPerSecond(
      Array.from({ length: baselineChains }, (_, chain) => ({ name, data: { chain, step: 0 } })),
      baselineChains * stepsPerRun,
    );
  const chained = chainsOf('chained');
  const durable = chainsOf('durable');
  const baseline = () =>
    jobsPerSecond(
      Array.from({ length: baselineChains * stepsPerRun }, (_, index) => ({ name: 'noop', data: { index } })),
      baselineChains * stepsPerRun,
    );

  // Warm-up of all.
  await engine();
  await baseline();
  await chained();
  await durable();
  const ratios = [];
  const chainedRatios = [];
  const durableRatios = [];
  const cpuRatios = [];
  for (let round = 0; round < rounds; round++) {
    let ours;
    let theirs;
    let theirsChained;
    let theirsDurable;
    if (round % 2 === 0) {
      ours = await timed(engine);
      theirs = await timed(baseline);
      theirsChained = await timed(chained);
      theirsDurable = await timed(durable);
    } else {
      theirsDurable = await timed(durable);
      theirsChained = await timed(chained);
      theirs = await timed(baseline);
      ours = await timed(engine);
    }
    ratios.push(ours.rate / theirs.rate);
    chainedRatios.push(ours.rate / theirsChained.rate);
    durableRatios.push(ours.rate / theirsDurable.rate);
    const engineCpu = ours.cpuMs / (runsPerRound * stepsPerRun);
    const postgresCpu = ours.postgresMs === null ? 'n/a' : (ours.postgresMs / (runsPerRound * stepsPerRun)).toFixed(2);
    const baselineCpu = theirs.cpuMs / (baselineChains * stepsPerRun);
    cpuRatios.push(baselineCpu / engineCpu);
    console.log(
      `round ${round + 1}: engine ${ours.rate.toFixed(0)} steps/s, plain BullMQ ${theirs.rate.toFixed(0)} jobs/s (ratio ${(ours.rate / theirs.rate).toFixed(3)}), chained BullMQ ${theirsChained.rate.toFixed(0)} jobs/s (ratio ${(ours.rate / theirsChained.rate).toFixed(3)}), durable chained ${theirsDurable.rate.toFixed(0)} jobs/s (ratio ${(ours.rate / theirsDurable.rate).toFixed(3)}); this process's CPU ${engineCpu.toFixed(2)} ms a step (PostgreSQL's ${postgresCpu}), ${baselineCpu.toFixed(2)} ms a job; load ${loadavg()[0].toFixed(1)}`,
    );
  }
  await worker.close();
  await queue.close();

  // Latency of a decision: from completeWaitingStep (what the approvals module calls when a
  // decision resolves) to the next step's step.started event arriving on a WebSocket subscriber.
  await app.get(RunbooksService).save(principal, gateYaml);
  const browser = new TestBrowser(testApp.url);
  await signIn(browser, 'analyst');
  const socket = io(`${testApp.url}/events`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: `${SESSION_COOKIE}=${browser.sessionCookie}` },
  });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const arrival = (runId, matches) =>
    new Promise((resolve) => {
      const listener = (message) => {
        if (message.runId === runId && matches(message)) {
          socket.off('event', listener);
          resolve(performance.now());
        }
      };
      socket.on('event', listener);
    });
  const latencies = [];
  for (let sample = 0; sample < decisionSamples; sample++) {
    const run = await runs.start(principal, { runbookId: 'bench-gate', inputs: {} });
    const stream = { kind: 'run', id: run.id };
    const parked = arrival(run.id, (message) => message.type === 'run.waiting');
    const ack = await socket.timeout(10_000).emitWithAck('subscribe', { stream, afterSeq: 0 });
    if (!ack.ok) throw new Error(`Subscribing refused: ${ack.message}`);
    await parked;
    const nextStarted = arrival(
      run.id,
      (message) => message.type === 'step.started' && message.payload.stepId === 'next',
    );
    const decidedAt = performance.now();
    await runs.completeWaitingStep(tenant.id, run.id, 'gate', { status: 'succeeded', output: {} });
    latencies.push((await nextStarted) - decidedAt);
    socket.emit('unsubscribe', { stream });
  }
  socket.disconnect();
  latencies.sort((a, b) => a - b);
  const percentile = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
  console.log(
    `decision to next step.started on the WebSocket (${latencies.length} samples): p50 ${percentile(50).toFixed(0)} ms, p99 ${percentile(99).toFixed(0)} ms (goal < 100 ms)`,
  );

  ratios.sort((a, b) => a - b);
  chainedRatios.sort((a, b) => a - b);
  durableRatios.sort((a, b) => a - b);
  cpuRatios.sort((a, b) => a - b);
  console.log(
    `runs per round: ${runsPerRound} × ${stepsPerRun} chained no-op steps; worker concurrency ${concurrency} (both); ${cpus().length} CPU(s), load ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `ratio against chained BullMQ jobs (same shape of work): ${chainedRatios[Math.floor(chainedRatios.length / 2)].toFixed(3)}`,
  );
  console.log(
    `ratio against durable chained BullMQ jobs (each commits a row first): ${durableRatios[Math.floor(durableRatios.length / 2)].toFixed(3)}`,
  );
  console.log(
    `CPU of this process, BullMQ job against engine step: ${cpuRatios[Math.floor(cpuRatios.length / 2)].toFixed(3)}`,
  );
  console.log(`ratio: ${ratios[Math.floor(ratios.length / 2)].toFixed(3)}`);
} finally {
  await testApp.close();
  await deleteRedisKeys(baselinePrefix);
}
