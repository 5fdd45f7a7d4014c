import Anthropic, {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  PermissionDeniedError,
  RateLimitError,
  NotFoundError,
} from '@anthropic-ai/sdk';
import type {
  ContentBlock,
  ContentBlockParam,
  Message,
  MessageParam,
  ToolResultBlockParam,
  ToolUseBlockParam,
} from '@anthropic-ai/sdk/resources/messages/messages';
import { executeTool, toolDefinitionsFor, type ToolOutcome } from '../tools/agent-tools.js';
import { DEFAULT_TOOL_LIMITS, type ToolLimits } from '../tools/workspace-tools.js';
import {
  emptyUsage,
  RunnerError,
  type ConversationTurn,
  type Runner,
  type RunnerRequest,
  type RunnerResult,
  type RunnerStopReason,
  type RunnerUsage,
} from '../runner.js';
import { MODEL_ENGINE_LABELS } from '../../platform/status/status.service.js';
import { costOf } from './model-prices.js';

export interface ClaudeRunnerOptions {
  apiKey: string;
  /** The Anthropic API, a proxy in front of it, or the local fake in tests. */
  baseURL?: string;
  model: string;
  /** `max_tokens` of one model call (the answer of one turn). */
  maxOutputTokens: number;
  /** The SDK's own retries of 408/409/429/5xx and connection errors (it honours `retry-after`). */
  maxRetries: number;
  /** One model call, in milliseconds. */
  requestTimeoutMs: number;
  toolLimits?: ToolLimits;
}

/** How often the text of an answer still being written is reported. */
const PARTIAL_TEXT_INTERVAL_MS = 1_000;

/** Characters of a tool result put on the event stream (the model gets the full, capped output). */
const EVENT_OUTPUT_CHARS = 8_000;

const SYSTEM_PROMPT = `You are the TrustOps analysis assistant for NHS Trust staff. You work on one software workspace
(often a Trust Integration Engine: HL7 v2 messages, MLLP listeners, mappings and routes) through the tools
you are given. Look at the files before you answer; name the files and line numbers your answer rests on.
Answer in plain English for readers who are not developers, formatted as Markdown; use Mermaid diagrams
(\`\`\`mermaid) where a flow is easier to see than to read. Never reveal secrets, keys or patient data
you come across; say that you found them instead.`;

interface ClaudeCheckpoint {
  version: 1;
  messages: MessageParam[];
  turns: number;
  usage: RunnerUsage;
  /** Results of the tool calls of the last assistant message that have already run. */
  toolResults: Record<string, ToolOutcome>;
}

/**
 * The agent loop on the Anthropic Messages API: send the conversation with the tool list; while
 * the model asks for tools, run them inside the workspace and send the results back; stop at the
 * final answer or at a budget. Each model call streams (so long answers never hit an idle
 * timeout and an abort stops at once). Progress is checkpointed after every model call and
 * every tool result, so a redelivered step resumes without running a tool twice.
 */
export class ClaudeRunner implements Runner {
  readonly name = 'claude' as const;
  readonly label = MODEL_ENGINE_LABELS.claude;
  private readonly client: Anthropic;

