import { HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  RUN_EVENT_TYPES,
  type ActorSummary,
  type DecisionFormField,
  type DecisionKind,
  type DecisionPolicyName,
  type LiveEventMessage,
} from '@trustops/contracts';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { DecisionDeadlines } from './decision-deadlines.service.js';
import { validateFormResponse } from './decision-form.js';
import { lockGate } from './decision-gate-lock.js';
import { APPROVALS_SYSTEM_ACTOR, DecisionJournal, type LoadedDecision } from './decision-journal.js';
import { assertMayVote, evaluateVotes, permissionToDecide, type CountedVote } from './decision-rules.js';
import { DecisionVote } from './decision-vote.entity.js';
import { Decision, type DecisionTimeoutPolicy } from './decision.entity.js';

/** What an `approval` or `input` step asks for. */
export interface StepDecisionRequest {
  tenantId: string;
  runId: string;
  stepId: string;
  /** The step's effect key: the same (run, step, attempt) finds the same decision. */
  effectKey: string;
  kind: DecisionKind;
  title: string;
  context: string;
  policy: DecisionPolicyName;
  allowedRoles: string[];
  form: DecisionFormField[];
  requestedBy: ActorSummary;
  dueAt: Date | null;
  onTimeout: DecisionTimeoutPolicy;
}

/**
 * Creates the decision of a gate when a run reaches it: once per (run, step, attempt), applying
 * the early votes kept for the gate, and auto-approving `auto` policies on the spot.
 */
