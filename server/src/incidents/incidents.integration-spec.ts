import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { io, type Socket } from 'socket.io-client';
import {
  CSRF_HEADER,
  SOCKET_EVENTS,
  type LiveEventMessage,
  type SubscribeAck,
  type DecisionView,
  type ErrorBody,
  type IncidentDetail,
  type IncidentListResponse,
  type IntegrationStatusResponse,
  type IntegrationStatusView,
  type IncidentSummaryView,
  type RunDetail,
  type ScenarioResponse,
  type SessionResponse,
  type UserListResponse,
} from '@trustops/contracts';
import { SESSION_COOKIE } from '../auth/auth-settings.js';
import { DEMO_USERS } from '../auth/dev-identity-provider/demo-users.js';
import { startAuthTestApp, type AuthTestApp } from '../auth/testing/auth-test-app.js';
import { signIn, withCsrf } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { errorReply, FakeAnthropic, textReply } from '../runners/testing/fake-anthropic.js';
import { PermanentStepError } from '../runs/step-handler.js';
import { RunsApi } from '../runs/testing/runs-api.js';
import { fakeStepContext } from '../steps/testing/fake-step-context.js';
import { IncidentStepHandlers } from './incident-step-handlers.js';
import { loadScenarioFixtures, type ScenarioFixture } from './integrations/mock/scenario-fixture.js';

/** The lifecycle's transitions, in the order every resolved incident goes through them. */
const RESOLVED_TIMELINE = [
  'incident.reported',
  'incident.classified',
  'incident.evidence-gathered',
  'incident.diagnosed',
  'incident.recommended',
  'incident.action-executed',
  'incident.verification',
  'incident.summarised',
];

