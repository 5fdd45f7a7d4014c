import type { AgentRunnerName, AgentUsageView } from '@trustops/contracts';

/**
 * One agent runner (ARCHITECTURE.md, "runners"): given a workspace and a prompt it works until it
 * has an answer, reporting everything it says and does as events. `claude` drives the Anthropic
 * API; `offline` is the deterministic analyser that needs no network and no key.
 */
export interface Runner {
  readonly name: AgentRunnerName;
  /** Plain-English label for the UI ("Claude (Anthropic API)"). */
  readonly label: string;
  run(request: RunnerRequest): Promise<RunnerResult>;
}

/** The folder the agent works on and what it may do there. */
export interface RunnerWorkspace {
  /** Absolute path of the workspace's checkout; every file access stays inside it. */
  root: string;
  /** Offer and allow `write_file`. */
  allowWrite: boolean;
  /** Offer and allow `bash`. */
  allowBash: boolean;
}

/** An earlier turn of the conversation (a session's history), as plain text. */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface RunnerBudgets {
  /** Model calls (turns) the agent may make before it is stopped. */
  maxTurns: number;
  /** Input + output tokens the agent may use across all its turns. */
  maxTokens: number;
}

export interface RunnerRequest {
  workspace: RunnerWorkspace;
  prompt: string;
  history: ConversationTurn[];
  budgets: RunnerBudgets;
  signal: AbortSignal;
  /** Receives the transcript as it happens, in order. Awaited: a slow sink slows the runner. */
  emit: RunnerEventSink;
  /**
   * Where an interrupted run left off (the same step attempt redelivered after a crash), and
   * where to save progress. A runner resumes from it instead of repeating tool calls.
   */
  checkpoint?: RunnerCheckpointStore;
}

export type RunnerEventSink = (event: RunnerEvent) => Promise<void>;

/** The transcript. Event `type`s are the run-stream event names (AGENT_EVENT_TYPES). */
export type RunnerEvent =
  | { type: 'agent.message'; turn: number; role: 'user' | 'assistant'; text: string }
  /** Text of an answer still being written: what arrived since the last one (the whole text follows as `agent.message`). */
  | { type: 'agent.message_partial'; turn: number; text: string }
  | { type: 'agent.tool_call'; turn: number; toolUseId: string; tool: string; input: Record<string, unknown> }
  | {
      type: 'agent.tool_result';
      turn: number;
      toolUseId: string;
      tool: string;
      /** What the tool returned (or why it refused), capped for the event stream. */
      output: string;
      isError: boolean;
    }
  | ({ type: 'agent.usage'; turn: number } & RunnerUsage);

/** Token counts and cost (US dollars from the price table; null when the model's price is unknown). */
export type RunnerUsage = AgentUsageView;

export type RunnerStopReason =
  /** The agent finished its answer. */
  | 'completed'
  /** It used every turn it was allowed. */
  | 'turn_limit'
  /** It used every token it was allowed. */
  | 'token_limit';

export interface RunnerResult {
  runner: AgentRunnerName;
  stopReason: RunnerStopReason;
  /** The final answer (Markdown), or for a limit, a plain-English sentence saying what stopped it. */
  text: string;
  turns: number;
  /** Totals across all turns. */
  usage: RunnerUsage;
}

/** Saved progress of one runner invocation (opaque to everyone but the runner that wrote it). */
export interface RunnerCheckpointStore {
  load(): Promise<Record<string, unknown> | null>;
  save(state: Record<string, unknown>): Promise<void>;
}

/** A failure the caller should show as it is: bad key, refused request, model unavailable. */
export class RunnerError extends Error {
  override readonly name = 'RunnerError';
  constructor(
    message: string,
    /** False when trying again cannot help (bad key, bad request). */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function emptyUsage(model: string): RunnerUsage {
  return { model, inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0 };
}