@Injectable()
export class DecisionRequests {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: DecisionJournal,
    private readonly deadlines: DecisionDeadlines,
  ) {}

  /** The gate's decision, created if this is the first delivery of the step; resolved already when `auto` or decided early. */
  async requestForStep(request: StepDecisionRequest): Promise<LoadedDecision> {
    const { loaded, events } = await this.dataSource.transaction(async (manager) => {
      await lockGate(manager, request.tenantId, request.runId, request.stepId);
      const existing = await manager.findOne(Decision, {
        where: { tenantId: request.tenantId, effectKey: request.effectKey },
      });
      if (existing) return { loaded: await this.journal.load(manager, existing), events: [] as LiveEventMessage[] };
      return this.create(manager, request);
    });
    await this.journal.publish(events);
    await this.deadlines.schedule(loaded.decision);
    return loaded;
  }

  /**
   * Cancels the run's pending decisions (all of them, or the one of `stepId`): the run was
   * cancelled, so nobody should be asked any more. Audited, and announced as resolved so inboxes
   * drop them. Returns how many were cancelled.
   */
  async cancelPending(tenantId: string, runId: string, reason: string, stepId?: string): Promise<number> {
    const { count, events } = await this.dataSource.transaction(async (manager) => {
      const pending = await manager.find(Decision, {
        where: { tenantId, runId, state: 'pending', ...(stepId ? { stepId } : {}) },
        lock: { mode: 'pessimistic_write' },
      });
      const appended: LiveEventMessage[] = [];
      for (const decision of pending) {
        decision.state = 'cancelled';
        decision.resolvedAt = new Date();
        // The run is over: there is no waiting step to resume.
        decision.resumedAt = decision.resolvedAt;
        await manager.save(decision);
        await this.journal.record(manager, decision, APPROVALS_SYSTEM_ACTOR, 'decision.cancelled', { reason });
        appended.push(
          ...(await this.journal.announce(
            manager,
            RUN_EVENT_TYPES.decisionResolved,
            await this.journal.load(manager, decision),
            APPROVALS_SYSTEM_ACTOR,
          )),
        );
      }
      return { count: pending.length, events: appended };
    });
    await this.journal.publish(events);
    return count;
  }

  private async create(
    manager: EntityManager,
    request: StepDecisionRequest,
  ): Promise<{ loaded: LoadedDecision; events: LiveEventMessage[] }> {
    const decision = await manager.save(
      manager.create(Decision, {
        tenantId: request.tenantId,
        kind: request.kind,
        state: 'pending',
        title: request.title,
        context: request.context,
        policy: request.policy,
        allowedRoles: request.allowedRoles,
        form: request.form,
        runId: request.runId,
        stepId: request.stepId,
        effectKey: request.effectKey,
        requestedById: request.requestedBy.userId,
        requestedByName: request.requestedBy.displayName,
        dueAt: request.policy === 'auto' ? null : request.dueAt,
        onTimeout: request.onTimeout,
        resolvedAt: null,
        response: null,
        resumedAt: null,
      }),
    );
    const requester = { userId: request.requestedBy.userId, displayName: request.requestedBy.displayName };
    await this.journal.record(manager, decision, requester, 'decision.requested', {
      after: {
        runId: decision.runId,
        stepId: decision.stepId,
        kind: decision.kind,
        title: decision.title,
        policy: decision.policy,
        allowedRoles: decision.allowedRoles,
        dueAt: decision.dueAt?.toISOString() ?? null,
      },
    });
    const votes = request.policy === 'auto' ? [] : await this.applyEarlyVotes(manager, decision);
    const state = evaluateVotes(decision.policy, votes);
    const events = await this.journal.announce(
      manager,
      RUN_EVENT_TYPES.decisionRequested,
      await this.journal.load(manager, decision),
      requester,
    );
    if (state !== 'pending') {
      decision.state = state;
      decision.resolvedAt = new Date();
      // The step handler returns this result itself, so the run is not owed a resume.
      decision.resumedAt = decision.resolvedAt;
      decision.response = lastResponse(votes);
      await manager.save(decision);
      const action = decision.policy === 'auto' ? 'decision.auto-approved' : `decision.${state}`;
      await this.journal.record(manager, decision, APPROVALS_SYSTEM_ACTOR, action, {
        reason:
          decision.policy === 'auto'
            ? 'The step\'s policy is "auto": approved without asking anyone.'
            : 'Decided by votes cast before the run reached this step.',
      });
    }
    const loaded = await this.journal.load(manager, decision);
    if (state !== 'pending')
      events.push(
        ...(await this.journal.announce(manager, RUN_EVENT_TYPES.decisionResolved, loaded, APPROVALS_SYSTEM_ACTOR)),
      );
    return { loaded, events };
  }

  /**
   * Binds the votes cast before the gate was reached to its new decision. Each is checked again
   * against what only the gate knows (its roles, its form, the second person of `require_two`);
   * one that no longer counts stays bound with the reason, so the trail shows what happened to it.
   */
  private async applyEarlyVotes(manager: EntityManager, decision: Decision): Promise<DecisionVote[]> {
    const early = await manager.find(DecisionVote, {
      where: { tenantId: decision.tenantId, runId: decision.runId!, stepId: decision.stepId!, decisionId: IsNull() },
      order: { createdAt: 'ASC' },
    });
    const counting: DecisionVote[] = [];
    for (const vote of early) {
      const reason = this.earlyVoteProblem(decision, vote, counting);
      vote.decisionId = decision.id;
      vote.discardedReason = reason;
      if (reason === null && vote.verdict === 'approve' && decision.form.length) {
        vote.response = (
          validateFormResponse(decision.form, vote.response) as { values: Record<string, unknown> }
        ).values;
      }
      await manager.save(vote);
      if (reason === null) counting.push(vote);
      await this.journal.record(
        manager,
        decision,
        { userId: vote.userId, displayName: vote.userName, roles: vote.userRoles },
        reason === null ? 'decision.early-vote-applied' : 'decision.early-vote-discarded',
        {
          after: { verdict: vote.verdict, comment: vote.comment, voteId: vote.id },
          ...(reason === null ? {} : { reason, outcome: 'failure' as const }),
        },
      );
    }
    return counting;
  }

  private earlyVoteProblem(decision: Decision, vote: DecisionVote, counting: readonly CountedVote[]): string | null {
    try {
      // The permission was checked when the vote was cast.
      assertMayVote(
        decision,
        { userId: vote.userId, roles: vote.userRoles, permissions: new Set([permissionToDecide(decision.kind)]) },
        vote.verdict,
        counting,
      );
    } catch (error) {
      if (error instanceof HttpException) return error.message;
      throw error;
    }
    if (vote.verdict === 'approve' && decision.form.length) {
      const checked = validateFormResponse(decision.form, vote.response);
      if (!checked.ok) return `The answer does not fit the form: ${checked.problems.join(' ')}`;
    }
    return null;
  }
}

/** The form answer of the last approving vote that gave one. */
export function lastResponse(votes: readonly DecisionVote[]): Record<string, unknown> | null {
  return votes.filter((vote) => vote.verdict === 'approve' && vote.response).at(-1)?.response ?? null;
}
