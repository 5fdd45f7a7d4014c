import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventEnvelope, LiveEventMessage } from '@trustops/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { EventsService } from '../platform/events/index.js';
import { Run } from './run.entity.js';
import { StepDispatcher, type StepDispatch } from './step-dispatcher.js';
import { StepRun } from './step-run.entity.js';

export type EventActor = EventEnvelope['actor'];

/** Events the engine itself causes (a step finishing, a retry falling due). */
export const ENGINE_ACTOR: EventActor = { type: 'system', userId: null, displayName: 'Runbook engine' };

/**
 * One state change of a run, as a database transaction: rows are locked run first, then steps
 * (the one order every writer uses, so they cannot deadlock); events are appended in the same
 * transaction; steps to dispatch are collected and only enqueued after the commit.
 */
export class RunTransaction {
  readonly events: LiveEventMessage[] = [];
  readonly dispatches: StepDispatch[] = [];

  constructor(
    readonly manager: EntityManager,
    private readonly eventsService: EventsService,
  ) {}

  /** The run, locked until the transaction ends; null when it is not in the tenant. */
  lockRun(tenantId: string, runId: string): Promise<Run | null> {
    return this.manager.findOne(Run, { where: { id: runId, tenantId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every step of the run (call after `lockRun`: the run's lock guards its steps). */
  steps(runId: string): Promise<StepRun[]> {
    return this.manager.find(StepRun, { where: { runId }, order: { createdAt: 'ASC', stepId: 'ASC' } });
  }

  /** Writes a loaded step's mutable columns back: one UPDATE, no read first (the run's lock guards it). */
  async saveStep(step: StepRun): Promise<void> {
    await this.manager.query(
      `UPDATE step_runs SET state = $2, attempt = $3, max_attempts = $4, dispatch = $5, output = $6, error = $7, decision_id = $8, resume_at = $9,
         pending_completion = $10, queued_at = $11, started_at = $12, finished_at = $13, dead_lettered_at = $14, updated_at = now()
       WHERE id = $1`,
      [
        step.id,
        step.state,
        step.attempt,
        step.maxAttempts,
        step.dispatch,
        step.output === null ? null : JSON.stringify(step.output),
        step.error,
        step.decisionId,
        step.resumeAt,
        step.pendingCompletion === null ? null : JSON.stringify(step.pendingCompletion),
        step.queuedAt,
        step.startedAt,
        step.finishedAt,
        step.deadLetteredAt,
      ],
    );
  }

  /** Writes a loaded run's mutable columns back. */
  async saveRun(run: Run): Promise<void> {
    await this.manager.query(
      `UPDATE runs SET state = $2, outputs = $3, error = $4, started_at = $5, finished_at = $6, updated_at = now() WHERE id = $1`,
      [
        run.id,
        run.state,
        run.outputs === null ? null : JSON.stringify(run.outputs),
        run.error,
        run.startedAt,
        run.finishedAt,
      ],
    );
  }

  async emit(
    run: Pick<Run, 'id' | 'tenantId'>,
    type: string,
    payload: Record<string, unknown>,
    actor: EventActor = ENGINE_ACTOR,
  ): Promise<void> {
    const event = await this.eventsService.append(
      {
        tenantId: run.tenantId,
        stream: { kind: 'run', id: run.id },
        type,
        runId: run.id,
        actor,
        source: 'runs',
        payload,
      },
      this.manager,
    );
    this.events.push(event);
  }

  /** Enqueues the step's current (attempt, dispatch) once the transaction has committed. */
  dispatch(step: StepRun, delayMs = 0): void {
    this.dispatches.push({
      tenantId: step.tenantId,
      runId: step.runId,
      stepId: step.stepId,
      attempt: step.attempt,
      dispatch: step.dispatch,
      delayMs,
    });
  }
}

/** Runs a RunTransaction, then (after the commit) enqueues its dispatches and publishes its events. */
@Injectable()
export class RunTransactions {
  private readonly logger = new Logger(RunTransactions.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventsService: EventsService,
    private readonly dispatcher: StepDispatcher,
  ) {}

  /**
   * `synchronousCommit: false` lets the commit return before PostgreSQL has flushed it: only for
   * changes whose loss in a database crash is repaired by redelivery (claiming a step), never for
   * a step's result.
   */
  async run<T>(
    work: (transaction: RunTransaction) => Promise<T>,
    options: { synchronousCommit?: boolean } = {},
  ): Promise<T> {
    let transaction!: RunTransaction;
    const result = await this.dataSource.transaction(async (manager) => {
      if (options.synchronousCommit === false) await manager.query('SET LOCAL synchronous_commit TO OFF');
      transaction = new RunTransaction(manager, this.eventsService);
      return work(transaction);
    });
    // Dispatch first: a lost publish only delays a live view, a lost dispatch is found by recovery.
    if (transaction.dispatches.length > 0) {
      try {
        await this.dispatcher.enqueue(transaction.dispatches);
      } catch (error) {
        // The change is committed; RunRecovery dispatches these steps once they have settled.
        this.logger.warn(
          `Dispatching ${transaction.dispatches.length} step(s) failed; recovery will dispatch them: ${(error as Error).message}`,
        );
      }
    }
    if (transaction.events.length > 0) await this.eventsService.publish(transaction.events);
    return result;
  }
}
