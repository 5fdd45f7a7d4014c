import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  AgentSessionDetail,
  AgentSessionListResponse,
  AgentSessionRunResponse,
  ErrorBody,
  PromptTemplateView,
  WorkspaceView,
} from '@trustops/contracts';
import { startAuthTestApp, type AuthTestApp } from '../../auth/testing/auth-test-app.js';
import { signIn } from '../../auth/testing/sign-in.js';
import { TestBrowser } from '../../auth/testing/test-browser.js';
import { findRepositoryRoot } from '../../platform/app-info.js';
import { RunsApi } from '../../runs/testing/runs-api.js';

const TEMPLATE = {
  key: 'explain-feed',
  title: 'Explain a feed',
  body: 'Explain what the {{ feed }} feed does, for {{ audience }}.',
  variables: [
    { name: 'feed', required: true, description: 'The feed, for example ADT' },
    { name: 'audience', required: false, default: 'a ward manager' },
  ],
};

describe('starting an agent session from a prompt template (integration)', { timeout: 120_000 }, () => {
  let testApp: AuthTestApp;
  let analyst: RunsApi;
  let workspaceId = '';

  const start = (body: unknown, key = TEMPLATE.key): Promise<Response> =>
    analyst.post(`/api/prompt-templates/${key}/sessions`, body);

  async function refusal(response: Promise<Response>, status: number): Promise<string> {
    return (await analyst.json<ErrorBody>(response, status)).message;
  }

  async function sessionCount(): Promise<number> {
    const list = await analyst.json<AgentSessionListResponse>(
      analyst.get(`/api/agent-sessions?workspaceId=${workspaceId}`),
      200,
    );
    return list.items.length;
  }

  before(async () => {
    // No model key: the offline engine answers, so the run finishes without any network.
    testApp = await startAuthTestApp({
      env: { LOG_LEVEL: 'warn', WORKSPACE_ALLOWED_ROOTS: join(findRepositoryRoot(), 'fixtures') },
    });
    const browser = new TestBrowser(testApp.url);
    analyst = new RunsApi(browser, await signIn(browser, 'analyst'));
    const workspace = await analyst.json<WorkspaceView>(
      analyst.post('/api/workspaces', { source: join(findRepositoryRoot(), 'fixtures', 'tie'), name: 'Fixture TIE' }),
      201,
    );
    workspaceId = workspace.id;
    await analyst.json<PromptTemplateView>(analyst.post('/api/prompt-templates', TEMPLATE), 201);
  });

  after(async () => {
    await testApp?.close();
  });

  it('should fill the template, start a session with it as the first question, and audit it', async () => {
    const started = await analyst.json<AgentSessionRunResponse>(
      start({ workspaceId, values: { feed: 'ADT' }, runner: 'offline' }),
      201,
    );
    assert.equal(started.session.title, 'Explain a feed');
    assert.equal(started.session.workspaceId, workspaceId);
    assert.equal(started.session.lastRunId, started.runId);

    const run = await analyst.waitFor(started.runId, undefined, 60_000);
    assert.equal(run.state, 'succeeded', JSON.stringify(run.steps.map((step) => [step.stepId, step.error])));
    assert.equal(run.inputs['prompt'], 'Explain what the ADT feed does, for a ward manager.');
    const session = await analyst.json<AgentSessionDetail>(
      analyst.get(`/api/agent-sessions/${started.session.id}`),
      200,
    );
    assert.deepEqual(
      session.messages.map((message) => [message.role, message.runId]),
      [
        ['user', started.runId],
        ['assistant', started.runId],
      ],
    );
    assert.equal(session.messages[0]?.text, 'Explain what the ADT feed does, for a ward manager.');

    const audit = await testApp.query<{ outcome: string; resource_type: string }>(
      "SELECT outcome, resource_type FROM audit_records WHERE action = 'prompt-template.session-started' AND resource_id = $1",
      [TEMPLATE.key],
    );
    assert.deepEqual(audit, [{ outcome: 'success', resource_type: 'prompt-template' }]);
  });

  it('should refuse, in plain words and before saving anything, a start it cannot make', async () => {
    const before = await sessionCount();

    assert.match(
      await refusal(start({ workspaceId, values: {} }), 400),
      /^Fill in "feed" first: the template needs a value for each\.$/,
    );
    assert.match(
      await refusal(start({ workspaceId, values: { feed: ' ' } }), 400),
      /Fill in "feed" first/,
      'a value of only spaces is no value',
    );
    assert.match(
      await refusal(start({ workspaceId, values: { feed: 'ADT', ward: '7', colour: 'blue' } }), 400),
      /has no "ward" and "colour" to fill in/,
    );
    assert.match(
      await refusal(start({ workspaceId, values: { feed: { nested: true } } }), 400),
      /value of "feed" must be text/,
    );
    assert.match(await refusal(start({ values: { feed: 'ADT' } }), 400), /workspaceId must be the id of a workspace/);
    assert.match(await refusal(start({ workspaceId, values: 'ADT' }), 400), /values must be an object/);
    assert.match(
      await refusal(start({ workspaceId, values: { feed: 'ADT' }, version: 0 }), 400),
      /version must be 1 or more/,
    );
    assert.match(
      await refusal(start({ workspaceId, values: { feed: 'ADT' }, runner: 'gpt' }), 400),
      /runner must be claude or offline/,
    );
    assert.match(
      await refusal(start({ workspaceId, values: { feed: 'x'.repeat(20_001) } }), 400),
      /the most an agent accepts is 20000/,
    );
    assert.match(
      await refusal(start({ workspaceId: randomUUID(), values: { feed: 'ADT' } }), 404),
      /workspace/i,
      "another tenant's or a deleted workspace is not found",
    );
    assert.match(
      await refusal(start({ workspaceId, values: { feed: 'ADT' } }, 'no-such-template'), 404),
      /There is no prompt template "no-such-template"/,
    );
    assert.match(await refusal(start({ workspaceId, values: { feed: 'ADT' }, version: 9 }), 404), /has no version 9/);

    assert.equal(await sessionCount(), before);
  });

  it('should keep the start from people who may not run agents', async () => {
    const browser = new TestBrowser(testApp.url);
    const clinician = new RunsApi(browser, await signIn(browser, 'clinician'));
    const refused = await clinician.post(`/api/prompt-templates/${TEMPLATE.key}/sessions`, {
      workspaceId,
      values: { feed: 'ADT' },
    });
    assert.equal(refused.status, 403);
  });
});
