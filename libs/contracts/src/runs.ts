/** Runs of runbooks as the API returns them (see ARCHITECTURE.md, "One model"). */

export type RunState = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
export type StepState = 'pending' | 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export const TERMINAL_RUN_STATES: readonly RunState[] = ['succeeded', 'failed', 'cancelled'];

export interface ActorSummary {
  userId: string | null;
  displayName: string;
}

export interface RunSummary {
  id: string;
  runbookId: string;
  runbookVersion: number;
  runbookTitle: string;
  state: RunState;
  idempotencyKey: string | null;
  startedBy: ActorSummary;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Steps done / all steps, for progress bars. */
  progress: { done: number; total: number };
  /** Plain-English reason when failed or cancelled. */
  error: string | null;
}

export interface StepRunView {
  stepId: string;
  title: string;
  type: string;
  needs: string[];
  state: StepState;
  attempt: number;
  maxAttempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  output: unknown;
  error: string | null;
  /** Set when the step waits on a person: the decision to open in the inbox. */
  decisionId: string | null;
}

export interface RunDetail extends RunSummary {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown> | null;
  steps: StepRunView[];
  /** The highest event `seq` of this run when the detail was read; subscribe from here. */
  lastSeq: number;
}

export interface StartRunRequest {
  runbookId: string;
  /** Omit for the latest version. */
  version?: number;
  inputs: Record<string, unknown>;
  /** The same key in the same tenant returns the first run instead of starting another. */
  idempotencyKey?: string;
}

export interface RunListQuery {
  state?: RunState;
  runbookId?: string;
  startedBy?: string;
  limit?: number;
  /** Opaque cursor from the previous page. */
  cursor?: string;
}

export interface RunListResponse {
  items: RunSummary[];
  nextCursor: string | null;
}

/** A step that failed its last attempt, waiting for someone to retry it. */
export interface DeadLetterView {
  runId: string;
  runbookTitle: string;
  stepId: string;
  stepTitle: string;
  attempts: number;
  error: string;
  failedAt: string;
}

export interface RunbookSummary {
  id: string;
  version: number;
  title: string;
  description: string;
  tags: string[];
  /** `builtin` from runbooks/, `custom` saved by a user. */
  source: 'builtin' | 'custom';
  updatedAt: string;
}

export interface RunbookVersionView extends RunbookSummary {
  /** The YAML text of this version. */
  yaml: string;
  createdBy: ActorSummary | null;
}
