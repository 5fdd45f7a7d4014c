import { ConflictException, ForbiddenException } from '@nestjs/common';
import type { DecisionKind, DecisionPolicyName, DecisionState, Permission } from '@trustops/contracts';
import { assertNotRequester } from '../rbac/separation-of-duties.js';

/** What a decision says about who may decide it. */
export interface DecisionRules {
  kind: DecisionKind;
  policy: DecisionPolicyName;
  allowedRoles: readonly string[];
  /** The person who started the run. */
  requestedById: string | null;
}

export interface Voter {
  userId: string;
  roles: readonly string[];
  permissions: ReadonlySet<string>;
}

export interface CountedVote {
  userId: string;
  userName: string;
  verdict: 'approve' | 'reject';
  comment: string | null;
}

/** Approval decisions are for `decisions:approve`; input requests (an MFA code, a clarification) for `decisions:provide-input`. */
export function permissionToDecide(kind: DecisionKind): Permission {
  return kind === 'approval' ? 'decisions:approve' : 'decisions:provide-input';
}

export function approvalsNeeded(policy: DecisionPolicyName): number {
  return policy === 'require_two' ? 2 : policy === 'require_one' ? 1 : 0;
}

/**
 * Throws the 403 or 409 that refuses `voter`'s `verdict`, or returns when they may cast it:
 * the permission for the kind of decision, one of the allowed roles, separation of duties (the
 * person who started the run cannot approve it; input requests may be answered by them), and one
 * vote per person (so two approvals always come from two people).
 */
export function assertMayVote(
  rules: DecisionRules,
  voter: Voter,
  verdict: 'approve' | 'reject',
  votes: readonly CountedVote[],
): void {
  const permission = permissionToDecide(rules.kind);
  if (!voter.permissions.has(permission)) {
    const what = rules.kind === 'approval' ? 'approve or reject decisions' : 'answer requests for input';
    throw new ForbiddenException(`You do not have permission to ${what} (${permission}).`);
  }
  if (rules.allowedRoles.length > 0 && !rules.allowedRoles.some((role) => voter.roles.includes(role))) {
    throw new ForbiddenException(
      `Only someone with the role ${rules.allowedRoles.join(' or ')} can decide this, and you do not have it.`,
    );
  }
  if (rules.kind === 'approval' && verdict === 'approve') assertNotRequester(rules.requestedById, voter.userId);
  const earlier = votes.find((vote) => vote.userId === voter.userId);
  if (earlier) {
    const second = approvalsNeeded(rules.policy) === 2 ? ' It needs its second approval from a different person.' : '';
    throw new ConflictException(
      `You have already ${earlier.verdict === 'approve' ? 'approved' : 'rejected'} this decision.${second}`,
    );
  }
}

/** The state the votes lead to: any reject rejects; enough approvals from different people approve. */
export function evaluateVotes(
  policy: DecisionPolicyName,
  votes: readonly CountedVote[],
): Extract<DecisionState, 'pending' | 'approved' | 'rejected'> {
  if (policy === 'auto') return 'approved';
  if (votes.some((vote) => vote.verdict === 'reject')) return 'rejected';
  const approvers = new Set(votes.filter((vote) => vote.verdict === 'approve').map((vote) => vote.userId));
  return approvers.size >= approvalsNeeded(policy) ? 'approved' : 'pending';
}

export type WaitingStepResult =
  { status: 'succeeded'; output: Record<string, unknown> } | { status: 'failed'; error: string };

export interface ResolvedDecision {
  state: DecisionState;
  onTimeout: 'fail' | 'continue';
  dueAt: Date | null;
  response: Record<string, unknown> | null;
}

/**
 * What the waiting step becomes once its decision is resolved: `steps.<id>.output` is
 * `{ approved, approvers, response }` (or `{ approved: false, expired: true }` when the SLA passed
 * and the step continues); a rejection fails the step naming who rejected it and why.
 */
export function stepResultOf(decision: ResolvedDecision, votes: readonly CountedVote[]): WaitingStepResult | null {
  switch (decision.state) {
    case 'pending':
      return null;
    case 'approved':
      return {
        status: 'succeeded',
        output: {
          approved: true,
          approvers: votes.filter((vote) => vote.verdict === 'approve').map((vote) => vote.userName),
          response: decision.response ?? {},
        },
      };
    case 'rejected': {
      const rejection = votes.find((vote) => vote.verdict === 'reject');
      const who = rejection?.userName ?? 'a decider';
      const why = rejection?.comment ? `: "${rejection.comment}"` : ' without a comment';
      return { status: 'failed', error: `Rejected by ${who}${why}.` };
    }
    case 'expired':
      if (decision.onTimeout === 'continue')
        return { status: 'succeeded', output: { approved: false, expired: true, approvers: [], response: {} } };
      return {
        status: 'failed',
        error: `Nobody decided in time: the request expired${decision.dueAt ? ` at ${decision.dueAt.toISOString()}` : ''} and was escalated.`,
      };
    case 'cancelled':
      return { status: 'failed', error: 'The decision was cancelled before anyone decided.' };
  }
}
