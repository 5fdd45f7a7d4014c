import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RUN_EVENT_TYPES, type LiveEventMessage } from '@trustops/contracts';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { QueueName } from '../platform/queues/queue-names.js';
import { DecisionDeadlineJob, RESUME_GRACE_MS, type ExpireDecisionJobData } from './decision-deadlines.jobs.js';
import { APPROVALS_SYSTEM_ACTOR, DecisionJournal, type LoadedDecision } from './decision-journal.js';
import { DecisionResumer } from './decision-resumer.js';
import { Decision } from './decision.entity.js';

// The delayed job and the database clock may disagree by a little; a job this early still expires.
const CLOCK_TOLERANCE = "interval '250 milliseconds'";
const RESUMES_PER_SWEEP = 100;

/**
 * SLA deadlines. Each pending decision with a deadline gets a delayed BullMQ job (one per
 * decision: the job id is derived from it); the worker that runs it claims the row with
 * `FOR UPDATE SKIP LOCKED` and expires it only while still pending and due, so however many
 * instances and redeliveries there are, a decision expires (and escalates) once. A periodic
 * sweep catches what a lost job or a busy row left behind.
 */
@Injectable()
export class DecisionDeadlines {
  private readonly logger = new Logger(DecisionDeadlines.name);

  constructor(
    @InjectQueue(QueueName.DecisionDeadlines) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: DecisionJournal,
    private readonly resumer: DecisionResumer,
  ) {}

  async schedule(decision: Decision): Promise<void> {
    if (!decision.dueAt || decision.state !== 'pending') return;
    const data: ExpireDecisionJobData = { tenantId: decision.tenantId, decisionId: decision.id };
    try {
      await this.queue.add(DecisionDeadlineJob.Expire, data, {
        jobId: `expire-${decision.id}`,
        delay: Math.max(0, decision.dueAt.getTime() - Date.now()),
        removeOnComplete: true,
        removeOnFail: 100,
      });
    } catch (error) {
      // The sweep expires it anyway, a little later.
      this.logger.warn({ decisionId: decision.id }, `Scheduling the SLA deadline failed: ${(error as Error).message}`);
    }
  }

  /** Expires the decision if it is still pending and due; true when this call expired it. */
  async expire(tenantId: string, decisionId: string): Promise<boolean> {
    return this.expireClaimed((manager) =>
      manager
        .createQueryBuilder(Decision, 'decision')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where('decision.id = :decisionId AND decision.tenant_id = :tenantId', { decisionId, tenantId })
        .andWhere(`decision.state = 'pending' AND decision.due_at <= now() + ${CLOCK_TOLERANCE}`)
        .getOne(),
    );
  }

  /** Expires every overdue decision (one claimed row at a time), then re-delivers owed resumes. */
  async sweep(): Promise<{ expired: number; resumed: number }> {
    let expired = 0;
    while (
      await this.expireClaimed((manager) =>
        manager
          .createQueryBuilder(Decision, 'decision')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where(`decision.state = 'pending' AND decision.due_at <= now()`)
          .orderBy('decision.due_at', 'ASC')
          .limit(1)
          .getOne(),
      )
    ) {
      expired += 1;
    }
    let resumed = 0;
    const owed = await this.dataSource
      .getRepository(Decision)
      .createQueryBuilder('decision')
      .where(`decision.state <> 'pending' AND decision.resumed_at IS NULL AND decision.run_id IS NOT NULL`)
      .andWhere('decision.resolved_at < :before', { before: new Date(Date.now() - RESUME_GRACE_MS) })
      .orderBy('decision.resolved_at', 'ASC')
      .limit(RESUMES_PER_SWEEP)
      .getMany();
    for (const decision of owed) {
      const loaded = await this.journal.load(this.dataSource.manager, decision);
      if (await this.resumer.resume(decision, loaded.votes)) resumed += 1;
    }
    return { expired, resumed };
  }

  private async expireClaimed(claim: (manager: EntityManager) => Promise<Decision | null>): Promise<boolean> {
    const outcome = await this.dataSource.transaction(
      async (manager): Promise<{ loaded: LoadedDecision; events: LiveEventMessage[] } | null> => {
        const decision = await claim(manager);
        if (!decision) return null;
        decision.state = 'expired';
        decision.resolvedAt = new Date();
        await manager.save(decision);
        const loaded = await this.journal.load(manager, decision);
        await this.journal.record(manager, decision, APPROVALS_SYSTEM_ACTOR, 'decision.escalated', {
          reason: `Nobody decided within the SLA; the step's timeout policy "${decision.onTimeout}" applies.`,
          after: {
            runId: decision.runId,
            stepId: decision.stepId,
            state: 'expired',
            dueAt: decision.dueAt?.toISOString() ?? null,
            onTimeout: decision.onTimeout,
          },
        });
        const events = await this.journal.announce(
          manager,
          RUN_EVENT_TYPES.decisionEscalated,
          loaded,
          APPROVALS_SYSTEM_ACTOR,
        );
        return { loaded, events };
      },
    );
    if (!outcome) return false;
    await this.journal.publish(outcome.events);
    await this.resumer.resume(outcome.loaded.decision, outcome.loaded.votes);
    return true;
  }
}
