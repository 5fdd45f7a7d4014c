import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { findRepositoryRoot } from '../../platform/app-info.js';
import type { RunnerCheckpointStore, RunnerEvent, RunnerRequest, RunnerWorkspace } from '../runner.js';
import { RunnerError } from '../runner.js';
import { TWO_TOOL_CALLS_TRANSCRIPT } from '../testing/expected-transcripts.js';
import { errorReply, FakeAnthropic, textReply, toolUseReply } from '../testing/fake-anthropic.js';
import { ClaudeRunner } from './claude-runner.js';

const API_KEY = 'sk-ant-test-key-not-real';

describe(ClaudeRunner.name, () => {
  let fake: FakeAnthropic;
  let base: string;
  let workspace: RunnerWorkspace;

  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'trustops-claude-'));
    await cp(join(findRepositoryRoot(), 'fixtures', 'tie'), join(base, 'tie'), { recursive: true });
    workspace = { root: join(base, 'tie'), allowWrite: false, allowBash: false };
  });

  after(async () => {
    await rm(base, { recursive: true, force: true });
  });

  beforeEach(async () => {
    fake = await new FakeAnthropic().start();
  });

  afterEach(async () => {
    await fake.stop();
  });

  const runner = (overrides: Partial<ConstructorParameters<typeof ClaudeRunner>[0]> = {}): ClaudeRunner =>
    new ClaudeRunner({
      apiKey: API_KEY,
      baseURL: fake.url,
      model: 'claude-sonnet-5-5',
      maxOutputTokens: 1024,
      maxRetries: 2,
      requestTimeoutMs: 10_000,
      ...overrides,
    });

  const request = (events: RunnerEvent[], overrides: Partial<RunnerRequest> = {}): RunnerRequest => ({
    workspace,
    prompt: 'What does the ADT feed do?',
    history: [],
    budgets: { maxTurns: 10, maxTokens: 100_000 },
    signal: new AbortController().signal,
    emit: (event) => {
      events.push(event);
      return Promise.resolve();
    },
    ...overrides,
  });

  it('should stream a text reply and record usage and cost', async () => {
    fake.script(
      textReply('The ADT feed admits, updates and discharges patients.', { input_tokens: 1_000, output_tokens: 200 }),
    );
    const events: RunnerEvent[] = [];
    const result = await runner().run(request(events));

    assert.equal(result.stopReason, 'completed');
    assert.equal(result.text, 'The ADT feed admits, updates and discharges patients.');
    assert.equal(result.turns, 1);
    // 1,000 × $2/M + 200 × $10/M
    assert.deepEqual(result.usage, {
      model: 'claude-sonnet-5-5',
      inputTokens: 1_000,
      outputTokens: 200,
      cacheCreationInputTokens: 0,
      cacheReadInputTokens: 0,
      costUsd: 0.004,
    });
    assert.deepEqual(
      events.map((event) => event.type),
      ['agent.message', 'agent.usage', 'agent.message'],
    );
    assert.deepEqual(events[0], { type: 'agent.message', turn: 0, role: 'user', text: 'What does the ADT feed do?' });

    const sent = fake.requests[0];
    assert.ok(sent);
    assert.equal(sent.body.stream, true, 'the runner should use the streaming API');
    assert.equal(sent.headers.authorization ?? sent.headers['x-api-key'], `Bearer ${API_KEY}`);
    assert.equal(sent.body.model, 'claude-sonnet-5-5');
    assert.deepEqual(
      sent.body.tools?.map((tool) => tool.name),
      ['list_files', 'read_file', 'search'],
      'write_file and bash are not offered in a read-only workspace',
    );
  });

  it('should report the text of a long answer while it is being written', async () => {
    const answer =
      'The ADT feed receives admissions on MLLP port 2575, validates them, maps them to FHIR and routes them to the PAS.';
    fake.script({ kind: 'message', content: [{ type: 'text', text: answer }], deltaDelayMs: 700 });
    const events: RunnerEvent[] = [];
    const result = await runner().run(request(events));
    assert.equal(result.text, answer);
    const partials = events.filter((event) => event.type === 'agent.message_partial');
    assert.ok(partials.length >= 1, 'at least one partial report during a two-second answer');
    assert.ok(
      answer.startsWith(partials.map((event) => event.text).join('')),
      'partials are consecutive pieces of the answer',
    );
    const lastPartial = events.findLastIndex((event) => event.type === 'agent.message_partial');
    const final = events.findIndex((event) => event.type === 'agent.message' && event.role === 'assistant');
    assert.ok(lastPartial < final, 'the whole answer follows the partial reports');
  });

  it('should run a tool_use → tool_result loop over the fixture TIE and finish with an answer', async () => {
    fake.script(
      toolUseReply('search', { query: 'ADT^A01' }, { text: 'Let me look for admissions.', id: 'toolu_search' }),
      toolUseReply('read_file', { path: 'src/handlers/adt-admit.js', max_lines: 40 }, { id: 'toolu_read' }),
      textReply('ADT^A01 admissions are handled in `src/handlers/adt-admit.js`.'),
    );
    const events: RunnerEvent[] = [];
    const result = await runner().run(request(events));

    assert.equal(result.stopReason, 'completed');
    assert.equal(result.turns, 3);
    assert.match(result.text, /adt-admit\.js/);
    assert.deepEqual(
      events.map((event) => event.type),
      TWO_TOOL_CALLS_TRANSCRIPT,
    );
    const call = events.find((event) => event.type === 'agent.tool_call');
    assert.deepEqual(
      call,
      { type: 'agent.tool_call', turn: 1, toolUseId: 'toolu_search', tool: 'search', input: { query: 'ADT^A01' } },
      'the streamed input_json_delta pieces are reassembled',
    );

    // The reply is sent back as the API accepts it: only its own fields.
    assert.deepEqual(fake.requests[1]?.body.messages[1], {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Let me look for admissions.' },
        { type: 'tool_use', id: 'toolu_search', name: 'search', input: { query: 'ADT^A01' } },
      ],
    });
    // The second request carries the search result; the third the file's content.
    const searchResult = toolResultOf(fake.requests[1]?.body.messages, 'toolu_search');
    assert.match(searchResult.content, /src\/handlers\/adt-admit\.js:\d+:/);
    const readResult = toolResultOf(fake.requests[2]?.body.messages, 'toolu_read');
    const file = await readFile(join(workspace.root, 'src/handlers/adt-admit.js'), 'utf8');
    assert.ok(readResult.content.startsWith(`1\t${file.split('\n')[0]}`));
    assert.equal(readResult.is_error, false);
    assert.equal(fake.pending, 0);
  });

  it('should hand a refused tool call back to the model as an error result', async () => {
    fake.script(
      toolUseReply('read_file', { path: '../../etc/passwd' }, { id: 'toolu_escape' }),
      toolUseReply('bash', { command: 'env' }, { id: 'toolu_bash' }),
      textReply('I cannot read that.'),
    );
    const events: RunnerEvent[] = [];
    const result = await runner().run(request(events));
    assert.equal(result.stopReason, 'completed');
    const escape = toolResultOf(fake.requests[1]?.body.messages, 'toolu_escape');
    assert.equal(escape.is_error, true);
    assert.match(escape.content, /outside the workspace|not allowed/);
    const bash = toolResultOf(fake.requests[2]?.body.messages, 'toolu_bash');
    assert.deepEqual(
      { content: bash.content, is_error: bash.is_error },
      { content: 'Running commands is not allowed in this workspace.', is_error: true },
    );
  });

  it('should finish with a plain sentence when the model declines', async () => {
    fake.script({ kind: 'message', content: [], stopReason: 'refusal' });
    const result = await runner().run(request([]));
    assert.equal(result.stopReason, 'completed');
    assert.equal(result.text, 'The model declined to answer this request.');
  });

  it('should retry a 429 after its retry-after and then succeed', async () => {
    fake.script(
      errorReply(429, 'rate_limit_error', 'Number of requests has exceeded your rate limit', { 'retry-after': '1' }),
      textReply('Done after waiting.'),
    );
    const started = Date.now();
    const result = await runner().run(request([]));
    assert.equal(result.text, 'Done after waiting.');
    assert.equal(fake.requests.length, 2, 'the SDK retried once');
    assert.ok(Date.now() - started >= 900, 'the SDK waited for retry-after');
  });

  it('should surface an API error as a clear, non-retryable runner error', async () => {
    fake.script(errorReply(400, 'invalid_request_error', 'messages: at least one message is required'));
    await assert.rejects(runner().run(request([])), (error: unknown) => {
      assert.ok(error instanceof RunnerError);
      assert.equal(
        error.message,
        'The Anthropic API rejected the request (400: messages: at least one message is required).',
      );
      assert.equal(error.retryable, false);
      return true;
    });
    assert.equal(fake.requests.length, 1, '400 is not retried');
  });

  it('should say that the key was refused without showing it', async () => {
    fake.script(errorReply(401, 'authentication_error', 'invalid x-api-key'));
    await assert.rejects(runner().run(request([])), (error: unknown) => {
      assert.ok(error instanceof RunnerError);
      assert.match(error.message, /did not accept the API key \(401: invalid x-api-key\)\. Check ANTHROPIC_API_KEY\./);
      assert.doesNotMatch(error.message, /sk-ant/);
      return true;
    });
  });

  it('should give up on repeated server errors with a retryable error', async () => {
    fake.script(
      errorReply(500, 'api_error', 'Internal server error'),
      errorReply(529, 'overloaded_error', 'Overloaded'),
    );
    await assert.rejects(runner({ maxRetries: 1 }).run(request([])), (error: unknown) => {
      assert.ok(error instanceof RunnerError);
      assert.match(error.message, /had a problem \(529: Overloaded\) and still did after retrying/);
      assert.equal(error.retryable, true);
      return true;
    });
    assert.equal(fake.requests.length, 2);
  });

  it('should report a malformed reply clearly', async () => {
    fake.script({ kind: 'malformed' });
    await assert.rejects(runner({ maxRetries: 0 }).run(request([])), (error: unknown) => {
      assert.ok(error instanceof RunnerError);
      assert.match(error.message, /could not be read/);
      return true;
    });
  });

  it('should stop at the turn budget with a clear message', async () => {
    fake.script(
      toolUseReply('list_files', {}),
      toolUseReply('list_files', { path: 'src' }),
      toolUseReply('list_files', { path: 'config' }),
    );
    const events: RunnerEvent[] = [];
    const result = await runner().run(request(events, { budgets: { maxTurns: 2, maxTokens: 100_000 } }));
    assert.equal(result.stopReason, 'turn_limit');
    assert.equal(result.turns, 2);
    assert.equal(
      result.text,
      'The agent stopped after using all 2 turns it was allowed, before it had a final answer. Ask a narrower question or allow more turns (maxTurns).',
    );
    assert.equal(fake.requests.length, 2);
    assert.equal(
      events.filter((event) => event.type === 'agent.tool_result').length,
      2,
      'the last tool call still ran',
    );
  });

  it('should stop at the token budget and never ask for more output than is left', async () => {
    fake.script(
      toolUseReply('list_files', {}, { usage: { input_tokens: 960, output_tokens: 50 } }),
      textReply('never asked for'),
    );
    const result = await runner().run(request([], { budgets: { maxTurns: 10, maxTokens: 1_000 } }));
    assert.equal(result.stopReason, 'token_limit');
    assert.equal(fake.requests.length, 1);
    assert.equal(fake.requests[0]?.body.max_tokens, 1_000);
    assert.match(result.text, /after using 1010 tokens, its budget of 1000/);
  });

  it('should send the session history before the new prompt', async () => {
    fake.script(textReply('Yes: A08 updates.'));
    await runner().run(
      request([], {
        prompt: 'And updates?',
        history: [
          { role: 'user', text: 'What does the ADT feed do?' },
          { role: 'assistant', text: 'It admits and discharges.' },
        ],
      }),
    );
    assert.deepEqual(fake.requests[0]?.body.messages, [
      { role: 'user', content: 'What does the ADT feed do?' },
      { role: 'assistant', content: 'It admits and discharges.' },
      // The newest block carries the prompt-cache breakpoint: the next turn reads all of this from the cache.
      { role: 'user', content: [{ type: 'text', text: 'And updates?', cache_control: { type: 'ephemeral' } }] },
    ]);
  });

  it('should resume from its checkpoint without running a tool twice', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'trustops-resume-'));
    const writable: RunnerWorkspace = { root: scratch, allowWrite: true, allowBash: true };
    let saved: Record<string, unknown> | null = null;
    const checkpoint: RunnerCheckpointStore = {
      load: () => Promise.resolve(saved ? structuredClone(saved) : null),
      save: (state) => {
        saved = structuredClone(state);
        return Promise.resolve();
      },
    };
    try {
      // The first delivery dies right after the tool has run (the process was killed).
      fake.script(toolUseReply('bash', { command: 'echo ran >> count.txt' }, { id: 'toolu_once' }));
      const crashing = request([], {
        workspace: writable,
        checkpoint,
        emit: (event) =>
          event.type === 'agent.tool_result' ? Promise.reject(new Error('worker killed')) : Promise.resolve(),
      });
      await assert.rejects(runner().run(crashing), /worker killed/);

      fake.script(textReply('Counted.'));
      const result = await runner().run(request([], { workspace: writable, checkpoint }));
      assert.equal(result.text, 'Counted.');
      assert.equal(result.turns, 2);
      assert.equal(await readFile(join(scratch, 'count.txt'), 'utf8'), 'ran\n', 'the command ran once');
      assert.equal(fake.requests.length, 2);
      assert.equal(toolResultOf(fake.requests[1]?.body.messages, 'toolu_once').content, '(no output)');
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});

function toolResultOf(
  messages: Array<{ role: string; content: unknown }> | undefined,
  toolUseId: string,
): { content: string; is_error: boolean } {
  for (const message of messages ?? []) {
    if (!Array.isArray(message.content)) continue;
    for (const block of message.content as Array<Record<string, unknown>>) {
      if (block['type'] === 'tool_result' && block['tool_use_id'] === toolUseId)
        return { content: String(block['content']), is_error: block['is_error'] === true };
    }
  }
  assert.fail(`no tool_result for ${toolUseId}`);
}