/** A browser's live-events socket, signed in with its session cookie. */
async function liveSocket(url: string, api: RunsApi): Promise<Socket> {
  const socket = io(`${url}/events`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: `${SESSION_COOKIE}=${api.browser.sessionCookie ?? ''}` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

const subscribe = async (
  socket: Socket,
  id: string,
  kind: 'incident' | 'incidents' = 'incident',
): Promise<SubscribeAck> =>
  (await socket
    .timeout(10_000)
    .emitWithAck(SOCKET_EVENTS.subscribe, { stream: { kind, id }, afterSeq: 0 })) as SubscribeAck;

async function until(what: string, done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) assert.fail(`waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('incidents (integration)', { timeout: 300_000 }, () => {
  let testApp: AuthTestApp;
  let operator: RunsApi;
  let supervisor: RunsApi;
  let secondSupervisor: RunsApi;
  let admin: RunsApi;
  let fixtures: ScenarioFixture[];

  async function signedIn(who: Parameters<typeof signIn>[1]): Promise<RunsApi> {
    const browser = new TestBrowser(testApp.url);
    return new RunsApi(browser, await signIn(browser, who));
  }

  async function grantSupervisor(session: SessionResponse): Promise<void> {
    const users = await admin.json<UserListResponse>(admin.get('/api/admin/users'), 200);
    const user = users.items.find((candidate) => candidate.id === session.user.id);
    assert.ok(user);
    const granted = await admin.browser.request(
      `/api/admin/users/${user.id}/roles`,
      withCsrf(admin.session.csrfToken, { method: 'POST', body: { role: 'supervisor' } }),
    );
    assert.equal(granted.status, 204);
  }

  const put = (api: RunsApi, path: string, body: unknown) =>
    api.browser.request(path, {
      method: 'PUT',
      body,
      headers: { [CSRF_HEADER]: api.session.csrfToken, accept: 'application/json' },
    });

  const selectScenario = (id: string) =>
    admin.json<ScenarioResponse>(put(admin, '/api/incidents/scenario', { scenario: id }), 200);

  const incident = (api: RunsApi, id: string) => api.json<IncidentDetail>(api.get(`/api/incidents/${id}`), 200);

  async function waitForIncident(
    api: RunsApi,
    id: string,
    done: (detail: IncidentDetail) => boolean,
    timeoutMs = 30_000,
  ): Promise<IncidentDetail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const detail = await incident(api, id);
      if (done(detail)) return detail;
      if (Date.now() > deadline)
        assert.fail(`Incident ${id} is ${detail.status}: ${detail.timeline.map((entry) => entry.message).join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function gateDecision(api: RunsApi, runId: string): Promise<{ run: RunDetail; decision: DecisionView }> {
    const run = await api.waitFor(runId, (candidate) =>
      candidate.steps.some((step) => step.type === 'approval' && step.state === 'waiting'),
    );
    const gate = run.steps.find((step) => step.type === 'approval' && step.state === 'waiting');
    assert.ok(gate?.decisionId);
    return { run, decision: await api.json<DecisionView>(api.get(`/api/decisions/${gate.decisionId}`), 200) };
  }

  const approve = (api: RunsApi, decisionId: string, status = 200) =>
    api.json<DecisionView | ErrorBody>(
      api.post(`/api/decisions/${decisionId}/decide`, { verdict: 'approve', comment: 'Go ahead' }),
      status,
    );

  async function appliedActions(): Promise<unknown[]> {
    const rows = await testApp.query<{ applied_actions: unknown[] }>(
      'SELECT applied_actions FROM incident_mock_states WHERE tenant_id = $1',
      [operator.session.activeTenant.id],
    );
    return rows[0]?.applied_actions ?? [];
  }

  before(async () => {
    fixtures = await loadScenarioFixtures();
    testApp = await startAuthTestApp({ env: { LOG_LEVEL: 'warn', INCIDENT_DIAGNOSIS_ENGINE: 'offline' } });
    admin = await signedIn('admin');
    operator = await signedIn('operator');
    supervisor = await signedIn('supervisor');
    secondSupervisor = await signedIn(DEMO_USERS.find((user) => user.role === null)!);
    await grantSupervisor(secondSupervisor.session);
    // The operator may also approve in general, so only separation of duties stops them approving their own incident.
    await grantSupervisor(operator.session);
  });

  after(async () => {
    await testApp?.close();
  });

  it('should switch scenarios per tenant, for people who may change settings, and show each integration mock and healthy', async () => {
    const initial = await admin.json<ScenarioResponse>(admin.get('/api/incidents/scenario'), 200);
    assert.equal(initial.active, 'high-cpu');
    assert.deepEqual(
      initial.scenarios.map((scenario) => scenario.id).sort(),
      fixtures.map((fixture) => fixture.id).sort(),
    );

    const unknown = await admin.json<ErrorBody>(
      put(admin, '/api/incidents/scenario', { scenario: 'no-such-thing' }),
      400,
    );
    assert.match(unknown.message, /There is no scenario called "no-such-thing"/);
    await operator.json<ErrorBody>(put(operator, '/api/incidents/scenario', { scenario: 'hl7-backlog' }), 403);

    assert.equal((await selectScenario('hl7-backlog')).active, 'hl7-backlog');
    assert.equal((await admin.json<ScenarioResponse>(admin.get('/api/incidents/scenario'), 200)).active, 'hl7-backlog');

    const integrations = await admin.json<IntegrationStatusResponse>(admin.get('/api/incidents/integrations'), 200);
    assert.equal(integrations.defaultMode, 'mock');
    assert.deepEqual(
      integrations.items.map((item) => [item.name, item.kind, item.mode, item.health.status]),
      [
        ['servicenow', 'ticketing', 'mock', 'healthy'],
        ['jira', 'ticketing', 'mock', 'healthy'],
        ['datadog', 'monitoring', 'mock', 'healthy'],
        ['pagerduty', 'alerting', 'mock', 'healthy'],
        ['aws', 'cloud', 'mock', 'healthy'],
        ['slack', 'communication', 'mock', 'healthy'],
      ],
    );
    assert.match(integrations.items[2].health.message, /HL7 feed backlog/);
    await operator.json<ErrorBody>(operator.get('/api/incidents/integrations'), 403);
  });

  it('should take every scenario end to end: expected cause and action, gated until a supervisor approves, verified, summarised', async () => {
    for (const fixture of fixtures) {
      await selectScenario(fixture.id);
      const created = await operator.json<IncidentDetail>(
        operator.post('/api/incidents', { description: fixture.sampleReport }),
        201,
      );
      assert.equal(created.scenario, fixture.id);
      assert.equal(created.engine, 'offline');
      assert.ok(created.runId);

      const waiting = await waitForIncident(operator, created.id, (detail) => detail.status === 'awaiting_approval');
      assert.equal(waiting.category, fixture.expected.category, fixture.id);
      const finding = waiting.findings.find((candidate) => candidate.current);
      assert.equal(finding?.rootCauseId, fixture.expected.rootCauseId, `${fixture.id}: ${finding?.rootCause}`);
      assert.ok(finding.confidence >= 0.7, `${fixture.id}: confidence ${finding.confidence}`);
      const evidenceIds = new Set(waiting.evidence.map((item) => item.id));
      assert.ok(finding.evidenceIds.length > 0 && finding.evidenceIds.every((id) => evidenceIds.has(id)));
      const top = waiting.actions[0];
      assert.ok(top);
      assert.deepEqual(
        [top.action.operation, top.action.target, top.approvalPolicy, top.status],
        [
          fixture.expected.action.operation,
          fixture.expected.action.target,
          fixture.expected.approvalPolicy,
          'awaiting_approval',
        ],
        fixture.id,
      );
      assert.deepEqual(await appliedActions(), [], `${fixture.id}: nothing is changed before approval`);

      const { decision } = await gateDecision(operator, created.runId);
      assert.equal(decision.policy, fixture.expected.approvalPolicy);
      assert.equal(
        (await incident(operator, created.id)).pendingDecisionId,
        decision.id,
        'the incident names the approval it waits for',
      );
      assert.match(decision.context ?? '', new RegExp(`Root cause`));
      const own = (await approve(operator, decision.id, 403)) as ErrorBody;
      assert.match(own.message, /cannot approve your own request/);

      await approve(supervisor, decision.id);
      if (fixture.expected.approvalPolicy === 'require_two') {
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal((await incident(operator, created.id)).status, 'awaiting_approval', 'one approval is not enough');
        assert.deepEqual(await appliedActions(), []);
        await approve(secondSupervisor, decision.id);
      }

      const resolved = await waitForIncident(operator, created.id, (detail) =>
        ['resolved', 'failed'].includes(detail.status),
      );
      assert.equal(
        resolved.status,
        'resolved',
        `${fixture.id}: ${resolved.timeline.map((entry) => entry.message).join(' | ')}`,
      );
      const recovery = fixture.metrics.find(
        (metric) => metric.metric === fixture.verification.metric && metric.scope === fixture.verification.scope,
      )?.recovered?.[0];
      assert.ok(recovery !== undefined, `${fixture.id}: the verification metric recovers`);
      const recoversAtOnce =
        fixture.verification.comparison === 'below'
          ? recovery < fixture.verification.threshold
          : recovery > fixture.verification.threshold;
      const notYet = resolved.timeline.filter(
        (entry) => entry.type === 'incident.verification' && /not yet/.test(entry.message),
      );
      if (!recoversAtOnce)
        assert.ok(notYet.length >= 1, `${fixture.id}: verification was retried while the metric recovered`);
      const done = resolved.actions.find((action) => action.id === top.id);
      assert.equal(done?.status, 'verified');
      assert.ok(done.approvedBy.includes('Siobhan Murphy'), JSON.stringify(done.approvedBy));
      assert.equal((await appliedActions()).length, 1);
      const [mock] = await testApp.query<{
        tickets: Array<{ key: string; status: string; comments: unknown[] }>;
        pager: Record<string, { acknowledgedBy?: string; notes: string[] }>;
        messages: Array<{ text: string }>;
      }>('SELECT tickets, pager, messages FROM incident_mock_states WHERE tenant_id = $1', [
        operator.session.activeTenant.id,
      ]);
      assert.deepEqual(
        mock?.tickets.map((ticket) => [ticket.status, ticket.comments.length]),
        [['resolved', 1]],
        `${fixture.id}: the ticket was filed and resolved`,
      );
      assert.ok(
        resolved.evidence.some(
          (item) => item.kind === 'ticket' && item.title.startsWith(`Filed ${mock.tickets[0].key}`),
        ),
      );
      const pages = Object.values(mock.pager);
      assert.ok(
        pages.length > 0 && pages.every((page) => page.notes.length === 1),
        `${fixture.id}: pages acknowledged and noted`,
      );
      assert.match(mock.messages.at(-1)?.text ?? '', /Resolved by TrustOps/);
      const types = resolved.timeline.map((entry) => entry.type);
      assert.deepEqual(
        types
          .filter((type) => RESOLVED_TIMELINE.includes(type))
          .filter((type, index, all) => all.indexOf(type) === index),
        RESOLVED_TIMELINE,
        fixture.id,
      );
      assert.ok(resolved.resolvedAt);

      const events = await testApp.query<{ type: string; seq: number }>(
        "SELECT type, seq FROM events WHERE incident_id = $1 AND stream = 'incident:' || $1 ORDER BY seq",
        [created.id],
      );
      assert.deepEqual(
        events.map((event) => Number(event.seq)),
        events.map((_, index) => index + 1),
        'gapless sequence on the incident stream',
      );
      for (const type of [
        'incident.reported',
        'incident.diagnosed',
        'incident.recommended',
        'incident.action-executed',
        'incident.status-changed',
      ]) {
        assert.ok(
          events.some((event) => event.type === type),
          `${fixture.id}: ${type} event`,
        );
      }
      assert.equal(resolved.lastSeq, events.length);
      const listed = await operator.json<Array<{ seq: number; type: string }>>(
        operator.get(`/api/incidents/${created.id}/events?afterSeq=2`),
        200,
      );
      assert.deepEqual(
        listed.map((event) => [event.seq, event.type]),
        events.slice(2).map((event) => [Number(event.seq), event.type]),
      );

      const download = await operator.get(`/api/incidents/${created.id}/summary`);
      assert.equal(download.status, 200);
      assert.match(download.headers.get('content-type') ?? '', /text\/markdown/);
      assert.match(download.headers.get('content-disposition') ?? '', /attachment; filename="incident-.*\.md"/);
      const markdown = await download.text();
      assert.match(markdown, /^# Post-incident report: /);
      assert.ok(markdown.includes(finding.rootCause), fixture.id);
      assert.match(markdown, /Verification passed/);
    }
  });

  it('should not carry out a rejected action, and mark the incident failed', async () => {
    await selectScenario('checkout-rollout');
    const created = await operator.json<IncidentDetail>(
      operator.post('/api/incidents', { description: 'checkout is failing after the deploy' }),
      201,
    );
    assert.equal(created.title, 'Checkout is failing after the deploy');
    const { decision } = await gateDecision(operator, created.runId!);
    await supervisor.json<DecisionView>(
      supervisor.post(`/api/decisions/${decision.id}/decide`, { verdict: 'reject', comment: 'Not in peak hours' }),
      200,
    );
    await operator.waitFor(created.runId!);
    const failed = await waitForIncident(operator, created.id, (detail) => detail.status === 'failed');
    assert.match(failed.timeline.at(-1)!.message, /Rejected by Siobhan Murphy/);
    assert.equal(failed.actions[0]?.result, null);
    assert.deepEqual(await appliedActions(), []);
  });

  it('should run an action runbook: gather, a supervisor approves, act through the cloud integration, check the metric recovers', async () => {
    await selectScenario('checkout-rollout');
    const started = await operator.start('incidents-rollback-deploy', {
      service: 'checkout-service',
      toVersion: 'v3.0.4',
    });
    const { decision } = await gateDecision(operator, started.id);
    assert.equal(decision.title, 'Roll checkout-service back to v3.0.4?');
    assert.deepEqual(await appliedActions(), []);
    await approve(supervisor, decision.id);
    const run = await operator.waitFor(started.id, undefined, 40_000);
    assert.equal(run.state, 'succeeded', run.error ?? '');
    const verify = run.steps.find((step) => step.stepId === 'verify');
    assert.deepEqual(verify?.output, { passed: true, value: 1.1 });
    assert.ok((verify?.attempt ?? 0) >= 2, 'the check was retried while errors fell');
    assert.equal(run.outputs?.['result'], 'Rolled checkout-service back to v3.0.4.');
    assert.equal((await appliedActions()).length, 1);
  });

  it('should restart a clinical system only after two different supervisors approve', async () => {
    await selectScenario('pas-downtime');
    const started = await operator.start('incidents-restart-clinical-service', {
      host: 'pas-app-01',
      service: 'pas-appserver',
    });
    const { decision } = await gateDecision(operator, started.id);
    assert.equal(decision.policy, 'require_two');
    await approve(supervisor, decision.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await operator.run(started.id)).state, 'waiting');
    assert.deepEqual(await appliedActions(), []);
    await approve(secondSupervisor, decision.id);
    const run = await operator.waitFor(started.id, undefined, 40_000);
    assert.equal(run.state, 'succeeded', run.error ?? '');
    assert.deepEqual(run.steps.find((step) => step.stepId === 'verify')?.output, { passed: true, value: 100 });
  });

  it('should diagnose again with new evidence, replacing the earlier finding and proposals', async () => {
    await selectScenario('db-connection-pool');
    const created = await operator.json<IncidentDetail>(
      operator.post('/api/incidents', { description: 'The patient portal keeps timing out' }),
      201,
    );
    await waitForIncident(operator, created.id, (detail) => detail.status === 'awaiting_approval');
    const noted = await operator.json<IncidentDetail>(
      operator.post(`/api/incidents/${created.id}/evidence`, { note: 'The month-end report started just before this' }),
      201,
    );
    assert.ok(noted.evidence.some((item) => item.kind === 'note' && item.source === 'operator'));
    const again = await operator.json<IncidentDetail>(operator.post(`/api/incidents/${created.id}/rediagnose`), 201);
    assert.notEqual(again.runId, created.runId);
    const second = await waitForIncident(
      operator,
      created.id,
      (detail) => detail.status === 'awaiting_approval' && detail.findings.length === 2,
    );
    assert.deepEqual(
      second.findings.map((finding) => finding.current),
      [false, true],
    );
    assert.ok(second.findings[1].evidenceIds.length > 0);
    assert.equal(second.actions.filter((action) => action.status === 'awaiting_approval').length, 1);
    assert.ok(second.actions.some((action) => action.status === 'superseded'));
    assert.equal((await operator.run(created.runId!)).state, 'cancelled');
  });

  it('should answer a redelivered step from its stored output, never run an unapproved change, and fail the incident when verification gives up', async () => {
    await selectScenario('high-cpu');
    const created = await operator.json<IncidentDetail>(
      operator.post('/api/incidents', { description: 'The website is slow since the deploy' }),
      201,
    );
    const waiting = await waitForIncident(operator, created.id, (detail) => detail.status === 'awaiting_approval');
    const handlers = testApp.app.get(IncidentStepHandlers).handlers();
    const handler = (type: string) => handlers.find((candidate) => candidate.type === type)!;
    const tenantId = operator.session.activeTenant.id;
    const context = (stepId: string, params: Record<string, unknown>, attempt = 1) =>
      fakeStepContext({
        tenantId,
        runId: created.runId!,
        stepId,
        attempt,
        params: { incidentId: created.id, ...params },
      });

    const run = await operator.run(created.runId!);
    const again = await handler('incident.diagnose').execute(context('diagnose', {}));
    assert.deepEqual(again, {
      status: 'succeeded',
      output: run.steps.find((step) => step.stepId === 'diagnose')?.output,
    });
    assert.equal(
      (await incident(operator, created.id)).timeline.length,
      waiting.timeline.length,
      'no second timeline entry',
    );

    const top = waiting.actions[0];
    await assert.rejects(
      handler('incident.execute').execute(
        context('execute-unapproved', { actionId: top.id, gates: { auto: {}, one: {}, two: {} } }),
      ),
      (error: unknown) =>
        error instanceof PermanentStepError &&
        /needs approval \(require_one\) and was not approved/.test(error.message),
    );
    assert.deepEqual(await appliedActions(), []);

    // Nothing was done, so the metric never recovers: the last attempt gives up and fails the incident.
    await assert.rejects(
      handler('incident.verify').execute(context('verify-without-fix', { actionId: top.id, attempts: 2 }, 2)),
      /Verification has not passed yet: system.cpu.user on host:prod-web-03 is 97/,
    );
    const failed = await incident(operator, created.id);
    assert.equal(failed.status, 'failed');
    assert.match(failed.timeline.at(-1)!.message, /Verification attempt 2 of 2: not yet\..*Giving up\./);
    assert.equal(failed.actions.find((action) => action.id === top.id)?.status, 'failed');
  });

  it("should answer 404 for another tenant's incident and leave it out of the list", async () => {
    const [other] = await testApp.query<{ id: string }>(
      `INSERT INTO incidents (tenant_id, title, description, status, severity, category, scenario, engine, reported_by_name)
       VALUES (gen_random_uuid(), 'Elsewhere', 'Another Trust''s incident', 'reported', 'sev3', 'unknown', 'high-cpu', 'offline', 'Someone') RETURNING id`,
    );
    const missing = await operator.json<ErrorBody>(operator.get(`/api/incidents/${other.id}`), 404);
    assert.equal(missing.message, `There is no incident with id ${other.id}.`);
    await operator.json<ErrorBody>(operator.get(`/api/incidents/${other.id}/summary`), 404);
    await operator.json<ErrorBody>(operator.get(`/api/incidents/${other.id}/events`), 404);
    await operator.json<ErrorBody>(operator.post(`/api/incidents/${other.id}/evidence`, { note: 'hello' }), 404);
    await operator.json<ErrorBody>(operator.get('/api/incidents/not-a-uuid'), 404);
    const list = await operator.json<IncidentListResponse>(operator.get('/api/incidents'), 200);
    assert.ok(list.items.length > 0 && list.items.every((item) => item.id !== other.id));

    const socket = await liveSocket(testApp.url, operator);
    try {
      assert.deepEqual(await subscribe(socket, other.id), {
        ok: false,
        statusCode: 404,
        message: 'There is no such incident, or it is not in your organisation.',
      });
    } finally {
      socket.disconnect();
    }
  });

  it('should stream the lifecycle live to whoever may read the incident, diagnosis included', async () => {
    await selectScenario('high-cpu');
    const socket = await liveSocket(testApp.url, operator);
    const received: LiveEventMessage[] = [];
    socket.on(SOCKET_EVENTS.event, (message: LiveEventMessage) => received.push(message));
    try {
      const created = await operator.json<IncidentDetail>(
        operator.post('/api/incidents', { description: 'The website is slow since the deploy' }),
        201,
      );
      const ack = await subscribe(socket, created.id);
      assert.equal(ack.ok, true);
      const deadline = Date.now() + 20_000;
      while (!received.some((event) => event.type === 'incident.recommended')) {
        if (Date.now() > deadline)
          assert.fail(`no recommendation arrived: ${received.map((event) => event.type).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const diagnosed = received.find((event) => event.type === 'incident.diagnosed');
      assert.equal(diagnosed?.payload['rootCauseId'], 'memory-leak');
      assert.deepEqual(diagnosed.stream, { kind: 'incident', id: created.id });
      assert.deepEqual(
        received.map((event) => event.seq),
        received.map((_, index) => index + 1),
      );
    } finally {
      socket.disconnect();
    }
    const analyst = await signedIn('analyst');
    const refused = await liveSocket(testApp.url, analyst);
    try {
      const someIncident = (await operator.json<IncidentListResponse>(operator.get('/api/incidents'), 200)).items[0];
      assert.ok(someIncident);
      const ack = await subscribe(refused, someIncident.id);
      assert.equal(ack.ok === false && ack.statusCode, 403);
    } finally {
      refused.disconnect();
    }
  });

  it("should stream every new incident and its changes to the tenant's incidents stream, for that tenant's readers only", async () => {
    const tenantId = operator.session.activeTenant.id;
    const socket = await liveSocket(testApp.url, supervisor);
    const received: LiveEventMessage[] = [];
    socket.on(SOCKET_EVENTS.event, (message: LiveEventMessage) => received.push(message));
    try {
      assert.equal((await subscribe(socket, tenantId, 'incidents')).ok, true);
      const created = await operator.json<IncidentDetail>(
        operator.post('/api/incidents', { description: 'Nobody can log in to the EPR' }),
        201,
      );
      const about = () => received.filter((event) => event.incidentId === created.id);
      await until('the new incident and its first change of status', () =>
        about().some((event) => event.type === 'incident.updated'),
      );
      const [reported] = about();
      assert.equal(reported?.type, 'incident.reported');
      assert.deepEqual(reported.stream, { kind: 'incidents', id: tenantId });
      const summary = reported.payload as unknown as IncidentSummaryView;
      assert.deepEqual(
        [summary.id, summary.title, summary.status],
        [created.id, 'Nobody can log in to the EPR', 'reported'],
      );
      assert.equal(summary.reportedBy.displayName, operator.session.user.displayName);
      assert.notEqual((about()[1]?.payload as unknown as IncidentSummaryView).status, 'reported');
      assert.deepEqual(
        received.map((event) => event.seq),
        received.map((_, index) => received[0].seq + index),
        'gapless, in order',
      );
    } finally {
      socket.disconnect();
    }

    const analyst = await signedIn('analyst');
    const withoutPermission = await liveSocket(testApp.url, analyst);
    try {
      const ack = await subscribe(withoutPermission, tenantId, 'incidents');
      assert.equal(ack.ok === false && ack.statusCode, 403);
    } finally {
      withoutPermission.disconnect();
    }

    // A person working in another organisation, with incidents:read there.
    const [elsewhere] = await testApp.query<{ id: string }>(
      "INSERT INTO tenants (slug, name) VALUES ('incidents-elsewhere', 'Elsewhere NHS Trust') RETURNING id",
    );
    const outsider = await signedIn('compliance');
    await testApp.query('INSERT INTO tenant_memberships (tenant_id, user_id) VALUES ($1, $2)', [
      elsewhere.id,
      outsider.session.user.id,
    ]);
    await testApp.query(
      "INSERT INTO role_assignments (tenant_id, user_id, role, source) VALUES ($1, $2, 'operator', 'admin')",
      [elsewhere.id, outsider.session.user.id],
    );
    await outsider.json<SessionResponse>(outsider.post('/api/session/tenant', { tenantId: elsewhere.id }), 200);
    const foreign = await liveSocket(testApp.url, outsider);
    try {
      assert.deepEqual(await subscribe(foreign, tenantId, 'incidents'), {
        ok: false,
        statusCode: 404,
        message: 'There is no such list of incidents, or it is not in your organisation.',
      });
      assert.equal((await subscribe(foreign, elsewhere.id, 'incidents')).ok, true);
    } finally {
      foreign.disconnect();
    }
  });

  it("should let an admin choose each integration's mode per tenant, refusing live without its settings", async () => {
    const mode = (api: RunsApi, name: string, body: unknown, status: number) =>
      api.json<IntegrationStatusView | ErrorBody>(put(api, `/api/incidents/integrations/${name}/mode`, body), status);

    const refused = (await mode(admin, 'datadog', { mode: 'live' }, 400)) as ErrorBody;
    assert.equal(
      refused.message,
      'Datadog is not configured for live use: set DATADOG_API_KEY and DATADOG_APP_KEY. Ask whoever runs TrustOps to add these settings to its configuration, then choose live again.',
    );
    await mode(admin, 'datadog', { mode: 'sandbox' }, 400);
    await mode(admin, 'datadog', {}, 400);
    await mode(admin, 'no-such-tool', { mode: 'mock' }, 404);
    await mode(operator, 'datadog', { mode: 'mock' }, 403);

    const chosen = (await mode(admin, 'slack', { mode: 'mock' }, 200)) as IntegrationStatusView;
    assert.deepEqual([chosen.name, chosen.mode, chosen.configuredMode], ['slack', 'mock', 'mock']);
    assert.equal(chosen.modeChosen?.by.displayName, admin.session.user.displayName);
    assert.match(chosen.liveUnavailableReason ?? '', /SLACK_BOT_TOKEN/);
    const listed = await admin.json<IntegrationStatusResponse>(admin.get('/api/incidents/integrations'), 200);
    assert.deepEqual(
      listed.items.filter((item) => item.modeChosen).map((item) => item.name),
      ['slack'],
    );

    const back = (await mode(admin, 'slack', { mode: null }, 200)) as IntegrationStatusView;
    assert.deepEqual([back.mode, back.modeChosen], ['mock', null]);
    const rows = await testApp.query('SELECT 1 FROM incident_integration_modes WHERE tenant_id = $1', [
      admin.session.activeTenant.id,
    ]);
    assert.equal(rows.length, 0);

    const audit = await testApp.query<{ outcome: string; resource_id: string }>(
      "SELECT outcome, resource_id FROM audit_records WHERE action = 'incident-integration.mode-changed' ORDER BY sequence",
    );
    assert.deepEqual(
      audit.map((row) => `${row.outcome} ${row.resource_id}`),
      [
        'failure datadog',
        'failure datadog',
        'failure datadog',
        'failure no-such-tool',
        'denied datadog',
        'success slack',
        'success slack',
      ],
    );
  });

  it('should refuse people without incident permissions and check what is reported', async () => {
    const analyst = await signedIn('analyst');
    await analyst.json<ErrorBody>(analyst.get('/api/incidents'), 403);
    await analyst.json<ErrorBody>(analyst.post('/api/incidents', { description: 'it is broken' }), 403);
    await supervisor.json<ErrorBody>(supervisor.post('/api/incidents', { description: 'it is broken' }), 403);
    const tooShort = await operator.json<ErrorBody>(operator.post('/api/incidents', { description: 'x' }), 400);
    assert.match(tooShort.message, /Describe the problem in 3 to 2,000 characters/);
    const audit = await testApp.query<{ action: string }>(
      `SELECT DISTINCT action FROM audit_records WHERE action LIKE 'incident%' ORDER BY action`,
    );
    assert.deepEqual(
      audit.map((row) => row.action),
      [
        'incident-integration.mode-changed',
        'incident-scenario.selected',
        'incident.evidence-added',
        'incident.rediagnosed',
        'incident.reported',
      ],
    );
  });
});

describe('incidents with the claude engine (integration)', { timeout: 120_000 }, () => {
  let testApp: AuthTestApp;
  let fake: FakeAnthropic;
  let operator: RunsApi;

  before(async () => {
    fake = await new FakeAnthropic().start();
    testApp = await startAuthTestApp({
      env: {
        LOG_LEVEL: 'warn',
        ANTHROPIC_API_KEY: 'sk-ant-test-key-not-real',
        ANTHROPIC_BASE_URL: fake.url,
        ANTHROPIC_MAX_RETRIES: '0',
      },
    });
    const browser = new TestBrowser(testApp.url);
    operator = new RunsApi(browser, await signIn(browser, 'operator'));
  });

  after(async () => {
    await testApp?.close();
    await fake?.stop();
  });

  async function diagnosed(description: string): Promise<IncidentDetail> {
    const created = await operator.json<IncidentDetail>(operator.post('/api/incidents', { description }), 201);
    assert.equal(created.engine, 'claude');
    const deadline = Date.now() + 30_000;
    for (;;) {
      const detail = await operator.json<IncidentDetail>(operator.get(`/api/incidents/${created.id}`), 200);
      if (detail.findings.length > 0 && detail.actions.length > 0) return detail;
      if (Date.now() > deadline)
        assert.fail(`not diagnosed: ${detail.timeline.map((entry) => entry.message).join(' | ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("should keep Claude's valid diagnosis, citing gathered evidence, and recommend from it", async () => {
    fake.script(
      textReply(
        JSON.stringify({
          rootCauseId: 'memory-leak',
          rootCause: 'The new web release leaks memory on prod-web-03.',
          explanation: 'Heap and CPU climb together on the one host that runs v2.4.1.',
          confidence: 0.91,
          evidenceIds: [],
        }),
      ),
    );
    const detail = await diagnosed('The website is slow since the deploy');
    const finding = detail.findings[0];
    assert.deepEqual([finding.engine, finding.rootCauseId, finding.confidence], ['claude', 'memory-leak', 0.91]);
    assert.equal(finding.rootCause, 'The new web release leaks memory on prod-web-03.');
    assert.deepEqual(
      [detail.actions[0]?.action.operation, detail.actions[0]?.action.target],
      ['restartService', 'prod-web-03/web-app'],
    );
    const prompt = JSON.stringify(fake.requests.at(-1)?.body.messages);
    assert.match(prompt, /The website is slow since the deploy/);
    assert.ok(
      detail.evidence.every((item) => prompt.includes(item.id)),
      'every gathered piece of evidence is in the prompt',
    );
  });

  it('should fall back to the offline rules on malformed output and say so on the timeline', async () => {
    fake.script(textReply('{"rootCauseId": "memory-leak", "confidence": "very"'));
    const detail = await diagnosed('The website is slow again');
    assert.deepEqual([detail.findings[0]?.engine, detail.findings[0]?.rootCauseId], ['offline', 'memory-leak']);
    const entry = detail.timeline.find((candidate) => candidate.type === 'incident.diagnosed');
    assert.match(entry?.message ?? '', /Claude’s answer was not valid JSON\. The offline rules were used instead\./);

    fake.script(errorReply(529, 'overloaded_error', 'Overloaded'));
    const overloaded = await diagnosed('The website is still slow');
    assert.equal(overloaded.findings[0]?.engine, 'offline');
    assert.match(
      overloaded.timeline.find((candidate) => candidate.type === 'incident.diagnosed')?.message ?? '',
      /Claude could not be asked/,
    );
  });
});