  constructor(private readonly options: ClaudeRunnerOptions) {
    this.client = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseURL ?? null,
      maxRetries: options.maxRetries,
      timeout: options.requestTimeoutMs,
    });
  }

  async run(request: RunnerRequest): Promise<RunnerResult> {
    const { workspace, budgets, signal, emit } = request;
    const saved = (await request.checkpoint?.load()) as ClaudeCheckpoint | null | undefined;
    const state: ClaudeCheckpoint =
      saved?.version === 1
        ? saved
        : {
            version: 1,
            messages: [...historyMessages(request.history), { role: 'user', content: request.prompt }],
            turns: 0,
            usage: emptyUsage(this.options.model),
            toolResults: {},
          };
    if (!saved) await emit({ type: 'agent.message', turn: 0, role: 'user', text: request.prompt });
    const save = (): Promise<void> =>
      request.checkpoint?.save(state as unknown as Record<string, unknown>) ?? Promise.resolve();
    const tools = toolDefinitionsFor(workspace);

    for (;;) {
      throwIfAborted(signal);
      // A checkpoint taken after the model asked for tools: finish those before the next call.
      const last = state.messages.at(-1);
      if (last?.role === 'assistant') {
        const toolUses = toolUseBlocks(last.content);
        if (toolUses.length === 0) return this.result('completed', finalText(last.content), state);
        const results: ToolResultBlockParam[] = [];
        for (const toolUse of toolUses) {
          throwIfAborted(signal);
          let outcome = state.toolResults[toolUse.id];
          if (!outcome) {
            outcome = await executeTool(workspace, toolUse.name, asRecord(toolUse.input), {
              limits: this.options.toolLimits ?? DEFAULT_TOOL_LIMITS,
              signal,
            });
            state.toolResults[toolUse.id] = outcome;
            await save();
            await emit({
              type: 'agent.tool_result',
              turn: state.turns,
              toolUseId: toolUse.id,
              tool: toolUse.name,
              output: capForEvent(outcome.output),
              isError: outcome.isError,
            });
          }
          results.push({
            type: 'tool_result',
            tool_use_id: toolUse.id,
            content: outcome.output,
            is_error: outcome.isError,
          });
        }
        state.messages.push({ role: 'user', content: results });
        state.toolResults = {};
        await save();
      }

      const used =
        state.usage.inputTokens +
        state.usage.outputTokens +
        state.usage.cacheCreationInputTokens +
        state.usage.cacheReadInputTokens;
      if (state.turns >= budgets.maxTurns) {
        return this.result(
          'turn_limit',
          `The agent stopped after using ${budgets.maxTurns === 1 ? 'the one turn' : `all ${budgets.maxTurns} turns`} it was allowed, before it had a final answer. Ask a narrower question or allow more turns (maxTurns).`,
          state,
        );
      }
      if (used >= budgets.maxTokens) {
        return this.result(
          'token_limit',
          `The agent stopped after using ${used} tokens, its budget of ${budgets.maxTokens}, before it had a final answer. Ask a narrower question or allow more tokens (maxTokens).`,
          state,
        );
      }

      const message = await this.call(
        state.messages,
        tools,
        Math.max(1, Math.min(this.options.maxOutputTokens, budgets.maxTokens - used)),
        signal,
        (text) => emit({ type: 'agent.message_partial', turn: state.turns + 1, text }),
      );
      state.turns += 1;
      const turnUsage = usageOf(message);
      addUsage(state.usage, turnUsage);
      state.messages.push({ role: 'assistant', content: message.content.map(toParam) });
      state.toolResults = {};
      await save();

      await emit({ type: 'agent.usage', turn: state.turns, ...turnUsage });
      for (const block of message.content) {
        if (block.type === 'text' && block.text.trim().length > 0)
          await emit({ type: 'agent.message', turn: state.turns, role: 'assistant', text: block.text });
        if (block.type === 'tool_use')
          await emit({
            type: 'agent.tool_call',
            turn: state.turns,
            toolUseId: block.id,
            tool: block.name,
            input: asRecord(block.input),
          });
      }
      if (message.stop_reason === 'refusal') {
        return this.result(
          'completed',
          finalText(message.content) || 'The model declined to answer this request.',
          state,
        );
      }
      if (message.stop_reason === 'max_tokens' && toolUseBlocks(message.content).length === 0) {
        const text = finalText(message.content);
        return this.result(
          'completed',
          `${text}\n\n_(The answer was cut at the output limit of ${this.options.maxOutputTokens} tokens.)_`,
          state,
        );
      }
    }
  }

  /**
   * One streamed model call. While a long answer is being written, the text that arrived since
   * the last report is passed to `partial` about once a second, so that people watching see it
   * grow; a quick reply produces none (its full text follows as `agent.message`).
   */
  private async call(
    messages: MessageParam[],
    tools: ReturnType<typeof toolDefinitionsFor>,
    maxTokens: number,
    signal: AbortSignal,
    partial: (text: string) => Promise<void>,
  ): Promise<Message> {
    let unreported = '';
    let lastReport = Date.now();
    let reporting: Promise<void> = Promise.resolve();
    try {
      const stream = this.client.messages.stream(
        {
          model: this.options.model,
          max_tokens: maxTokens,
          system: SYSTEM_PROMPT,
          tools,
          messages: withCacheBreakpoint(messages),
        },
        { signal },
      );
      stream.on('text', (delta) => {
        unreported += delta;
        if (Date.now() - lastReport < PARTIAL_TEXT_INTERVAL_MS) return;
        const text = unreported;
        unreported = '';
        lastReport = Date.now();
        // Chained, so that reports stay in order and all are written before the turn's own events.
        reporting = reporting.then(() => partial(text));
      });
      const message = await stream.finalMessage();
      await reporting;
      return message;
    } catch (error) {
      await reporting.catch(() => undefined);
      throw describeApiError(error, this.options.model);
    }
  }

  private result(stopReason: RunnerStopReason, text: string, state: ClaudeCheckpoint): RunnerResult {
    return { runner: 'claude', stopReason, text, turns: state.turns, usage: { ...state.usage } };
  }
}

