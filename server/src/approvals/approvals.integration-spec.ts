import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  DecisionView,
  EarlyDecisionResponse,
  ErrorBody,
  SessionResponse,
  UserListResponse,
} from '@trustops/contracts';
import { DEMO_USERS } from '../auth/dev-identity-provider/demo-users.js';
import { startAuthTestApp, type AuthTestApp } from '../auth/testing/auth-test-app.js';
import { signIn, withCsrf } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { StepHandlerRegistry } from '../runs/step-handler.registry.js';
import { RunsApi } from '../runs/testing/runs-api.js';
import { DecisionDeadlines } from './decision-deadlines.service.js';

const TWO_APPROVERS = `
id: test-two-approvers
version: 1
title: Restart with two approvers
description: Two supervisors must approve the restart.
inputs:
  reason:
    type: string
    label: Reason
    required: true
steps:
  - id: gate
    type: approval
    title: Two supervisors approve the restart
    with:
      question: Restart the interface engine?
      context: 'Planned restart: {{ inputs.reason }}'
    approval: { policy: require_two, roles: [supervisor], sla: 1h, onTimeout: fail }
  - id: restart
    type: test.effect
    needs: [gate]
    with: { value: '{{ steps.gate.output.approvers }}' }
`;

const ONE_APPROVER = `
id: test-one-approver
version: 1
title: One approver after a slow step
description: A slow preparation, then one supervisor approves.
steps:
  - id: prepare
    type: test.effect
    with: { sleepMs: 1500 }
  - id: gate
    type: approval
    needs: [prepare]
    approval: { policy: require_one, roles: [supervisor], sla: 1h }
  - id: change
    type: test.noop
    needs: [gate]
`;

const expiring = (id: string, onTimeout: 'fail' | 'continue') => `
id: ${id}
version: 1
title: Expiring approval (${onTimeout})
description: Nobody approves within a second.
steps:
  - id: gate
    type: approval
    title: Approve within a second
    approval: { policy: require_one, roles: [supervisor], sla: 1s, onTimeout: ${onTimeout} }
  - id: next
    type: test.effect
    needs: [gate]
    with: { value: '{{ steps.gate.output.expired }}' }
`;

const INPUT = `
id: test-input
version: 1
title: Ask for the ward
description: Asks which ward and how long, then uses the answer.
steps:
  - id: ask
    type: input
    title: Which ward?
    with:
      context: Pick the ward whose feed is down.
      fields:
        - { name: ward, label: Ward, type: enum, options: [A1, B2] }
        - { name: minutes, label: Downtime in minutes, type: number, required: false }
  - id: use
    type: test.effect
    needs: [ask]
    with: { value: 'Ward {{ steps.ask.output.response.ward }}' }
`;

const AUTO = `
id: test-auto
version: 1
title: Auto approval
description: Approved without asking.
steps:
  - id: gate
    type: approval
    approval: { policy: auto }
  - id: next
    type: test.noop
    needs: [gate]
`;

