import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startAuthTestApp, type AuthTestApp } from '../auth/testing/auth-test-app.js';
import { signIn } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { AuditService } from '../audit/audit.service.js';
import { RunsApi } from '../runs/testing/runs-api.js';
import { NOTIFICATION_EVENT_TYPE, NotifyStep } from './notify.step.js';
import { fakeStepContext } from './testing/fake-step-context.js';

// Every built-in type in one run: log, then a wait and an HTTP call side by side, then a notification.
const ALL_TYPES = `
id: test-builtin-steps
title: Built-in steps
inputs:
  ward: { type: string, required: true }
steps:
  - id: start
    type: log
    with: { message: 'Checking {{ inputs.ward }}' }
  - id: pause
    type: wait
    needs: [start]
    with: { duration: 1s }
  - id: status
    type: http.request
    needs: [start]
    with:
      url: '{{ inputs.ward }}'
      method: POST
      body: { ward: 'Ward 7' }
  - id: tell
    type: notify
    needs: [pause, status]
    with:
      title: Check finished
      message: 'Status: {{ steps.status.output.body.state }}'
      level: warning
outputs:
  state: '{{ steps.status.output.body.state }}'
  channels: '{{ steps.tell.output.channels }}'
`;

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('built-in steps (integration)', { timeout: 120_000 }, () => {
  let testApp: AuthTestApp;
  let api: RunsApi;
  let server: Server;
  let base: string;
  const received: Received[] = [];

  before(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ path: request.url ?? '', headers: request.headers, body });
        response.setHeader('content-type', 'application/json');
        response.end(request.url === '/slack' ? '"ok"' : JSON.stringify({ state: 'green' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    testApp = await startAuthTestApp({
      env: { LOG_LEVEL: 'warn', HTTP_STEP_ALLOWED_HOSTS: new URL(base).host, SLACK_WEBHOOK_URL: `${base}/slack` },
    });
    const browser = new TestBrowser(testApp.url);
    api = new RunsApi(browser, await signIn(browser, 'analyst'));
    await api.saveRunbook(ALL_TYPES);
  });

  after(async () => {
    await testApp?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('should run log, wait, http.request and notify through the engine', async () => {
    const started = await api.start('test-builtin-steps', { ward: `${base}/status` });
    const run = await api.waitFor(started.id);
    assert.equal(
      run.state,
      'succeeded',
      JSON.stringify(run.steps.map((step) => [step.stepId, step.state, step.error])),
    );
    assert.deepEqual(run.outputs, { state: 'green', channels: ['in-app', 'slack'] });

    const call = received.find((request) => request.path === '/status');
    assert.equal(call?.body, '{"ward":"Ward 7"}');
    assert.equal(call?.headers['idempotency-key'], `${run.id}:status:1`);

    const slack = received.filter((request) => request.path === '/slack');
    assert.equal(slack.length, 1);
    const slackText = (JSON.parse(slack[0].body) as { text: string }).text;
    assert.match(slackText, /^:warning: \*Check finished\*\nStatus: green\n<http:\/\/127\.0\.0\.1:\d+\/runs\//);

    const events = await api.events(run.id);
    const notification = events.find((event) => event.type === NOTIFICATION_EVENT_TYPE);
    assert.deepEqual(notification?.payload, {
      stepId: 'tell',
      effectKey: `${run.id}:tell:1`,
      title: 'Check finished',
      message: 'Status: green',
      level: 'warning',
      channels: ['in-app', 'slack'],
    });
    // What a step says comes after it started, and each step's events come in the order they happened.
    const said = events.findIndex(
      (event) => event.type === 'step.log' && event.payload['message'] === `Checking ${base}/status`,
    );
    const startedAt = events.findIndex((event) => event.type === 'step.started' && event.payload['stepId'] === 'start');
    assert.ok(startedAt >= 0 && said > startedAt, 'the log step said its message after it started');
    const notified = events.findIndex((event) => event.type === NOTIFICATION_EVENT_TYPE);
    const tellStarted = events.findIndex(
      (event) => event.type === 'step.started' && event.payload['stepId'] === 'tell',
    );
    assert.ok(tellStarted >= 0 && notified > tellStarted, 'the notification came after its step started');

    // The wait parked the step and the engine resumed it about a second later.
    const pause = run.steps.find((step) => step.stepId === 'pause')!;
    const start = run.steps.find((step) => step.stepId === 'start')!;
    assert.ok(Date.parse(pause.finishedAt!) - Date.parse(start.finishedAt!) >= 900, 'waited about a second');

    const audit = await testApp.app
      .get(AuditService)
      .list(api.session.activeTenant.id, { action: 'notification.sent' });
    assert.equal(audit.records.length, 1);
    assert.equal(audit.records[0].resource.id, run.id);

    // A redelivered notify attempt finds its notification and sends nothing again.
    const notify = testApp.app.get(NotifyStep);
    const again = await notify.execute(
      fakeStepContext({
        tenantId: api.session.activeTenant.id,
        runId: run.id,
        stepId: 'tell',
        attempt: 1,
        params: { message: 'Status: green' },
      }),
    );
    assert.deepEqual(again, {
      status: 'succeeded',
      output: { channels: ['in-app', 'slack'], message: 'Status: green' },
    });
    assert.equal(received.filter((request) => request.path === '/slack').length, 1);
    assert.equal((await api.events(run.id)).filter((event) => event.type === NOTIFICATION_EVENT_TYPE).length, 1);
  });

  it('should fail an http.request step to a host that is not allowed, with the reason on the run', async () => {
    const started = await api.start('test-builtin-steps', { ward: 'https://not-allowed.example/status' });
    const run = await api.waitFor(started.id);
    assert.equal(run.state, 'failed');
    const status = run.steps.find((step) => step.stepId === 'status')!;
    assert.match(status.error ?? '', /calls to not-allowed\.example are not allowed/);
  });

  it('should run the built-in parallel-checks example, skipping the follow-up unless asked', async () => {
    const quiet = await api.waitFor((await api.start('parallel-checks', { system: 'PAS interface' })).id);
    assert.equal(quiet.state, 'succeeded', quiet.error ?? '');
    assert.deepEqual(quiet.outputs, { summary: 'Both checks finished for PAS interface' });
    assert.equal(quiet.steps.find((step) => step.stepId === 'follow_up')?.state, 'skipped');

    const asked = await api.waitFor(
      (await api.start('parallel-checks', { system: 'PAS interface', follow_up: 'yes' })).id,
    );
    assert.equal(asked.state, 'succeeded', asked.error ?? '');
    assert.equal(asked.steps.find((step) => step.stepId === 'follow_up')?.state, 'succeeded');
  });
});
