import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type {
  AgentPromptOutput,
  AgentRunHistoryResponse,
  AgentRunnersResponse,
  AgentSessionDetail,
  AgentSessionListResponse,
  AgentSessionRunResponse,
  ErrorBody,
  PreviewPromptTemplateResponse,
  PromptTemplateListResponse,
  PromptTemplateView,
  WorkspaceView,
} from '@trustops/contracts';
import { startAuthTestApp, type AuthTestApp } from '../../auth/testing/auth-test-app.js';
import { signIn } from '../../auth/testing/sign-in.js';
import { TestBrowser } from '../../auth/testing/test-browser.js';
import { findRepositoryRoot } from '../../platform/app-info.js';
import type { StepContext } from '../../runs/step-handler.js';
import { RunsApi } from '../../runs/testing/runs-api.js';
import { TWO_TOOL_CALLS_TRANSCRIPT } from '../testing/expected-transcripts.js';
import { errorReply, FakeAnthropic, textReply, toolUseReply } from '../testing/fake-anthropic.js';
import { AgentPromptStepHandler } from './agent-prompt.step-handler.js';

let WORKSPACE_ID = '';
/** A finished run with a transcript, for the permission checks. */
let answeredRunId = '';

describe('agent.prompt through the runs engine (integration)', { timeout: 180_000 }, () => {
  let fake: FakeAnthropic;
  let testApp: AuthTestApp;
  let analyst: RunsApi;
  let base: string;

  before(async () => {
    fake = await new FakeAnthropic().start();
    base = await mkdtemp(join(tmpdir(), 'trustops-agent-'));
    await cp(join(findRepositoryRoot(), 'fixtures', 'tie'), join(base, 'tie'), { recursive: true });
    testApp = await startAuthTestApp({
      env: {
        LOG_LEVEL: 'warn',
        ANTHROPIC_API_KEY: 'sk-ant-integration-test',
        ANTHROPIC_BASE_URL: fake.url,
        ANTHROPIC_MAX_RETRIES: '1',
        ANTHROPIC_MODEL: 'claude-sonnet-5-5',
        WORKSPACE_ALLOWED_ROOTS: base,
      },
    });
    const browser = new TestBrowser(testApp.url);
    analyst = new RunsApi(browser, await signIn(browser, 'analyst'));
    // The fixture TIE, imported as a person would (read-only: no write_file, no bash).
    const workspace = await analyst.json<WorkspaceView>(
      analyst.post('/api/workspaces', { source: join(base, 'tie'), name: 'Fixture TIE' }),
      201,
    );
    WORKSPACE_ID = workspace.id;
  });

  after(async () => {
    await testApp?.close();
    await fake?.stop();
    await rm(base, { recursive: true, force: true });
  });

  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('should say that claude answers by default when a key is configured', async () => {
    const runners = await analyst.json<AgentRunnersResponse>(analyst.get('/api/runners'), 200);
    assert.equal(runners.defaultRunner, 'claude');
    assert.deepEqual(
      runners.items.map((item) => [item.name, item.available, item.model]),
      [
        ['claude', true, 'claude-sonnet-5-5'],
        ['offline', true, null],
      ],
    );
  });

  it('should run a session question end to end: tool loop, transcript events in order, answer in the session', async () => {
    fake.script(
      toolUseReply('list_files', { path: 'src/handlers' }, { text: 'I will look at the handlers.', id: 'toolu_1' }),
      toolUseReply('read_file', { path: 'src/handlers/adt-admit.js', max_lines: 30 }, { id: 'toolu_2' }),
      textReply('The ADT feed admits patients: `src/handlers/adt-admit.js` handles **ADT^A01**.', {
        input_tokens: 2_000,
        output_tokens: 100,
      }),
    );
    const started = await analyst.json<AgentSessionRunResponse>(
      analyst.post('/api/agent-sessions', { workspaceId: WORKSPACE_ID, prompt: 'What does the ADT feed do?' }),
      201,
    );
    assert.equal(started.session.title, 'What does the ADT feed do?');
    const run = await analyst.waitFor(started.runId);
    assert.equal(run.state, 'succeeded', JSON.stringify(run.steps));
    const output = run.steps[0]?.output as AgentPromptOutput;
    assert.equal(output.runner, 'claude');
    assert.equal(output.stopReason, 'completed');
    assert.equal(output.turns, 3);
    assert.match(output.text, /adt-admit\.js/);
    assert.equal(output.sessionId, started.session.id);
    assert.equal(output.usage.inputTokens, 120 + 120 + 2_000);
    assert.ok(output.usage.costUsd !== null && output.usage.costUsd > 0);
    assert.deepEqual(run.outputs, { answer: output.text });

    const events = await analyst.json<Array<{ type: string; seq: number; payload: Record<string, unknown> }>>(
      analyst.get(`/api/runs/${run.id}/events`),
      200,
    );
    const agentEvents = events.filter((event) => event.type.startsWith('agent.'));
    assert.deepEqual(
      agentEvents.map((event) => event.type),
      TWO_TOOL_CALLS_TRANSCRIPT,
    );
    assert.ok(agentEvents.every((event) => event.payload['stepId'] === 'ask'));
    const types = events.map((event) => event.type);
    // (The engine may commit `step.started` after a quick handler has begun, so only the end is fixed.)
    assert.ok(
      types.indexOf('step.queued') < types.indexOf('agent.message'),
      'the transcript comes after the step is queued',
    );
    assert.ok(types.lastIndexOf('agent.message') < types.indexOf('step.succeeded'), 'and before it succeeds');
    assert.deepEqual(
      events.map((event) => event.seq),
      events.map((_event, index) => (events[0]?.seq ?? 1) + index),
      'gapless',
    );

    const session = await analyst.json<AgentSessionDetail>(
      analyst.get(`/api/agent-sessions/${started.session.id}`),
      200,
    );
    assert.deepEqual(
      session.messages.map((message) => [message.seq, message.role, message.text]),
      [
        [1, 'user', 'What does the ADT feed do?'],
        [2, 'assistant', output.text],
      ],
    );

    // A follow-up sends the conversation so far.
    fake.script(textReply('A08 updates the patient record.'));
    const followUp = await analyst.json<AgentSessionRunResponse>(
      analyst.post(`/api/agent-sessions/${started.session.id}/messages`, { prompt: 'And updates?' }),
      201,
    );
    assert.equal((await analyst.waitFor(followUp.runId)).state, 'succeeded');
    const lastRequest = fake.requests.at(-1);
    assert.deepEqual(lastRequest?.body.messages, [
      { role: 'user', content: 'What does the ADT feed do?' },
      { role: 'assistant', content: output.text },
      // The newest block carries the prompt-cache breakpoint: the next turn reads all of this from the cache.
      { role: 'user', content: [{ type: 'text', text: 'And updates?', cache_control: { type: 'ephemeral' } }] },
    ]);
    const sessions = await analyst.json<AgentSessionListResponse>(
      analyst.get(`/api/agent-sessions?workspaceId=${WORKSPACE_ID}`),
      200,
    );
    const listed = sessions.items.find((item) => item.id === started.session.id);
    assert.equal(listed?.messageCount, 4);
    assert.equal(listed?.lastRunId, followUp.runId);

    // Run history of the workspace, newest first.
    const history = await analyst.json<AgentRunHistoryResponse>(
      analyst.get(`/api/agent-runs?workspaceId=${WORKSPACE_ID}`),
      200,
    );
    assert.deepEqual(
      history.items.slice(0, 2).map((item) => [item.runId, item.state, item.prompt]),
      [
        [followUp.runId, 'completed', 'And updates?'],
        [run.id, 'completed', 'What does the ADT feed do?'],
      ],
    );

    // The transcript exports as Markdown with every message and tool call.
    const markdown = await analyst.get(`/api/agent-runs/${run.id}/transcript.md`);
    assert.equal(markdown.status, 200);
    assert.match(markdown.headers.get('content-disposition') ?? '', /attachment; filename="?transcript-.+\.md"?/);
    const text = await markdown.text();
    assert.match(text, /## Question\n\n> What does the ADT feed do\?/);
    assert.match(text, /### Tool call: `list_files`/);
    assert.match(text, /#### Result of `read_file`/);
    assert.match(text, /## Answer\n\nThe ADT feed admits patients/);
    assert.match(text, /Model: claude-sonnet-5-5 · 2240 input tokens/);

    const conversation = await (await analyst.get(`/api/agent-sessions/${started.session.id}/transcript.md`)).text();
    assert.match(conversation, /^# What does the ADT feed do\?\n/);
    assert.match(conversation, /## Question\n\n> And updates\?\n\n## Answer\n\nA08 updates the patient record\./);

    const pdf = await analyst.get(`/api/agent-runs/${run.id}/transcript.pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
      '%PDF-',
    );
  });

  it('should fail the step with the API error, once, without retrying a refused request', async () => {
    fake.script(errorReply(400, 'invalid_request_error', 'prompt is too long: 1200000 tokens > 1000000 maximum'));
    const started = await analyst.json<AgentSessionRunResponse>(
      analyst.post('/api/agent-sessions', { workspaceId: WORKSPACE_ID, prompt: 'Summarise everything.' }),
      201,
    );
    const run = await analyst.waitFor(started.runId);
    assert.equal(run.state, 'failed');
    assert.equal(
      run.steps[0]?.error,
      'The Anthropic API rejected the request (400: prompt is too long: 1200000 tokens > 1000000 maximum).',
    );
    assert.equal(run.steps[0]?.attempt, 1, 'a refused request is not retried');
    assert.equal(fake.requests.length, 1);
  });

  it('should answer with the offline engine when the step asks for it', async () => {
    const started = await analyst.json<AgentSessionRunResponse>(
      analyst.post('/api/agent-sessions', {
        workspaceId: WORKSPACE_ID,
        prompt: 'What does the ADT^A01 feed do?',
        runner: 'offline',
      }),
      201,
    );
    const run = await analyst.waitFor(started.runId, undefined, 60_000);
    assert.equal(run.state, 'succeeded', JSON.stringify(run.steps));
    const output = run.steps[0]?.output as AgentPromptOutput;
    answeredRunId = run.id;
    assert.equal(output.runner, 'offline');
    assert.match(output.text, /offline engine/);
    assert.match(output.text, /ADT\^A01/);
    assert.equal(fake.requests.length, 0, 'the offline engine makes no API call');
  });

  /** A step attempt handed to the handler directly, as the engine would (and might again). */
  const stepContext = (params: Record<string, unknown>): StepContext => {
    const runId = randomUUID();
    return {
      tenantId: analyst.session.activeTenant.id,
      runId,
      stepId: 'ask',
      attempt: 1,
      effectKey: `${runId}:ask:1`,
      params: { workspace: WORKSPACE_ID, ...params },
      inputs: {},
      startedBy: { userId: null, displayName: 'Test' },
      title: 'Ask',
      signal: new AbortController().signal,
      markStarted: () => Promise.resolve(),
      log: () => Promise.resolve(),
      emit: () => Promise.resolve(),
    };
  };

  it('should fail permanently with a plain sentence when the turn budget runs out, and say so again on redelivery', async () => {
    const handler = testApp.app.get(AgentPromptStepHandler);
    const context = stepContext({ prompt: 'List everything.', maxTurns: 1 });
    fake.script(toolUseReply('list_files', {}));
    const expected = {
      name: 'PermanentStepError',
      message:
        'The agent stopped after using the one turn it was allowed, before it had a final answer. Ask a narrower question or allow more turns (maxTurns).',
    };
    await assert.rejects(handler.execute(context), expected);
    await assert.rejects(handler.execute(context), expected);
    assert.equal(fake.requests.length, 1);
  });

  it('should stop at once when the run is cancelled and show the attempt as stopped', async () => {
    const handler = testApp.app.get(AgentPromptStepHandler);
    const controller = new AbortController();
    const context = { ...stepContext({ prompt: 'Write a long report.' }), signal: controller.signal };
    fake.script({
      kind: 'message',
      content: [{ type: 'text', text: 'A very long report that takes a while.' }],
      deltaDelayMs: 3_000,
    });
    setTimeout(() => controller.abort(new Error('The run was cancelled.')), 300);
    const started = Date.now();
    await assert.rejects(handler.execute(context));
    assert.ok(Date.now() - started < 2_500, 'the model call was abandoned, not waited for');
    const history = await analyst.json<AgentRunHistoryResponse>(
      analyst.get(`/api/agent-runs?workspaceId=${WORKSPACE_ID}`),
      200,
    );
    const attempt = history.items.find((item) => item.runId === context.runId);
    assert.equal(attempt?.state, 'failed');
  });

  it('should return the recorded answer when the same attempt is delivered again', async () => {
    const handler = testApp.app.get(AgentPromptStepHandler);
    const context = stepContext({ prompt: 'Which ports listen?' });
    fake.script(textReply('MLLP listens on 2575.'));
    const first = await handler.execute(context);
    const again = await handler.execute(context);
    assert.deepEqual(again, first);
    assert.equal(fake.requests.length, 1, 'the model was asked once');
  });

  it('should refuse bad parameters and an unknown workspace as permanent failures', async () => {
    const handler = testApp.app.get(AgentPromptStepHandler);
    assert.deepEqual(handler.validate({ workspace: '{{ inputs.workspace }}', prompt: '', runner: 'gpt' }), [
      'agent.prompt needs `prompt`: what to ask the agent.',
      'runner must be claude or offline.',
    ]);
    const response = await analyst.post('/api/agent-sessions', {
      workspaceId: 'no-such-workspace',
      prompt: 'Hello there',
    });
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as ErrorBody).message, 'There is no workspace with id no-such-workspace.');
  });

  it('should version prompt templates and preview them with variables', async () => {
    const first = await analyst.json<PromptTemplateView>(
      analyst.post('/api/prompt-templates', {
        key: 'explain-feed',
        title: 'Explain a feed',
        body: 'Explain the {{ feed }} feed for {{ audience }}.',
        variables: [{ name: 'audience', required: false, default: 'a ward manager' }],
      }),
      201,
    );
    assert.equal(first.version, 1);
    assert.deepEqual(first.variables, [
      { name: 'audience', required: false, default: 'a ward manager' },
      { name: 'feed', required: true },
    ]);
    const second = await analyst.json<PromptTemplateView>(
      analyst.post('/api/prompt-templates', {
        key: 'explain-feed',
        title: 'Explain a feed',
        body: 'In plain English, explain the {{ feed }} feed.',
      }),
      201,
    );
    assert.equal(second.version, 2);

    const preview = await analyst.json<PreviewPromptTemplateResponse>(
      analyst.post('/api/prompt-templates/explain-feed/preview', { values: { feed: 'ADT' } }),
      200,
    );
    assert.deepEqual(preview, { rendered: 'In plain English, explain the ADT feed.', missing: [], unused: [] });
    const old = await analyst.json<PreviewPromptTemplateResponse>(
      analyst.post('/api/prompt-templates/explain-feed/preview', { values: {}, version: 1 }),
      200,
    );
    assert.deepEqual(old, { rendered: 'Explain the  feed for a ward manager.', missing: ['feed'], unused: [] });

    const versions = await analyst.json<PromptTemplateListResponse>(
      analyst.get('/api/prompt-templates/explain-feed/versions'),
      200,
    );
    assert.deepEqual(
      versions.items.map((item) => item.version),
      [2, 1],
    );
    const list = await analyst.json<PromptTemplateListResponse>(analyst.get('/api/prompt-templates'), 200);
    assert.deepEqual(
      list.items.map((item) => [item.key, item.version]),
      [['explain-feed', 2]],
    );
    assert.equal((await analyst.get('/api/prompt-templates/no-such-template')).status, 404);
    const bad = await analyst.post('/api/prompt-templates', { key: 'Not A Key', title: 'x', body: 'y' });
    assert.equal(bad.status, 400);
  });

  it('should keep sessions from people without the runners permissions', async () => {
    const browser = new TestBrowser(testApp.url);
    const clinician = new RunsApi(browser, await signIn(browser, 'clinician'));
    assert.equal((await clinician.get(`/api/agent-sessions?workspaceId=${WORKSPACE_ID}`)).status, 403);
    assert.equal(
      (await clinician.post('/api/agent-sessions', { workspaceId: WORKSPACE_ID, prompt: 'Hello there' })).status,
      403,
    );
    assert.equal((await clinician.get('/api/prompt-templates')).status, 403);
    // The transcript of a run is part of the run: whoever may see the run may export it.
    const transcript = await clinician.get(`/api/agent-runs/${answeredRunId}/transcript.md`);
    assert.equal(transcript.status, 200);
    assert.match(await transcript.text(), /## Answer\n\n> Answered by the \*\*offline engine\*\*/);
  });
});
