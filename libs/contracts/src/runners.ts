/** Agent runners, sessions, transcripts and prompt templates (server/src/runners). */
import type { ActorSummary, RunState } from './runs.js';

/** `claude` (Anthropic API) or `offline` (the deterministic analyser, no network, no key). */
export type AgentRunnerName = 'claude' | 'offline';

/** Events an `agent.prompt` step appends to its run's stream; together they are the transcript. */
export const AGENT_EVENT_TYPES = {
  /** { stepId, turn, role: 'user' | 'assistant', text } — text is Markdown. */
  message: 'agent.message',
  /**
   * { stepId, turn, text } — while a long answer is being written, about once a second: the text
   * that arrived since the previous one. Concatenate them for a live view; the complete text then
   * arrives as `agent.message` (replace the partial text with it).
   */
  messagePartial: 'agent.message_partial',
  /** { stepId, turn, toolUseId, tool, input } */
  toolCall: 'agent.tool_call',
  /** { stepId, turn, toolUseId, tool, output, isError } — output capped. */
  toolResult: 'agent.tool_result',
  /** { stepId, turn, model, inputTokens, outputTokens, cacheCreationInputTokens, cacheReadInputTokens, costUsd } */
  usage: 'agent.usage',
} as const;

export type AgentEventType = (typeof AGENT_EVENT_TYPES)[keyof typeof AGENT_EVENT_TYPES];

/** `with:` of an `agent.prompt` step. */
export interface AgentPromptParams {
  /** Workspace id. */
  workspace: string;
  prompt: string;
  /** Defaults to the configured engine (claude with a key, else offline). */
  runner?: AgentRunnerName;
  maxTurns?: number;
  /** Input + output tokens across all turns. */
  maxTokens?: number;
  /** Continue this session (its history is sent; the answer is added to it). */
  session?: string;
}

/** The output an `agent.prompt` step commits (`steps.<id>.output`). */
export interface AgentPromptOutput {
  runner: AgentRunnerName;
  /** The final answer, Markdown. */
  text: string;
  stopReason: 'completed' | 'turn_limit' | 'token_limit';
  turns: number;
  usage: AgentUsageView;
  sessionId: string | null;
  [key: string]: unknown;
}

export interface AgentUsageView {
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  costUsd: number | null;
}

/** `GET /api/runners`: which runners exist and which one is used when a step does not say. */
export interface AgentRunnersResponse {
  defaultRunner: AgentRunnerName;
  items: Array<{ name: AgentRunnerName; label: string; available: boolean; model: string | null }>;
}

export interface AgentSessionSummary {
  id: string;
  workspaceId: string;
  title: string;
  runner: AgentRunnerName | null;
  messageCount: number;
  createdBy: ActorSummary;
  createdAt: string;
  updatedAt: string;
  /** The newest run that answered in this session. */
  lastRunId: string | null;
}

export interface AgentSessionMessageView {
  id: string;
  seq: number;
  role: 'user' | 'assistant';
  text: string;
  runId: string | null;
  createdAt: string;
}

export interface AgentSessionDetail extends AgentSessionSummary {
  messages: AgentSessionMessageView[];
}

export interface AgentSessionListResponse {
  items: AgentSessionSummary[];
}

/** `POST /api/agent-sessions`: a new conversation about a workspace, starting with a question. */
export interface CreateAgentSessionRequest {
  workspaceId: string;
  prompt: string;
  title?: string;
  runner?: AgentRunnerName;
}

/** `POST /api/agent-sessions/:id/messages`: ask a follow-up; starts a run of `agents-ask`. */
export interface ContinueAgentSessionRequest {
  prompt: string;
  runner?: AgentRunnerName;
}

/** What creating or continuing a session started. */
export interface AgentSessionRunResponse {
  session: AgentSessionSummary;
  runId: string;
}

/** One run of an agent over a workspace, for the workspace's run history. */
export interface AgentRunHistoryItem {
  runId: string;
  stepId: string;
  sessionId: string | null;
  runner: AgentRunnerName;
  prompt: string;
  state: 'running' | 'completed' | 'failed';
  stopReason: string | null;
  turns: number;
  costUsd: number | null;
  startedBy: ActorSummary | null;
  createdAt: string;
  /** The run's own state, when it is known. */
  runState?: RunState;
}

export interface AgentRunHistoryResponse {
  items: AgentRunHistoryItem[];
}

export interface PromptTemplateVariable {
  name: string;
  description?: string;
  required?: boolean;
  default?: string;
}

export interface PromptTemplateView {
  id: string;
  /** Stable key, lower-case with hyphens; versions share it. */
  key: string;
  version: number;
  title: string;
  description: string;
  /** `{{ name }}` placeholders are replaced by variables. */
  body: string;
  variables: PromptTemplateVariable[];
  createdBy: ActorSummary | null;
  createdAt: string;
}

export interface PromptTemplateListResponse {
  /** The newest version of each template. */
  items: PromptTemplateView[];
}

/** `POST /api/prompt-templates`: saves a new version (version 1 for a new key). */
export interface SavePromptTemplateRequest {
  key: string;
  title: string;
  description?: string;
  body: string;
  variables?: PromptTemplateVariable[];
}

/** `POST /api/prompt-templates/:key/preview`. */
export interface PreviewPromptTemplateRequest {
  values: Record<string, string>;
  /** Omit for the newest. */
  version?: number;
}

export interface PreviewPromptTemplateResponse {
  rendered: string;
  /** Required variables without a value (rendered as left empty). */
  missing: string[];
  /** Values given that the template does not use. */
  unused: string[];
}

/**
 * `POST /api/prompt-templates/:key/sessions`: fills the template with `values` and starts a
 * conversation about `workspaceId` with the result as its first question.
 */
export interface StartPromptTemplateSessionRequest {
  workspaceId: string;
  values: Record<string, string>;
  /** Omit for the newest. */
  version?: number;
  runner?: AgentRunnerName;
}
