import type { ActorSummary } from './runs.js';

/** Human-in-the-loop requests (ARCHITECTURE.md, "Decision"). */

export type DecisionKind = 'approval' | 'input';
export type DecisionPolicyName = 'auto' | 'require_one' | 'require_two';
export type DecisionState = 'pending' | 'approved' | 'rejected' | 'expired' | 'cancelled';

/** A field of a decision's input form (an MFA code, a clarification). */
export interface DecisionFormField {
  name: string;
  label: string;
  type: 'string' | 'text' | 'number' | 'boolean' | 'enum';
  required: boolean;
  help?: string;
  options?: string[];
  pattern?: string;
}

export interface DecisionVote {
  by: ActorSummary;
  verdict: 'approve' | 'reject';
  comment: string | null;
  at: string;
}

export interface DecisionView {
  id: string;
  kind: DecisionKind;
  state: DecisionState;
  /** The question, in plain English: "Approve restarting prod-web-03?" */
  title: string;
  /** Markdown context for the decider: what will happen, evidence, risk. */
  context: string;
  policy: DecisionPolicyName;
  /** Roles allowed to decide; empty = anyone with `decisions:approve`. */
  allowedRoles: string[];
  form: DecisionFormField[];
  runId: string | null;
  stepId: string | null;
  requestedBy: ActorSummary;
  requestedAt: string;
  /** ISO 8601, or null when there is no SLA. */
  dueAt: string | null;
  votes: DecisionVote[];
  comments: Array<{ by: ActorSummary; text: string; at: string }>;
  resolvedAt: string | null;
  /** What the decider provided through the form (input decisions). */
  response: Record<string, unknown> | null;
}

export interface DecideRequest {
  verdict: 'approve' | 'reject';
  comment?: string;
  /** Values for the decision's form. */
  response?: Record<string, unknown>;
}

export interface DecisionCommentRequest {
  text: string;
}

export interface DecisionListQuery {
  /** Omit for every state. */
  state?: DecisionState;
}

/**
 * The answer to `POST /api/runs/:runId/steps/:stepId/decide`: applied at once when the gate is
 * already open, otherwise kept and applied when the run reaches it.
 */
export interface EarlyDecisionResponse {
  applied: boolean;
  /** The decision the verdict was applied to, when it was. */
  decision: DecisionView | null;
  /** In plain English, what happened to the verdict. */
  message: string;
}
