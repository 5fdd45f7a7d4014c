import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventEnvelope, LiveEventMessage } from '@trustops/contracts';
import type { QueryResult } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { EventsService, type NewEvent } from '../platform/events/index.js';
import { Run } from './run.entity.js';
import { StepDispatcher, type StepDispatch } from './step-dispatcher.js';
import { StepRun } from './step-run.entity.js';
import { runSnapshotsFromResults, runSnapshotStatements, type RunKey, type RunSnapshot } from './run-snapshots.js';
import { StatementBatch } from '../platform/database/statement-batch.js';

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
  /** Emitted, not yet appended: appended together just before the commit (one statement). */
  private readonly pending: NewEvent[] = [];
  /** Saved, not yet written: written together just before the commit (one statement). */
  private readonly changedSteps = new Map<string, StepRun>();
  private readonly changedRuns = new Map<string, Run>();

  /** `manager` is null for a batch (RunTransactions.runBatch), whose statements are sent for it. */
  constructor(
    private readonly transactionManager: EntityManager | null,
    private readonly eventsService: EventsService,
  ) {}

  /** The transaction's EntityManager; a batch (null) has its rows loaded and written for it. */
  private get manager(): EntityManager {
    if (!this.transactionManager)
      throw new Error('A batch transaction has its runs loaded for it and cannot run statements of its own.');
    return this.transactionManager;
  }

  /** The run, locked until the transaction ends; null when it is not in the tenant. */
  lockRun(tenantId: string, runId: string): Promise<Run | null> {
    return this.manager.findOne(Run, { where: { id: runId, tenantId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every step of the run (call after `lockRun`: the run's lock guards its steps). */
  steps(runId: string): Promise<StepRun[]> {
    return this.manager.find(StepRun, { where: { runId }, order: { createdAt: 'ASC', stepId: 'ASC' } });
  }

  /**
   * `lockRun`, then `steps`. Two statements on purpose: a statement reads with the snapshot it
   * started with, so steps read in the locking statement could predate the transaction that
   * held the lock (a parallel branch's result would be missed).
   */
  async lockRunWithSteps(tenantId: string, runId: string): Promise<{ run: Run; steps: StepRun[] } | null> {
    const run = await this.lockRun(tenantId, runId);
    return run ? { run, steps: await this.steps(run.id) } : null;
  }

  /**
   * Marks a loaded step's mutable columns to be written back with the others of this
   * transaction, in one UPDATE just before the commit (the run's lock guards the row until then).
   */
  saveStep(step: StepRun): Promise<void> {
    this.changedSteps.set(step.id, step);
    return Promise.resolve();
  }

  /** Marks a loaded run's mutable columns to be written back just before the commit. */
  saveRun(run: Run): Promise<void> {
    this.changedRuns.set(run.id, run);
    return Promise.resolve();
  }

  /**
   * Writes what was saved and appends what was emitted, in one statement (called by
   * RunTransactions as the last thing before the commit).
   */
  async flush(): Promise<void> {
    const statement = this.prepareFlush();
    if (statement) statement.done(await this.manager.query(statement.sql, statement.parameters));
  }

  /**
   * The one statement `flush` runs (null when there is nothing to write), for a caller that
   * sends it itself; `done` takes the rows it returned.
   */
  prepareFlush(): {
    sql: string;
    parameters: unknown[];
    done(rows: ReadonlyArray<{ id: string; seq: string; ts: Date }>): void;
  } | null {
    const steps = [...this.changedSteps.values()];
    const runs = [...this.changedRuns.values()];
    this.changedSteps.clear();
    this.changedRuns.clear();
    const parameters: unknown[] = [];
    const statements: string[] = [];
    const place = (value: unknown, cast: string): string => {
      parameters.push(value);
      return `$${parameters.length}::${cast}`;
    };
    if (runs.length > 0) {
      const values = runs.map(
        (run) =>
          `(${[
            place(run.id, 'uuid'),
            place(run.state, 'varchar'),
            place(json(run.outputs), 'jsonb'),
            place(run.error, 'text'),
            place(run.startedAt, 'timestamptz'),
            place(run.finishedAt, 'timestamptz'),
          ].join(', ')})`,
      );
      statements.push(
        `UPDATE runs AS t SET state = v.state, outputs = v.outputs, error = v.error, started_at = v.started_at,
           finished_at = v.finished_at, updated_at = now()
         FROM (VALUES ${values.join(', ')}) AS v (id, state, outputs, error, started_at, finished_at)
         WHERE t.id = v.id`,
      );
    }
    if (steps.length > 0) {
      const values = steps.map(
        (step) =>
          `(${[
            place(step.id, 'uuid'),
            place(step.state, 'varchar'),
            place(step.attempt, 'int'),
            place(step.maxAttempts, 'int'),
            place(step.dispatch, 'int'),
            place(json(step.output), 'jsonb'),
            place(step.error, 'text'),
            place(step.decisionId, 'varchar'),
            place(step.resumeAt, 'timestamptz'),
            place(json(step.pendingCompletion), 'jsonb'),
            place(step.queuedAt, 'timestamptz'),
            place(step.startedAt, 'timestamptz'),
            place(step.finishedAt, 'timestamptz'),
            place(step.deadLetteredAt, 'timestamptz'),
          ].join(', ')})`,
      );
      statements.push(
        `UPDATE step_runs AS t SET state = v.state, attempt = v.attempt, max_attempts = v.max_attempts, dispatch = v.dispatch, output = v.output,
           error = v.error, decision_id = v.decision_id, resume_at = v.resume_at, pending_completion = v.pending_completion, queued_at = v.queued_at,
           started_at = v.started_at, finished_at = v.finished_at, dead_lettered_at = v.dead_lettered_at, updated_at = now()
         FROM (VALUES ${values.join(', ')}) AS v (id, state, attempt, max_attempts, dispatch, output, error, decision_id, resume_at,
           pending_completion, queued_at, started_at, finished_at, dead_lettered_at)
         WHERE t.id = v.id`,
      );
    }
    // Everything in one statement: the runs' and steps' updates as data-modifying WITH queries of
    // the events' insert (or on their own when there is no event).
    if (this.pending.length > 0) {
      const append = this.eventsService.prepareAppend(this.pending.splice(0), { statements, parameters });
      return {
        sql: append.sql,
        parameters: append.parameters,
        done: (rows) => this.events.push(...append.envelopes(rows)),
      };
    }
    if (statements.length === 0) return null;
    return {
      sql: statements.length === 2 ? `WITH run_update AS (${statements[0]}) ${statements[1]}` : statements[0],
      parameters,
      done: () => undefined,
    };
  }

  /**
   * Adds an event to the run's stream, appended with the others of this transaction just before
   * it commits (so in the same transaction as the change it describes, in the order emitted).
   */
  emit(
    run: Pick<Run, 'id' | 'tenantId'>,
    type: string,
    payload: Record<string, unknown>,
    actor: EventActor = ENGINE_ACTOR,
  ): Promise<void> {
    this.pending.push({
      tenantId: run.tenantId,
      stream: { kind: 'run', id: run.id },
      type,
      runId: run.id,
      actor,
      source: 'runs',
      payload,
    });
    return Promise.resolve();
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

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
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
      const result = await work(transaction);
      await transaction.flush();
      return result;
    });
    await this.afterCommit(transaction);
    return result;
  }

  /**
   * One transaction over several runs, locked and loaded up front, in two round trips: BEGIN
   * with the locking reads, then the one write with COMMIT (see StatementBatch). For the hot path
   * of step results; `work` may only change what it was given, through the transaction.
   */
  async runBatch<T>(
    keys: readonly RunKey[],
    work: (transaction: RunTransaction, snapshots: Map<string, RunSnapshot>) => Promise<T>,
  ): Promise<T> {
    let transaction!: RunTransaction;
    const result = await StatementBatch.with(this.dataSource, async (batch) => {
      const [, runRows, stepRows] = await batch.run([{ sql: 'BEGIN' }, ...runSnapshotStatements(keys, { lock: true })]);
      transaction = new RunTransaction(null, this.eventsService);
      const result = await work(transaction, runSnapshotsFromResults(this.dataSource, runRows, stepRows));
      const write = transaction.prepareFlush();
      const [written] = await batch.run([...(write ? [write] : []), { sql: 'COMMIT' }]);
      write?.done(written.rows);
      return result;
    });
    await this.afterCommit(transaction);
    return result;
  }

  /**
   * A transaction whose reads `work` does not need — it changes only what it made itself, in
   * memory — sent as one message: BEGIN, `first` (the INSERTs of what `work` made), the one
   * write of the transaction, COMMIT. Answers what `work` answered and the results of `first`.
   * A failing statement rolls the whole message back (the caller may catch a unique violation).
   */
  async runInOneMessage<T>(
    first: ReadonlyArray<{ sql: string; parameters?: readonly unknown[] }>,
    work: (transaction: RunTransaction) => Promise<T>,
  ): Promise<{ result: T; firstResults: QueryResult[] }> {
    const transaction = new RunTransaction(null, this.eventsService);
    const result = await work(transaction);
    const write = transaction.prepareFlush();
    const results = await StatementBatch.with(this.dataSource, (batch) =>
      batch.run([{ sql: 'BEGIN' }, ...first, ...(write ? [write] : []), { sql: 'COMMIT' }]),
    );
    write?.done(results[1 + first.length].rows);
    await this.afterCommit(transaction);
    return { result, firstResults: results.slice(1, 1 + first.length) };
  }

  private async afterCommit(transaction: RunTransaction): Promise<void> {
    // Subscribers get the events while the steps are enqueued; a failed publish is only logged
    // (the events are committed, and subscribers fill gaps from the table).
    if (transaction.events.length > 0)
      this.eventsService
        .publish(transaction.events)
        .catch((error: unknown) => this.logger.warn(`Publishing run events failed: ${(error as Error).message}`));
    // A lost dispatch is found by recovery.
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
  }
}
