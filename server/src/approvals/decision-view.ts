import type { DecisionView } from '@trustops/contracts';
import type { DecisionComment } from './decision-comment.entity.js';
import type { DecisionVote } from './decision-vote.entity.js';
import type { Decision } from './decision.entity.js';

/** The API shape of a decision; votes that did not count (discarded early votes) are left out. */
export function toDecisionView(
  decision: Decision,
  votes: readonly DecisionVote[],
  comments: readonly DecisionComment[],
): DecisionView {
  return {
    id: decision.id,
    kind: decision.kind,
    state: decision.state,
    title: decision.title,
    context: decision.context,
    policy: decision.policy,
    allowedRoles: decision.allowedRoles,
    form: decision.form,
    runId: decision.runId,
    stepId: decision.stepId,
    requestedBy: { userId: decision.requestedById, displayName: decision.requestedByName },
    requestedAt: decision.createdAt.toISOString(),
    dueAt: decision.dueAt?.toISOString() ?? null,
    votes: counted(votes).map((vote) => ({
      by: { userId: vote.userId, displayName: vote.userName },
      verdict: vote.verdict,
      comment: vote.comment,
      at: vote.createdAt.toISOString(),
    })),
    comments: [...comments]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((comment) => ({
        by: { userId: comment.userId, displayName: comment.userName },
        text: comment.text,
        at: comment.createdAt.toISOString(),
      })),
    resolvedAt: decision.resolvedAt?.toISOString() ?? null,
    response: decision.response,
  };
}

/** Votes that count towards the outcome, oldest first. */
export function counted(votes: readonly DecisionVote[]): DecisionVote[] {
  return votes
    .filter((vote) => vote.discardedReason === null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
