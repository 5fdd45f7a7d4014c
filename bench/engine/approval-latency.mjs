// The time from a supervisor's approval (the POST /api/decisions/:id/decide request leaving the
// client) to the `step.started` event of the step after the gate arriving on the WebSocket, over
// many runs of a gate-then-log runbook, on the whole app in-process (real PostgreSQL, Redis,
// BullMQ, socket.io). Goal: p99 < 100 ms on this machine.
//
// bench/engine/run.mjs can `import { measureApprovalLatency } from './approval-latency.mjs'`; run
// alone (after `tsc -b server/tsconfig.json`): `node bench/engine/approval-latency.mjs`.
// Environment: BENCH_APPROVALS (default 40), BENCH_APPROVAL_WARMUP (default 5).
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { CSRF_HEADER, SOCKET_EVENTS } from '@trustops/contracts';
import { io } from 'socket.io-client';

const dist = new URL('../../server/dist/', import.meta.url);
const { startAuthTestApp } = await import(new URL('auth/testing/auth-test-app.js', dist).href);
const { signIn } = await import(new URL('auth/testing/sign-in.js', dist).href);
const { TestBrowser } = await import(new URL('auth/testing/test-browser.js', dist).href);
const { SESSION_COOKIE } = await import(new URL('auth/auth-settings.js', dist).href);

const GOAL_P99_MS = 100;
const RUNBOOK = `
id: bench-approval-latency
version: 1
title: Approval latency
description: A gate, then a log step.
steps:
  - id: gate
    type: approval
    approval: { policy: require_one, roles: [supervisor], sla: 1h }
  - id: after
    type: log
    needs: [gate]
    with: { message: approved }
`;

/** Runs `approvals` gated runs (after `warmup` unmeasured ones); returns the latencies in milliseconds. */
export async function measureApprovalLatency({ approvals = 40, warmup = 5 } = {}) {
  const app = await startAuthTestApp({ env: { LOG_LEVEL: 'warn' } });
  const sockets = [];
  try {
    const operator = await person(app.url, 'operator');
    const supervisor = await person(app.url, 'supervisor');
    const analyst = await person(app.url, 'analyst');
    await expect(analyst.post('/api/runbooks', { yaml: RUNBOOK }), 201);

    const socket = io(`${app.url}/events`, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie: `${SESSION_COOKIE}=${operator.browser.sessionCookie}` },
    });
    sockets.push(socket);
    await new Promise((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)));
    const waiters = [];
    socket.on(SOCKET_EVENTS.event, (message) => {
      const at = performance.now();
      for (const waiter of [...waiters]) {
        if (!waiter.match(message)) continue;
        waiters.splice(waiters.indexOf(waiter), 1);
        clearTimeout(waiter.timer);
        waiter.resolve({ message, at });
      }
    });
    const next = (what, match) =>
      new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiter.timer = setTimeout(
          () => (waiters.splice(waiters.indexOf(waiter), 1), reject(new Error(`No ${what} within 20 s`))),
          20_000,
        );
        waiters.push(waiter);
      });

    const latencies = [];
    for (let index = 0; index < warmup + approvals; index += 1) {
      const run = await expect(operator.post('/api/runs', { runbookId: 'bench-approval-latency', inputs: {} }), 201);
      const stream = { kind: 'run', id: run.id };
      // Its payload is the DecisionView, whose id is the decision's.
      const requested = next(
        'decision.requested',
        (message) => message.runId === run.id && message.type === 'decision.requested',
      );
      const started = next(
        'step.started',
        (message) => message.runId === run.id && message.type === 'step.started' && message.payload.stepId === 'after',
      );
      const ack = await socket.timeout(10_000).emitWithAck(SOCKET_EVENTS.subscribe, { stream, afterSeq: 0 });
      if (!ack.ok) throw new Error(`Subscribing to the run failed: ${ack.message}`);
      const decisionId = (await requested).message.payload.id;
      const sent = performance.now();
      await expect(supervisor.post(`/api/decisions/${decisionId}/decide`, { verdict: 'approve' }), 200);
      const { at } = await started;
      if (index >= warmup) latencies.push(at - sent);
      socket.emit(SOCKET_EVENTS.unsubscribe, { stream });
    }
    return summarise(latencies);
  } finally {
    for (const socket of sockets) socket.close();
    await app.close();
  }
}

function summarise(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (quantile) => sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
  return { samples: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) };
}

async function person(url, role) {
  const browser = new TestBrowser(url);
  const session = await signIn(browser, role);
  return {
    browser,
    post: (path, body) =>
      browser.request(path, {
        method: 'POST',
        body,
        headers: { [CSRF_HEADER]: session.csrfToken, accept: 'application/json' },
      }),
  };
}

async function expect(responsePromise, status) {
  const response = await responsePromise;
  const text = await response.text();
  if (response.status !== status) throw new Error(`Expected ${status}, got ${response.status}: ${text}`);
  return JSON.parse(text);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await measureApprovalLatency({
    approvals: Number(process.env.BENCH_APPROVALS ?? 40),
    warmup: Number(process.env.BENCH_APPROVAL_WARMUP ?? 5),
  });
  console.log(
    `approval → next step.started on the WebSocket: ${result.samples} samples, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(1)} ms (goal p99 < ${GOAL_P99_MS} ms)`,
  );
  console.log(`ratio: ${(GOAL_P99_MS / result.p99).toFixed(3)}`);
  process.exit(0);
}
