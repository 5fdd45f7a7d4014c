import { Injectable } from '@nestjs/common';
import { RUN_EVENT_TYPES, type DecisionView, type EventEnvelope, type LiveEventMessage } from '@trustops/contracts';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditActor } from '../audit/audit.types.js';
import { EventsService } from '../platform/events/events.service.js';
import { DecisionComment } from './decision-comment.entity.js';
import { DecisionVote } from './decision-vote.entity.js';
import { toDecisionView } from './decision-view.js';
import type { Decision } from './decision.entity.js';

export type DecisionEventType =
  | typeof RUN_EVENT_TYPES.decisionRequested
  | typeof RUN_EVENT_TYPES.decisionUpdated
  | typeof RUN_EVENT_TYPES.decisionResolved
  | typeof RUN_EVENT_TYPES.decisionEscalated;

/** Who did something to a decision: a person, or the approvals module itself (SLA expiry, auto-approval). */
export interface DecisionActor {
  userId: string | null;
  displayName: string;
  roles?: readonly string[];
}

export const APPROVALS_SYSTEM_ACTOR: DecisionActor = { userId: null, displayName: 'Approvals' };

/** A decision with its votes and comments, as read inside a transaction. */
export interface LoadedDecision {
  decision: Decision;
  votes: DecisionVote[];
  comments: DecisionComment[];
}

/**
 * What every change to a decision does besides changing it, in the same transaction: an audit
 * record, and an event (payload = DecisionView) on the run's stream and the tenant's inbox.
 */
@Injectable()
export class DecisionJournal {
  constructor(
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {}

  async load(manager: EntityManager, decision: Decision): Promise<LoadedDecision> {
    const [votes, comments] = await Promise.all([
      manager.find(DecisionVote, {
        where: { tenantId: decision.tenantId, decisionId: decision.id },
        order: { createdAt: 'ASC' },
      }),
      manager.find(DecisionComment, {
        where: { tenantId: decision.tenantId, decisionId: decision.id },
        order: { createdAt: 'ASC' },
      }),
    ]);
    return { decision, votes, comments };
  }

  view(loaded: LoadedDecision): DecisionView {
    return toDecisionView(loaded.decision, loaded.votes, loaded.comments);
  }

  async record(
    manager: EntityManager,
    decision: Pick<Decision, 'tenantId' | 'id' | 'runId' | 'stepId' | 'state'>,
    actor: DecisionActor,
    action: string,
    details: {
      before?: unknown;
      after?: unknown;
      reason?: string;
      outcome?: 'success' | 'failure';
      resource?: { type: string; id: string };
    } = {},
  ): Promise<void> {
    const auditActor: AuditActor =
      actor.userId === null
        ? { type: 'system', userId: 'approvals', displayName: actor.displayName }
        : {
            type: 'person',
            userId: actor.userId,
            displayName: actor.displayName,
            role: actor.roles?.length ? actor.roles.join(', ') : null,
          };
    await this.audit.record(
      {
        tenantId: decision.tenantId,
        actor: auditActor,
        action,
        resource: details.resource ?? { type: 'decision', id: decision.id },
        outcome: details.outcome ?? 'success',
        reason: details.reason ?? null,
        before: details.before,
        after: details.after ?? { runId: decision.runId, stepId: decision.stepId, state: decision.state },
      },
      { manager },
    );
  }

  /** Appends `type` to the run's stream, then to the inbox (always in this order, so two writers cannot deadlock). */
  async announce(
    manager: EntityManager,
    type: DecisionEventType,
    loaded: LoadedDecision,
    actor: DecisionActor,
  ): Promise<LiveEventMessage[]> {
    const { decision } = loaded;
    const payload = this.view(loaded) as unknown as Record<string, unknown>;
    const common = {
      tenantId: decision.tenantId,
      type,
      actor: {
        type: actor.userId === null ? ('system' as const) : ('person' as const),
        userId: actor.userId,
        displayName: actor.displayName,
      },
      source: 'approvals',
      payload,
      ...(decision.runId ? { runId: decision.runId } : {}),
    };
    const appended: LiveEventMessage[] = [];
    if (decision.runId)
      appended.push(await this.events.append({ ...common, stream: { kind: 'run', id: decision.runId } }, manager));
    appended.push(await this.events.append({ ...common, stream: { kind: 'inbox' } }, manager));
    return appended;
  }

  /** After the commit. */
  publish(envelopes: EventEnvelope[]): Promise<void> {
    return envelopes.length ? this.events.publish(envelopes) : Promise.resolve();
  }
}
