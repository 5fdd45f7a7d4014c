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
import { SqlParameters, StatementBatch, type Statement } from '../platform/database/statement-batch.js';
import { RunStateCache } from './run-state-cache.js';

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
  /** Runs locked by `lockRun`, and those held whole (locked, with all their steps: see `hold`). */
  private readonly lockedRuns = new Map<string, Run>();
  private readonly heldRuns = new Map<string, RunSnapshot>();
  /** Every run whose row or steps the flush changed (and whose version it bumped). */
  readonly changedRunIds = new Set<string>();

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
  async lockRun(tenantId: string, runId: string): Promise<Run | null> {
    const run = await this.manager.findOne(Run, {
      where: { id: runId, tenantId },
      lock: { mode: 'pessimistic_write' },
    });
    if (run) this.lockedRuns.set(run.id, run);
    return run;
  }

  /** Every step of the run (call after `lockRun`: the run's lock guards its steps). */
  async steps(runId: string): Promise<StepRun[]> {
    const steps = await this.manager.find(StepRun, { where: { runId }, order: { createdAt: 'ASC', stepId: 'ASC' } });
    const run = this.lockedRuns.get(runId);
    if (run) this.hold({ run, steps });
    return steps;
  }

  /**
   * Says that this transaction holds the run whole: locked (or inserted by it), with all its
   * steps, as these entities. After the commit they are what this process knows of the run
   * (RunStateCache); a run changed without being held is forgotten there instead.
   */
  hold(snapshot: RunSnapshot): void {
    this.lockedRuns.set(snapshot.run.id, snapshot.run);
    this.heldRuns.set(snapshot.run.id, snapshot);
  }

  /** The runs held whole (see `hold`), as they are now. */
  held(): Iterable<RunSnapshot> {
    return this.heldRuns.values();
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
    // A run whose steps change gets a new version too; a locked run's row is written whole with
    // it, the others (not loaded here) are bumped on their own.
    const bumpedOnly = new Set<string>();
    for (const step of steps) {
      if (this.changedRuns.has(step.runId)) continue;
      const locked = this.lockedRuns.get(step.runId);
      if (locked) this.changedRuns.set(locked.id, locked);
      else bumpedOnly.add(step.runId);
    }
    const runs = [...this.changedRuns.values()];
    this.changedSteps.clear();
    this.changedRuns.clear();
    for (const run of runs) {
      run.version += 1;
      this.changedRunIds.add(run.id);
    }
    for (const runId of bumpedOnly) this.changedRunIds.add(runId);
    const parameters = SqlParameters.inline();
    const statements: string[] = [];
    if (runs.length > 0) statements.push(updateFromRecords('runs', runs, RUN_WRITES, parameters));
    if (bumpedOnly.size > 0)
      statements.push(
        `UPDATE runs SET version = version + 1, updated_at = now() WHERE id IN (${[...bumpedOnly]
          .map((runId) => parameters.place(runId, 'uuid'))
          .join(', ')})`,
      );
    if (steps.length > 0) statements.push(updateFromRecords('step_runs', steps, STEP_WRITES, parameters));
    // Everything in one statement: the runs' and steps' updates as data-modifying WITH queries of
    // the events' insert (or on their own when there is no event).
    if (this.pending.length > 0) {
      const append = this.eventsService.prepareAppend(this.pending.splice(0), { statements, sql: parameters });
      return {
        sql: append.sql,
        parameters: append.parameters,
        done: (rows) => this.events.push(...append.envelopes(rows)),
      };
    }
    if (statements.length === 0) return null;
    const last = statements.pop() as string;
    return {
      sql:
        statements.length > 0
          ? `WITH ${statements.map((statement, index) => `change_${index} AS (${statement})`).join(', ')} ${last}`
          : last,
      parameters: parameters.values,
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

/**
 * A mutable column a transaction writes back: its name, its SQL type, and where its value is (a
 * jsonb column's value as the object itself: the rows travel as one JSON document).
 */
interface ColumnWrite<T> {
  column: string;
  type: string;
  value(row: T): unknown;
}

/** What a run transaction may change of a run (the rest is fixed when it starts). */
const RUN_WRITES: Array<ColumnWrite<Run>> = [
  { column: 'state', type: 'varchar', value: (run) => run.state },
  { column: 'outputs', type: 'jsonb', value: (run) => run.outputs },
  { column: 'error', type: 'text', value: (run) => run.error },
  { column: 'started_at', type: 'timestamptz', value: (run) => run.startedAt },
  { column: 'finished_at', type: 'timestamptz', value: (run) => run.finishedAt },
  { column: 'version', type: 'int', value: (run) => run.version },
];

/** What a run transaction may change of a step. */
const STEP_WRITES: Array<ColumnWrite<StepRun>> = [
  { column: 'state', type: 'varchar', value: (step) => step.state },
  { column: 'attempt', type: 'int', value: (step) => step.attempt },
  { column: 'max_attempts', type: 'int', value: (step) => step.maxAttempts },
  { column: 'dispatch', type: 'int', value: (step) => step.dispatch },
  { column: 'output', type: 'jsonb', value: (step) => step.output },
  { column: 'error', type: 'text', value: (step) => step.error },
  { column: 'decision_id', type: 'varchar', value: (step) => step.decisionId },
  { column: 'resume_at', type: 'timestamptz', value: (step) => step.resumeAt },
  { column: 'pending_completion', type: 'jsonb', value: (step) => step.pendingCompletion },
  { column: 'queued_at', type: 'timestamptz', value: (step) => step.queuedAt },
  { column: 'started_at', type: 'timestamptz', value: (step) => step.startedAt },
  { column: 'finished_at', type: 'timestamptz', value: (step) => step.finishedAt },
  { column: 'dead_lettered_at', type: 'timestamptz', value: (step) => step.deadLetteredAt },
];

/**
 * One UPDATE of several rows by id, each with its own values, which travel as one JSON array of
 * records (`jsonb_to_recordset`). One value instead of one literal per column and row: the
 * statement is the same text whatever the rows, quick for PostgreSQL to parse and plan (a
 * VALUES list of casts took longer to plan than to run), and quick here to write.
 */
function updateFromRecords<T extends { id: string }>(
  table: string,
  rows: readonly T[],
  columns: ReadonlyArray<ColumnWrite<T>>,
  parameters: SqlParameters,
): string {
  const records = rows.map((row) => {
    const record: Record<string, unknown> = { id: row.id };
    for (const write of columns) record[write.column] = write.value(row) ?? null;
    return record;
  });
  return `UPDATE ${table} AS t SET ${columns.map(({ column }) => `${column} = v.${column}`).join(', ')}, updated_at = now()
    FROM jsonb_to_recordset(${parameters.place(JSON.stringify(records), 'jsonb')})
      AS v (id uuid, ${columns.map(({ column, type }) => `${column} ${type}`).join(', ')})
    WHERE t.id = v.id`;
}

/** PostgreSQL's serialization_failure: `lock_runs_at_versions` found a run changed by someone else. */
function isSerializationFailure(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '40001';
}

/** Runs a RunTransaction, then (after the commit) enqueues its dispatches and publishes its events. */
@Injectable()
export class RunTransactions {
  private readonly logger = new Logger(RunTransactions.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly eventsService: EventsService,
    private readonly dispatcher: StepDispatcher,
    private readonly cache: RunStateCache,
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
   * One transaction over several runs, for the hot path of step results; `work` may only change
   * what it was given, through the transaction, and may be called twice (see below).
   *
   * When this process knows every run as of its own last commit (RunStateCache), `work` gets
   * those and the transaction is one message: BEGIN, the runs locked and checked to be still at
   * those versions, the one write, COMMIT. If any run changed meanwhile, nothing is written and
   * it goes the other way: two round trips, BEGIN with the runs locked and read, then the one
   * write with COMMIT (see StatementBatch).
   */
  async runBatch<T>(
    keys: readonly RunKey[],
    work: (transaction: RunTransaction, snapshots: Map<string, RunSnapshot>) => Promise<T>,
  ): Promise<T> {
    const known = this.cache.known(keys);
    if (known) {
      try {
        return await this.runBatchAsKnown(known, work);
      } catch (error) {
        if (!isSerializationFailure(error)) throw error;
        for (const key of keys) this.cache.forget(key.runId);
      }
    }
    let transaction!: RunTransaction;
    const result = await StatementBatch.with(this.dataSource, async (batch) => {
      const [, runRows, stepRows] = await batch.run([{ sql: 'BEGIN' }, ...runSnapshotStatements(keys, { lock: true })]);
      transaction = new RunTransaction(null, this.eventsService);
      const snapshots = runSnapshotsFromResults(this.dataSource, runRows, stepRows);
      for (const snapshot of snapshots.values()) transaction.hold(snapshot);
      const result = await work(transaction, snapshots);
      const write = transaction.prepareFlush();
      const [written] = await batch.run([...(write ? [write] : []), { sql: 'COMMIT' }]);
      write?.done(written.rows);
      return result;
    });
    await this.afterCommit(transaction);
    return result;
  }

  /** `runBatch` on the runs as this process last committed them, checked in the one message. */
  private async runBatchAsKnown<T>(
    snapshots: Map<string, RunSnapshot>,
    work: (transaction: RunTransaction, snapshots: Map<string, RunSnapshot>) => Promise<T>,
  ): Promise<T> {
    const runs = [...snapshots.values()].map(({ run }) => run).sort((a, b) => (a.id < b.id ? -1 : 1));
    const check = SqlParameters.inline();
    const array = (values: unknown[], cast: string) =>
      `ARRAY[${values.map((value) => check.place(value, cast)).join(', ')}]`;
    const lock: Statement = {
      sql: `SELECT lock_runs_at_versions(${array(
        runs.map((run) => run.id),
        'uuid',
      )}, ${array(
        runs.map((run) => run.tenantId),
        'uuid',
      )}, ${array(
        runs.map((run) => run.version),
        'int',
      )})`,
      parameters: check.values,
    };
    const transaction = new RunTransaction(null, this.eventsService);
    for (const snapshot of snapshots.values()) transaction.hold(snapshot);
    const result = await work(transaction, snapshots);
    const write = transaction.prepareFlush();
    const results = await StatementBatch.with(this.dataSource, (batch) =>
      batch.run([{ sql: 'BEGIN' }, lock, ...(write ? [write] : []), { sql: 'COMMIT' }]),
    );
    write?.done(results[2].rows);
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
    first: readonly Statement[],
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
    const held = new Set<string>();
    for (const { run, steps } of transaction.held()) {
      this.cache.remember(run, steps);
      held.add(run.id);
    }
    for (const runId of transaction.changedRunIds) if (!held.has(runId)) this.cache.forget(runId);
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
