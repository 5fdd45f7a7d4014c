import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
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
  /**
   * Runs this process must forget after the commit: those whose row or steps the flush changed
   * (and whose version it bumped) without holding them whole, and those read twice.
   */
  private readonly unheldRunIds = new Set<string>();

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
    // Read twice, its steps are two sets of entities, either of which may be changed: which one
    // is the run as committed is not known, so it is forgotten instead of remembered.
    if (this.heldRuns.has(runId)) {
      this.heldRuns.delete(runId);
      this.unheldRunIds.add(runId);
    } else if (run && !this.unheldRunIds.has(runId)) this.hold({ run, steps });
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

  /** The runs this transaction changed, or read, without holding them whole: out of date in any memory of them. */
  unheld(): Iterable<string> {
    return this.unheldRunIds.values();
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
    if (statement) statement.done(await this.manager.query(statement.sql, [...(statement.parameters ?? [])]));
  }

  /**
   * The one statement `flush` runs (null when there is nothing to write), for a caller that
   * sends it itself; `done` takes the rows it returned.
   */
  prepareFlush(): (Statement & { done(rows: ReadonlyArray<{ id: string; seq: string; ts: Date }>): void }) | null {
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
      if (!this.heldRuns.has(run.id)) this.unheldRunIds.add(run.id);
    }
    for (const runId of bumpedOnly) this.unheldRunIds.add(runId);
    if (runs.length === 0 && bumpedOnly.size === 0 && steps.length === 0 && this.pending.length === 0) return null;
    // One statement, of one text whatever it writes (an empty record set writes nothing), so it
    // is prepared once per connection: the runs' and steps' updates as data-modifying WITH
    // queries of the events' insert.
    const parameters = SqlParameters.numbered();
    const statements = [
      updateFromRecords('runs', runs, RUN_WRITES, parameters),
      `UPDATE runs SET version = version + 1, updated_at = now() WHERE id = ANY(${parameters.place(arrayLiteral(bumpedOnly), 'uuid[]')})`,
      updateFromRecords('step_runs', steps, STEP_WRITES, parameters),
    ];
    const append = this.eventsService.prepareAppend(this.pending.splice(0), { statements, sql: parameters });
    return {
      sql: append.sql,
      parameters: append.parameters,
      prepared: 'run_transaction_write',
      done: (rows) => this.events.push(...append.envelopes(rows)),
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

/**
 * A run transaction reads and writes a few rows by key (at most a batch of runs and their
 * steps), joined to JSON record sets whose size PostgreSQL cannot know (it guesses 100 rows).
 * Left to itself it may hash-join them against a whole table, which grows with every run (seen
 * in bench/engine: a sequential scan of step_runs for each batch); nested loops over the
 * indexes are right for every size a run transaction has.
 */
const KEYED_JOINS = ['SET LOCAL enable_hashjoin TO off', 'SET LOCAL enable_mergejoin TO off'];

/** BEGIN, then KEYED_JOINS, as statements of a StatementBatch. */
const BEGIN_KEYED: Statement[] = [{ sql: 'BEGIN' }, ...KEYED_JOINS.map((sql) => ({ sql }))];

/** An array literal of uuids or numbers (neither needs quoting inside it). */
function arrayLiteral(values: Iterable<string | number>): string {
  return `{${[...values].join(',')}}`;
}

/** PostgreSQL's serialization_failure: `lock_runs_at_versions` found a run changed by someone else. */
function isSerializationFailure(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '40001';
}

/** Runs a RunTransaction, then (after the commit) enqueues its dispatches and publishes its events. */
@Injectable()
export class RunTransactions implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RunTransactions.name);
  private readonly dispatching = new Set<Promise<void>>();

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
      await manager.query(
        [...KEYED_JOINS, ...(options.synchronousCommit === false ? ['SET LOCAL synchronous_commit TO OFF'] : [])].join(
          '; ',
        ),
      );
      transaction = new RunTransaction(manager, this.eventsService);
      const result = await work(transaction);
      await transaction.flush();
      return result;
    });
    this.afterCommit(transaction);
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
        // Whatever failed, these runs are read afresh next time.
        for (const key of keys) this.cache.forget(key.runId);
        if (!isSerializationFailure(error)) throw error;
      }
    }
    let transaction!: RunTransaction;
    const result = await StatementBatch.with(this.dataSource, async (batch) => {
      const [runRows, stepRows] = (
        await batch.run([...BEGIN_KEYED, ...runSnapshotStatements(keys, { lock: true })])
      ).slice(BEGIN_KEYED.length);
      transaction = new RunTransaction(null, this.eventsService);
      const snapshots = runSnapshotsFromResults(this.dataSource, runRows, stepRows);
      for (const snapshot of snapshots.values()) transaction.hold(snapshot);
      const result = await work(transaction, snapshots);
      const write = transaction.prepareFlush();
      const [written] = await batch.run([...(write ? [write] : []), { sql: 'COMMIT' }]);
      write?.done(written.rows);
      return result;
    });
    this.afterCommit(transaction);
    return result;
  }

  /** `runBatch` on the runs as this process last committed them, checked in the one message. */
  private async runBatchAsKnown<T>(
    snapshots: Map<string, RunSnapshot>,
    work: (transaction: RunTransaction, snapshots: Map<string, RunSnapshot>) => Promise<T>,
  ): Promise<T> {
    const runs = [...snapshots.values()].map(({ run }) => run).sort((a, b) => (a.id < b.id ? -1 : 1));
    const lock: Statement = {
      sql: 'SELECT lock_runs_at_versions($1::uuid[], $2::uuid[], $3::int[])',
      parameters: [
        arrayLiteral(runs.map((run) => run.id)),
        arrayLiteral(runs.map((run) => run.tenantId)),
        arrayLiteral(runs.map((run) => run.version)),
      ],
      prepared: 'lock_runs_at_versions',
    };
    const { result } = await this.runInOneMessage([lock], (transaction) => {
      for (const snapshot of snapshots.values()) transaction.hold(snapshot);
      return work(transaction, snapshots);
    });
    return result;
  }

  /**
   * A transaction whose reads `work` does not need — it changes only what it made itself, or
   * runs held from memory — sent as one message: BEGIN, `first` (the INSERTs of what `work`
   * made, or the lock and version check of the runs held), the one write of the transaction,
   * COMMIT. Answers what `work` answered and the results of `first`.
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
      batch.run([...BEGIN_KEYED, ...first, ...(write ? [write] : []), { sql: 'COMMIT' }]),
    );
    write?.done(results[BEGIN_KEYED.length + first.length].rows);
    this.afterCommit(transaction);
    return { result, firstResults: results.slice(BEGIN_KEYED.length, BEGIN_KEYED.length + first.length) };
  }

  private afterCommit(transaction: RunTransaction): void {
    for (const { run, steps } of transaction.held()) this.cache.remember(run, steps);
    for (const runId of transaction.unheld()) this.cache.forget(runId);
    // Subscribers get the events while the steps are enqueued; a failed publish is only logged
    // (the events are committed, and subscribers fill gaps from the table).
    if (transaction.events.length > 0)
      this.eventsService
        .publish(transaction.events)
        .catch((error: unknown) => this.logger.warn(`Publishing run events failed: ${(error as Error).message}`));
    if (transaction.dispatches.length > 0) this.dispatchAfterCommit(transaction.dispatches);
  }

  /**
   * Enqueues committed steps without holding up the caller: a step's job completes as soon as
   * its result is committed, so its worker slot is free for the next one a round trip sooner.
   * A dispatch lost to a crash or a Redis failure is found by RunRecovery, as it always was.
   */
  private dispatchAfterCommit(dispatches: StepDispatch[]): void {
    const sending: Promise<void> = this.dispatcher
      .enqueue(dispatches)
      .catch((error: unknown) =>
        // The change is committed; RunRecovery dispatches these steps once they have settled.
        this.logger.warn(
          `Dispatching ${dispatches.length} step(s) failed; recovery will dispatch them: ${(error as Error).message}`,
        ),
      )
      .finally(() => this.dispatching.delete(sending));
    this.dispatching.add(sending);
  }

  /** Waits for the dispatches still on their way to the queue (before it closes). */
  async settleDispatches(): Promise<void> {
    while (this.dispatching.size > 0) await Promise.all([...this.dispatching]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.settleDispatches();
  }
}