describe('approvals (integration)', { timeout: 180_000 }, () => {
  let testApp: AuthTestApp;
  let analyst: RunsApi;
  let operator: RunsApi;
  let supervisor: RunsApi;
  let secondSupervisor: RunsApi;

  async function signedIn(who: Parameters<typeof signIn>[1]): Promise<RunsApi> {
    const browser = new TestBrowser(testApp.url);
    return new RunsApi(browser, await signIn(browser, who));
  }

  async function grantSupervisor(admin: RunsApi, session: SessionResponse): Promise<void> {
    const users = await admin.json<UserListResponse>(admin.get('/api/admin/users'), 200);
    const user = users.items.find((candidate) => candidate.id === session.user.id);
    assert.ok(user);
    const granted = await admin.browser.request(
      `/api/admin/users/${user.id}/roles`,
      withCsrf(admin.session.csrfToken, { method: 'POST', body: { role: 'supervisor' } }),
    );
    assert.equal(granted.status, 204);
  }

  async function pendingDecision(api: RunsApi, runId: string, stepId: string): Promise<DecisionView> {
    const run = await api.waitFor(runId, (candidate) =>
      candidate.steps.some((step) => step.stepId === stepId && step.state === 'waiting'),
    );
    const decisionId = run.steps.find((step) => step.stepId === stepId)?.decisionId;
    assert.ok(decisionId, 'the waiting step names its decision');
    return api.json<DecisionView>(api.get(`/api/decisions/${decisionId}`), 200);
  }

  const decide = (api: RunsApi, decisionId: string, body: Record<string, unknown>) =>
    api.post(`/api/decisions/${decisionId}/decide`, body);

  async function auditActions(resourceId: string): Promise<string[]> {
    const rows = await testApp.query<{ action: string; outcome: string }>(
      'SELECT action, outcome FROM audit_records WHERE resource_id = $1 ORDER BY sequence',
      [resourceId],
    );
    return rows.map((row) => `${row.action}:${row.outcome}`);
  }

  before(async () => {
    testApp = await startAuthTestApp({ env: { TEST_STEP_TYPES: 'all', LOG_LEVEL: 'warn' } });
    analyst = await signedIn('analyst');
    for (const yaml of [
      TWO_APPROVERS,
      ONE_APPROVER,
      expiring('test-expire-fail', 'fail'),
      expiring('test-expire-continue', 'continue'),
      INPUT,
      AUTO,
    ]) {
      await analyst.saveRunbook(yaml);
    }
    operator = await signedIn('operator');
    supervisor = await signedIn('supervisor');
    secondSupervisor = await signedIn(DEMO_USERS.find((user) => user.role === null)!);
    const admin = await signedIn('admin');
    // The operator is also a supervisor, so that only separation of duties stops them approving their own run.
    await grantSupervisor(admin, operator.session);
    await grantSupervisor(admin, secondSupervisor.session);
  });

  after(async () => {
    await testApp?.close();
  });

  it('should need two different supervisors, refuse the starter and the same person twice, then continue the run', async () => {
    const started = await operator.start('test-two-approvers', { reason: 'monthly patching' });
    const decision = await pendingDecision(operator, started.id, 'gate');
    assert.equal(decision.title, 'Restart the interface engine?');
    assert.equal(decision.context, 'Planned restart: monthly patching');
    assert.equal(decision.policy, 'require_two');
    assert.deepEqual(decision.allowedRoles, ['supervisor']);
    assert.equal(decision.requestedBy.userId, operator.session.user.id);
    assert.ok(decision.dueAt && Date.parse(decision.dueAt) > Date.now() + 50 * 60_000);

    const inbox = await supervisor.json<DecisionView[]>(supervisor.get('/api/decisions?state=pending'), 200);
    assert.ok(
      inbox.some((item) => item.id === decision.id),
      'the decision is in the inbox',
    );

    const own = await operator.json<ErrorBody>(decide(operator, decision.id, { verdict: 'approve' }), 403);
    assert.match(own.message, /cannot approve your own request/);

    await supervisor.json<DecisionView>(
      decide(supervisor, decision.id, { verdict: 'approve', comment: 'Fine by me' }),
      200,
    );
    const twice = await supervisor.json<ErrorBody>(decide(supervisor, decision.id, { verdict: 'approve' }), 409);
    assert.match(twice.message, /already approved.*second approval from a different person/);
    assert.equal(
      (await operator.run(started.id)).steps.find((step) => step.stepId === 'gate')?.state,
      'waiting',
      'one approval is not enough',
    );

    const resolved = await secondSupervisor.json<DecisionView>(
      decide(secondSupervisor, decision.id, { verdict: 'approve' }),
      200,
    );
    assert.equal(resolved.state, 'approved');
    assert.deepEqual(
      resolved.votes.map((vote) => [vote.by.displayName, vote.verdict, vote.comment]),
      [
        ['Siobhan Murphy', 'approve', 'Fine by me'],
        ['Jamie Patel', 'approve', null],
      ],
    );

    const run = await operator.waitFor(started.id);
    assert.equal(run.state, 'succeeded', run.error ?? '');
    const gate = run.steps.find((step) => step.stepId === 'gate');
    assert.deepEqual(gate?.output, { approved: true, approvers: ['Siobhan Murphy', 'Jamie Patel'], response: {} });

    const events = await operator.events(started.id);
    const types = events.map((event) => event.type);
    assert.ok(
      types.includes('decision.requested') && types.includes('decision.updated') && types.includes('decision.resolved'),
    );
    assert.ok(
      types.indexOf('decision.resolved') < types.lastIndexOf('step.started'),
      'the next step started after the decision',
    );

    assert.deepEqual(await auditActions(decision.id), [
      'decision.requested:success',
      'decision.voted:denied',
      'decision.voted:success',
      'decision.voted:failure',
      'decision.voted:success',
      'decision.approved:success',
    ]);
  });

  it('should fail the run when a supervisor rejects, naming who and why', async () => {
    const started = await operator.start('test-two-approvers', { reason: 'emergency' });
    const decision = await pendingDecision(operator, started.id, 'gate');
    const rejected = await supervisor.json<DecisionView>(
      decide(supervisor, decision.id, { verdict: 'reject', comment: 'Not during the ward round' }),
      200,
    );
    assert.equal(rejected.state, 'rejected');
    const run = await operator.waitFor(started.id);
    assert.equal(run.state, 'failed');
    const gate = run.steps.find((step) => step.stepId === 'gate');
    assert.equal(gate?.error, 'Rejected by Siobhan Murphy: "Not during the ward round".');
    assert.equal(run.steps.find((step) => step.stepId === 'restart')?.state, 'pending');
    const late = await secondSupervisor.json<ErrorBody>(
      decide(secondSupervisor, decision.id, { verdict: 'approve' }),
      409,
    );
    assert.match(late.message, /already been rejected/);
    assert.deepEqual((await auditActions(decision.id)).slice(-3), [
      'decision.voted:success',
      'decision.rejected:success',
      'decision.voted:failure',
    ]);
  });

  it('should keep an approval given before the run reaches its gate and apply it there', async () => {
    const started = await operator.start('test-one-approver');
    const refused = await operator.json<ErrorBody>(
      operator.post(`/api/runs/${started.id}/steps/gate/decide`, { verdict: 'approve' }),
      403,
    );
    assert.match(refused.message, /cannot approve your own request/);
    const notAGate = await supervisor.json<ErrorBody>(
      supervisor.post(`/api/runs/${started.id}/steps/prepare/decide`, { verdict: 'approve' }),
      400,
    );
    assert.match(notAGate.message, /only approval and input steps take decisions/);
    await supervisor.json<ErrorBody>(
      supervisor.post(`/api/runs/${started.id}/steps/nope/decide`, { verdict: 'approve' }),
      404,
    );

    const early = await supervisor.json<EarlyDecisionResponse>(
      supervisor.post(`/api/runs/${started.id}/steps/gate/decide`, { verdict: 'approve', comment: 'Pre-approved' }),
      200,
    );
    assert.equal(early.applied, false, early.message);
    assert.match(early.message, /will apply when the run reaches/);
    assert.equal(
      (await operator.run(started.id)).steps.find((step) => step.stepId === 'prepare')?.state !== 'succeeded',
      true,
      'the approval came first',
    );

    const run = await operator.waitFor(started.id);
    assert.equal(run.state, 'succeeded', run.error ?? '');
    const gate = run.steps.find((step) => step.stepId === 'gate');
    assert.deepEqual(gate?.output, { approved: true, approvers: ['Siobhan Murphy'], response: {} });
    // Settled when the gate was reached, so the step never waited: find its decision in the inbox.
    const decision = (await supervisor.json<DecisionView[]>(supervisor.get('/api/decisions?state=approved'), 200)).find(
      (item) => item.runId === started.id,
    );
    assert.ok(decision);
    assert.equal(decision.votes[0]?.comment, 'Pre-approved');
    assert.deepEqual(await auditActions(decision.id), [
      'decision.requested:success',
      'decision.early-vote-applied:success',
      'decision.approved:success',
    ]);
    assert.deepEqual(
      await auditActions(started.id).then((actions) => actions.filter((action) => action.startsWith('decision.'))),
      [
        'decision.early-vote-recorded:denied',
        'decision.early-vote-recorded:failure',
        'decision.early-vote-recorded:failure',
        'decision.early-vote-recorded:success',
      ],
    );
  });

  it('should apply an early rejection when the gate is reached, failing the run', async () => {
    const started = await operator.start('test-one-approver');
    const early = await supervisor.json<EarlyDecisionResponse>(
      supervisor.post(`/api/runs/${started.id}/steps/gate/decide`, { verdict: 'reject', comment: 'Wrong ward' }),
      200,
    );
    assert.equal(early.applied, false);
    const again = await supervisor.json<ErrorBody>(
      supervisor.post(`/api/runs/${started.id}/steps/gate/decide`, { verdict: 'approve' }),
      409,
    );
    assert.match(again.message, /already rejected/);
    const run = await operator.waitFor(started.id);
    assert.equal(run.state, 'failed');
    assert.equal(run.steps.find((step) => step.stepId === 'gate')?.error, 'Rejected by Siobhan Murphy: "Wrong ward".');
    assert.equal(run.steps.find((step) => step.stepId === 'change')?.state, 'pending');
  });

  it('should expire at the SLA, escalate to the inbox and the run, and fail the step', async () => {
    const started = await operator.start('test-expire-fail');
    const run = await operator.waitFor(started.id);
    assert.equal(run.state, 'failed');
    const gate = run.steps.find((step) => step.stepId === 'gate');
    assert.match(gate?.error ?? '', /Nobody decided in time/);
    const decision = await supervisor.json<DecisionView>(supervisor.get(`/api/decisions/${gate?.decisionId}`), 200);
    assert.equal(decision.state, 'expired');
    const escalations = await testApp.query<{ stream: string }>(
      "SELECT stream FROM events WHERE type = 'decision.escalated' AND payload->>'id' = $1 ORDER BY stream",
      [decision.id],
    );
    assert.equal(escalations.length, 2, 'on the run stream and the inbox');
    assert.deepEqual(await auditActions(decision.id), ['decision.requested:success', 'decision.escalated:success']);
    const late = await supervisor.json<ErrorBody>(decide(supervisor, decision.id, { verdict: 'approve' }), 409);
    assert.match(late.message, /expired/);
  });

  it('should expire at the SLA and continue when the step says so', async () => {
    const started = await operator.start('test-expire-continue');
    const run = await operator.waitFor(started.id);
    assert.equal(run.state, 'succeeded', run.error ?? '');
    const gate = run.steps.find((step) => step.stepId === 'gate');
    assert.deepEqual(gate?.output, { approved: false, expired: true, approvers: [], response: {} });
    assert.deepEqual(run.steps.find((step) => step.stepId === 'next')?.output, {
      effectKey: `${started.id}:next:1`,
      value: true,
    });
    assert.deepEqual(await auditActions(gate.decisionId!), [
      'decision.requested:success',
      'decision.escalated:success',
    ]);
  });

  it('should check an input form field by field and give the answer to the next step', async () => {
    const started = await operator.start('test-input');
    const decision = await pendingDecision(operator, started.id, 'ask');
    assert.equal(decision.kind, 'input');
    assert.deepEqual(
      decision.form.map((field) => [field.name, field.type, field.required]),
      [
        ['ward', 'enum', true],
        ['minutes', 'number', false],
      ],
    );
    const approverOnly = await supervisor.json<ErrorBody>(
      decide(supervisor, decision.id, { verdict: 'approve', response: { ward: 'A1' } }),
      403,
    );
    assert.match(approverOnly.message, /decisions:provide-input/);

    const invalid = await operator.json<ErrorBody>(
      decide(operator, decision.id, { verdict: 'approve', response: { ward: 'C3', minutes: 'soon' } }),
      400,
    );
    assert.equal(
      invalid.message,
      'The answer has 2 problems: Ward must be one of: A1, B2. Downtime in minutes must be a number.',
    );
    assert.deepEqual(invalid.details, ['Ward must be one of: A1, B2.', 'Downtime in minutes must be a number.']);

    const commented = await operator.json<DecisionView>(
      operator.post(`/api/decisions/${decision.id}/comments`, { text: 'Checking with the ward' }),
      201,
    );
    assert.deepEqual(
      commented.comments.map((comment) => comment.text),
      ['Checking with the ward'],
    );

    const answered = await operator.json<DecisionView>(
      decide(operator, decision.id, { verdict: 'approve', response: { ward: 'B2', minutes: '20' } }),
      200,
    );
    assert.deepEqual(answered.response, { ward: 'B2', minutes: 20 });
    const run = await operator.waitFor(started.id);
    assert.equal(run.state, 'succeeded', run.error ?? '');
    assert.equal((run.steps.find((step) => step.stepId === 'use')?.output as { value: string }).value, 'Ward B2');
    assert.deepEqual(await auditActions(decision.id), [
      'decision.requested:success',
      'decision.voted:denied',
      'decision.voted:failure',
      'decision.commented:success',
      'decision.voted:success',
      'decision.approved:success',
    ]);
  });

  it('should approve an auto policy at once and record it', async () => {
    const run = await operator.waitFor((await operator.start('test-auto')).id);
    assert.equal(run.state, 'succeeded', run.error ?? '');
    const gate = run.steps.find((step) => step.stepId === 'gate');
    assert.deepEqual(gate?.output, { approved: true, approvers: [], response: {} });
    const [decision] = await testApp.query<{ id: string; state: string }>(
      'SELECT id, state FROM decisions WHERE run_id = $1',
      [run.id],
    );
    assert.equal(decision?.state, 'approved');
    assert.deepEqual(await auditActions(decision.id), ['decision.requested:success', 'decision.auto-approved:success']);
  });

  it('should expire a due decision once however many workers race for it', async () => {
    const started = await operator.start('test-two-approvers', { reason: 'race' });
    const decision = await pendingDecision(operator, started.id, 'gate');
    await testApp.query("UPDATE decisions SET due_at = now() - interval '1 second' WHERE id = $1", [decision.id]);
    const deadlines = testApp.app.get(DecisionDeadlines);
    const results = await Promise.all([
      deadlines.expire(operator.session.activeTenant.id, decision.id),
      deadlines.expire(operator.session.activeTenant.id, decision.id),
      deadlines.sweep().then((swept) => swept.expired > 0),
      deadlines.sweep().then((swept) => swept.expired > 0),
    ]);
    assert.equal(results.filter(Boolean).length, 1, 'exactly one expired it');
    assert.deepEqual(await auditActions(decision.id), ['decision.requested:success', 'decision.escalated:success']);
    const escalations = await testApp.query(
      "SELECT 1 FROM events WHERE type = 'decision.escalated' AND payload->>'id' = $1",
      [decision.id],
    );
    assert.equal(escalations.length, 2, 'one on the run stream, one on the inbox');
    assert.equal((await operator.waitFor(started.id)).state, 'failed');
  });

  it('should re-deliver a resolution the run did not hear of, without repeating the step after it', async () => {
    const run = await operator.waitFor((await operator.start('test-input')).id, (candidate) =>
      candidate.steps.some((step) => step.state === 'waiting'),
    );
    const decisionId = run.steps.find((step) => step.stepId === 'ask')!.decisionId!;
    await operator.json<DecisionView>(
      decide(operator, decisionId, { verdict: 'approve', response: { ward: 'A1' } }),
      200,
    );
    const finished = await operator.waitFor(run.id);
    assert.equal(finished.state, 'succeeded', finished.error ?? '');
    // As if the process died between committing the vote and telling the engine.
    await testApp.query(
      "UPDATE decisions SET resumed_at = NULL, resolved_at = now() - interval '1 minute' WHERE id = $1",
      [decisionId],
    );
    const swept = await testApp.app.get(DecisionDeadlines).sweep();
    assert.equal(swept.resumed, 1);
    const [row] = await testApp.query<{ resumed_at: Date | null }>('SELECT resumed_at FROM decisions WHERE id = $1', [
      decisionId,
    ]);
    assert.ok(row?.resumed_at);
    const effects = await testApp.query('SELECT 1 FROM test_step_effects WHERE effect_key = $1', [`${run.id}:use:1`]);
    assert.equal(effects.length, 1);
    assert.equal((await operator.run(run.id)).state, 'succeeded');
  });

  it('should cancel the decision of a cancelled run instead of deciding it', async () => {
    const started = await operator.start('test-two-approvers', { reason: 'changed my mind' });
    const decision = await pendingDecision(operator, started.id, 'gate');
    // Cancelled without the engine telling the step (as if the process stopped right after the
    // cancel committed): the decision is still pending, and deciding it finds out.
    await testApp.query(`UPDATE runs SET state = 'cancelled', finished_at = now() WHERE id = $1`, [started.id]);
    const refused = await supervisor.json<ErrorBody>(decide(supervisor, decision.id, { verdict: 'approve' }), 409);
    assert.match(refused.message, /already been cancelled/);
    const after = await supervisor.json<DecisionView>(supervisor.get(`/api/decisions/${decision.id}`), 200);
    assert.equal(after.state, 'cancelled');
    assert.deepEqual((await auditActions(decision.id)).slice(-2), [
      'decision.cancelled:success',
      'decision.voted:failure',
    ]);
  });

  it('should cancel the decision at once when the run waiting at its gate is cancelled', async () => {
    const started = await operator.start('test-two-approvers', { reason: 'no longer needed' });
    const decision = await pendingDecision(operator, started.id, 'gate');
    await operator.json<{ state: string }>(operator.post(`/api/runs/${started.id}/cancel`, {}), 200);
    // Nobody tries to decide it: the engine told the approval step when the cancel committed.
    const after = await supervisor.json<DecisionView>(supervisor.get(`/api/decisions/${decision.id}`), 200);
    assert.equal(after.state, 'cancelled');
    const inbox = await supervisor.json<DecisionView[]>(supervisor.get('/api/decisions?state=pending'), 200);
    assert.ok(!inbox.some((item) => item.id === decision.id), 'no longer pending');
  });

  it('should take the decision of a cancelled run out of the inbox when the engine tells the step', async () => {
    const started = await operator.start('test-two-approvers', { reason: 'withdrawn' });
    const decision = await pendingDecision(operator, started.id, 'gate');
    const handler = testApp.app.get(StepHandlerRegistry).get('approval');
    await handler?.cancel?.({
      tenantId: operator.session.activeTenant.id,
      runId: started.id,
      stepId: 'gate',
      reason: 'Cancelled by Grace Okafor.',
    });
    const inbox = await supervisor.json<DecisionView[]>(supervisor.get('/api/decisions?state=pending'), 200);
    assert.ok(!inbox.some((item) => item.id === decision.id), 'no longer pending');
    const refused = await supervisor.json<ErrorBody>(decide(supervisor, decision.id, { verdict: 'approve' }), 409);
    assert.equal(refused.message, 'This decision was cancelled.');
    const [record] = await testApp.query<{ reason: string }>(
      "SELECT reason FROM audit_records WHERE resource_id = $1 AND action = 'decision.cancelled'",
      [decision.id],
    );
    assert.equal(record?.reason, 'Cancelled by Grace Okafor.');
  });

  it('should keep decisions, votes and comments of other tenants out of reach', async () => {
    const [decision] = await testApp.query<{ id: string }>('SELECT id FROM decisions LIMIT 1');
    const [{ id: otherTenant }] = await testApp.query<{ id: string }>(
      "INSERT INTO tenants (slug, name, ods_code) VALUES ('elsewhere', 'Elsewhere NHS Trust', 'RZX') RETURNING id",
    );
    await testApp.query('UPDATE decisions SET tenant_id = $1 WHERE id = $2', [otherTenant, decision.id]);
    await supervisor.json<ErrorBody>(supervisor.get(`/api/decisions/${decision.id}`), 404);
    await supervisor.json<ErrorBody>(decide(supervisor, decision.id, { verdict: 'approve' }), 404);
    const votes = await testApp
      .query('UPDATE decision_votes SET comment = $1 WHERE decision_id IS NOT NULL RETURNING id', ['edited'])
      .catch((error: Error) => error);
    assert.ok(votes instanceof Error && /never changed or deleted/.test(votes.message), 'votes are append-only');
  });
});