/**
 * The conversation with a prompt-cache breakpoint on its last block: each turn re-sends all the
 * turns before it, so caching that prefix (tools, system prompt and messages) makes the next turn
 * read it at a tenth of the price. The saved conversation is left as it is.
 */
function withCacheBreakpoint(messages: MessageParam[]): MessageParam[] {
  const last = messages.at(-1);
  if (!last) return messages;
  const blocks: ContentBlockParam[] =
    typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : [...last.content];
  const final = blocks.at(-1);
  if (!final || final.type === 'thinking' || final.type === 'redacted_thinking') return messages;
  blocks[blocks.length - 1] = { ...final, cache_control: { type: 'ephemeral' } };
  return [...messages.slice(0, -1), { ...last, content: blocks } as MessageParam];
}

/** The session's earlier turns as API messages: alternating roles, starting with the user. */
function historyMessages(history: ConversationTurn[]): MessageParam[] {
  const messages: Array<{ role: 'user' | 'assistant'; content: string }> = [];
  for (const turn of history) {
    if (turn.text.trim().length === 0) continue;
    const previous = messages.at(-1);
    if (!previous && turn.role === 'assistant') continue;
    if (previous?.role === turn.role) previous.content = `${previous.content}\n\n${turn.text}`;
    else messages.push({ role: turn.role, content: turn.text });
  }
  // The new prompt is a user message: the history must end with the assistant.
  if (messages.at(-1)?.role === 'user') messages.pop();
  return messages;
}

/**
 * A block of the model's reply as it is sent back in the next request: only the fields the API
 * accepts (the SDK adds helpers of its own to what it returns).
 */
function toParam(block: ContentBlock): ContentBlockParam {
  if (block.type === 'text') {
    return block.citations?.length
      ? { type: 'text', text: block.text, citations: block.citations }
      : { type: 'text', text: block.text };
  }
  if (block.type === 'tool_use') return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  if (block.type === 'thinking') return { type: 'thinking', thinking: block.thinking, signature: block.signature };
  if (block.type === 'redacted_thinking') return { type: 'redacted_thinking', data: block.data };
  // Server-side tool blocks are sent back as they came.
  return block;
}

function toolUseBlocks(content: MessageParam['content']): ToolUseBlockParam[] {
  if (typeof content === 'string') return [];
  return content.filter((block) => block.type === 'tool_use') as ToolUseBlockParam[];
}

function finalText(content: MessageParam['content']): string {
  if (typeof content === 'string') return content;
  return content
    .filter((block) => block.type === 'text')
    .map((block) => (block as { text: string }).text)
    .join('\n\n')
    .trim();
}

function usageOf(message: Message): RunnerUsage {
  const usage = {
    model: message.model,
    inputTokens: message.usage.input_tokens,
    outputTokens: message.usage.output_tokens,
    cacheCreationInputTokens: message.usage.cache_creation_input_tokens ?? 0,
    cacheReadInputTokens: message.usage.cache_read_input_tokens ?? 0,
  };
  return { ...usage, costUsd: costOf(usage) };
}

function addUsage(total: RunnerUsage, turn: RunnerUsage): void {
  total.model = turn.model;
  total.inputTokens += turn.inputTokens;
  total.outputTokens += turn.outputTokens;
  total.cacheCreationInputTokens += turn.cacheCreationInputTokens;
  total.cacheReadInputTokens += turn.cacheReadInputTokens;
  total.costUsd =
    total.costUsd === null || turn.costUsd === null
      ? null
      : Math.round((total.costUsd + turn.costUsd) * 1_000_000) / 1_000_000;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function capForEvent(output: string): string {
  return output.length <= EVENT_OUTPUT_CHARS
    ? output
    : `${output.slice(0, EVENT_OUTPUT_CHARS)}\n… (${output.length - EVENT_OUTPUT_CHARS} more characters)`;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted)
    throw new RunnerError('The agent was stopped (the step timed out or the run was cancelled).', false, {
      cause: signal.reason,
    });
}

/**
 * What went wrong with the API, in words an operator can act on. Never includes the key; the
 * API's own message is included because it says what to fix ("model: not found").
 */
export function describeApiError(error: unknown, model: string): RunnerError {
  if (error instanceof RunnerError) return error;
  if (error instanceof APIUserAbortError)
    return new RunnerError('The agent was stopped (the step timed out or the run was cancelled).', false, {
      cause: error,
    });
  if (error instanceof APIError) {
    const detail = error.apiMessage ? `: ${error.apiMessage}` : '';
    if (error instanceof AuthenticationError)
      return new RunnerError(
        `The Anthropic API did not accept the API key (401${detail}). Check ANTHROPIC_API_KEY.`,
        false,
        { cause: error },
      );
    if (error instanceof PermissionDeniedError)
      return new RunnerError(
        `The Anthropic API refused the request (403${detail}). The key may not have access to ${model}.`,
        false,
        { cause: error },
      );
    if (error instanceof NotFoundError)
      return new RunnerError(
        `The Anthropic API does not know the model or address (404${detail}). Check ANTHROPIC_MODEL (${model}) and ANTHROPIC_BASE_URL.`,
        false,
        { cause: error },
      );
    if (error instanceof BadRequestError)
      return new RunnerError(`The Anthropic API rejected the request (400${detail}).`, false, { cause: error });
    if (error instanceof RateLimitError)
      return new RunnerError(
        `The Anthropic API is rate-limiting us and still was after retrying (429${detail}). Try again in a few minutes.`,
        true,
        { cause: error },
      );
    if (error instanceof APIConnectionError)
      return new RunnerError(
        `Could not reach the Anthropic API (${error.message}). Check the network or ANTHROPIC_BASE_URL.`,
        true,
        { cause: error },
      );
    if (error.status !== undefined && error.status >= 500)
      return new RunnerError(
        `The Anthropic API had a problem (${error.status}${detail}) and still did after retrying. Try again later.`,
        true,
        { cause: error },
      );
    return new RunnerError(`The Anthropic API returned an error (${error.status ?? 'no status'}${detail}).`, false, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RunnerError(`The Anthropic API sent a reply that could not be read (${message}).`, true, { cause: error });
}
