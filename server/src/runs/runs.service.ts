import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  RUN_EVENT_TYPES,
  type DeadLetterView,
  type EventEnvelope,
  type RunDetail,
  type RunListQuery,
  type RunListResponse,
  type StartRunRequest,
} from '@trustops/contracts';
import { validateRunInputs, type RunbookDefinition } from '@trustops/runbook';
import type { QueryResult } from 'pg';
import { In, type Repository } from 'typeorm';
import { SqlParameters, type Statement } from '../platform/database/statement-batch.js';
import { EventsService, StreamAccess } from '../platform/events/index.js';
import type { Principal } from '../rbac/principal.js';
import { TenantScope } from '../tenancy/tenant-scope.js';
import { Coalescer, togetherElseAlone } from './coalescer.js';
import { Run } from './run.entity.js';
import { copySnapshot } from './run-state-cache.js';
import type { RunSnapshot } from './run-snapshots.js';
import { personActor, RunControl, runNotFound } from './run-control.js';
import { RunProgress } from './run-progress.js';
import { RunTransactions } from './run-transaction.js';
import { toDeadLetterView, toRunDetail, toRunSummary } from './run-views.js';
import { RunbooksService } from './runbooks.service.js';
import { StepHandlerRegistry } from './step-handler.registry.js';
import { stepParameterProblems } from './step-parameter-problems.js';
import { StepRun } from './step-run.entity.js';
import type { WaitingStepResult } from './waiting-step-result.js';

export type { WaitingStepResult } from './waiting-step-result.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const MAX_DEAD_LETTERS = 200;
// JavaScript dates hold milliseconds and PostgreSQL microseconds: page on what a cursor can hold.
const CURSOR_ORDER = "date_trunc('milliseconds', run.created_at)";

interface RunToStart {
  definition: RunbookDefinition;
  inputs: Record<string, unknown>;
  idempotencyKey: string | null;
  rerunOf: string | null;
}

/** A new run, built and checked, on its way to the database (left as it is: see insertTogether). */
interface RunToInsert {
  run: Run;
  steps: StepRun[];
  principal: Principal;
  rerunOf: string | null;
}

/** A run as inserted (with its steps: queued, or started), its INSERTs' results, and its stream's last `seq`. */
interface InsertedRun extends RunSnapshot {
  firstResults: QueryResult[];
  lastSeq: number;
}

/** The statements insertStatements makes for a run: the run's INSERT, then its steps'. */
const INSERTS_PER_RUN = 2;

/** Runs started at once (a batch of checks) share a commit, at most this many. */
const MAX_RUNS_PER_INSERT = 50;

/** Runs of runbooks: start (idempotently), read, list, re-run, and resume what waits on people. */
@Injectable()
export class RunsService implements OnModuleInit {
  /**
   * Group commit of new runs (see Coalescer): starts arriving while an insert is in flight go
   * together in the next, so a batch of a few hundred starts is a few commits, not hundreds.
   */
  private readonly inserts = new Coalescer<RunToInsert, InsertedRun | Error>((runs) => this.insertRuns(runs), {
    maxBatch: MAX_RUNS_PER_INSERT,
    lanes: 1,
  });

  constructor(
    @InjectRepository(Run) private readonly runs: Repository<Run>,
    @InjectRepository(StepRun) private readonly stepRuns: Repository<StepRun>,
    private readonly runbooks: RunbooksService,
    private readonly transactions: RunTransactions,
    private readonly progress: RunProgress,
    private readonly control: RunControl,
    private readonly events: EventsService,
    private readonly streamAccess: StreamAccess,
    private readonly handlers: StepHandlerRegistry,
  ) {}

  onModuleInit(): void {
    // A run's live stream is visible to whoever can see the run (same tenant; runs:read is checked before).
    this.streamAccess.register(
      'run',
      async (principal, id) =>
        id !== undefined && UUID.test(id) && (await this.scope(principal.tenantId).count({ id })) > 0,
    );
  }

  async start(principal: Principal, request: StartRunRequest): Promise<RunDetail> {
    return (await this.startOrFind(principal, request)).run;
  }

  /** Starts a run, or returns the run already started with the same idempotency key (`created: false`). */
  async startOrFind(principal: Principal, request: StartRunRequest): Promise<{ run: RunDetail; created: boolean }> {
    const idempotencyKey = request.idempotencyKey?.trim() || null;
    if (idempotencyKey) {
      const existing = await this.scope(principal.tenantId).findOne({ idempotencyKey });
      if (existing) return { run: await this.detail(existing), created: false };
    }
    const runbook =
      request.version === undefined
        ? await this.runbooks.latest(principal.tenantId, request.runbookId)
        : await this.runbooks.version(principal.tenantId, request.runbookId, request.version);
    const checked = validateRunInputs(runbook.definition, request.inputs ?? {});
    if (!checked.ok) {
      throw new BadRequestException({
        message: `Some answers need attention: ${checked.errors.map((error) => error.message).join(' ')}`,
        details: checked.errors.map((error) => `${error.input}: ${error.message}`),
      });
    }
    // A built-in or an older version may predate a handler's checks: refuse it before it starts.
    const problems = stepParameterProblems(runbook.definition, this.handlers);
    if (problems.length > 0) {
      const details = problems.map((problem) => `${problem.path}: ${problem.message}`);
      throw new BadRequestException({
        message: `The runbook cannot run until it is corrected: ${details[0]}${details.length > 1 ? ` (and ${details.length - 1} more problem(s))` : ''}`,
        details,
      });
    }
    return this.create(principal, {
      definition: runbook.definition,
      inputs: checked.values,
      idempotencyKey,
      rerunOf: null,
    });
  }

  /** A new run of the same runbook version with the same inputs. */
  async rerun(principal: Principal, runId: string): Promise<RunDetail> {
    const original = await this.getRun(principal.tenantId, runId);
    return (
      await this.create(principal, {
        definition: original.definition,
        inputs: original.inputs,
        idempotencyKey: null,
        rerunOf: original.id,
      })
    ).run;
  }

  async get(principal: Principal, runId: string): Promise<RunDetail> {
    return this.detail(await this.getRun(principal.tenantId, runId));
  }

  async list(principal: Principal, query: RunListQuery): Promise<RunListResponse> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE)
      throw new BadRequestException(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
    const builder = this.scope(principal.tenantId)
      .queryBuilder('run')
      .orderBy(CURSOR_ORDER, 'DESC')
      .addOrderBy('run.id', 'DESC')
      .limit(limit + 1);
    if (query.state) builder.andWhere('run.state = :state', { state: query.state });
    if (query.runbookId) builder.andWhere('run.runbook_id = :runbookId', { runbookId: query.runbookId });
    if (query.startedBy) {
      if (!UUID.test(query.startedBy)) throw new BadRequestException('startedBy must be the id of a person.');
      builder.andWhere('run.started_by_id = :startedBy', { startedBy: query.startedBy });
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      builder.andWhere(`(${CURSOR_ORDER}, run.id) < (:createdAt::timestamptz, :id::uuid)`, cursor);
    }
    const rows = await builder.getMany();
    const page = rows.slice(0, limit);
    const progress = await this.progressOf(page.map((run) => run.id));
    const last = page.at(-1);
    return {
      items: page.map((run) => toRunSummary(run, progress.get(run.id) ?? { done: 0, total: 0 })),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  async eventsOf(principal: Principal, runId: string, afterSeq: number): Promise<EventEnvelope[]> {
    const run = await this.getRun(principal.tenantId, runId);
    return this.events.list(principal.tenantId, { kind: 'run', id: run.id }, afterSeq);
  }

  /** Steps that failed their last attempt and wait for someone to retry them, newest first. */
  async deadLetters(principal: Principal): Promise<DeadLetterView[]> {
    const steps = await new TenantScope(this.stepRuns, principal.tenantId)
      .queryBuilder('step')
      .andWhere(`step.state = 'failed'`)
      .andWhere('step.dead_lettered_at IS NOT NULL')
      .orderBy('step.dead_lettered_at', 'DESC')
      .take(MAX_DEAD_LETTERS)
      .getMany();
    const runs = await this.scope(principal.tenantId).find({
      where: { id: In([...new Set(steps.map((step) => step.runId))]) },
      select: { id: true, runbookTitle: true, definition: true, tenantId: true },
    });
    const byId = new Map(runs.map((run) => [run.id, run]));
    return steps.flatMap((step) => {
      const run = byId.get(step.runId);
      return run ? [toDeadLetterView(run, step)] : [];
    });
  }

  cancel(principal: Principal, runId: string, reason?: string): Promise<void> {
    return this.control.cancel(principal, runId, reason);
  }

  retryStep(principal: Principal, runId: string, stepId: string): Promise<void> {
    return this.control.retryStep(principal, runId, stepId);
  }

  // Resumes a step parked with { status: 'waiting' } (approvals, inputs). Safe to call BEFORE the
  // step reaches `waiting` (the completion is kept and applied when it parks) and safe to call twice.
  completeWaitingStep(tenantId: string, runId: string, stepId: string, result: WaitingStepResult): Promise<void> {
    return this.control.completeWaitingStep(tenantId, runId, stepId, result);
  }

  /**
   * Builds the run and its steps and inserts them (`insertRuns`: with other runs starting at the
   * same time). A start with an idempotency key already used in the tenant fails on its unique
   * index — after waiting for a concurrent start with the same key to commit — and answers that
   * run instead.
   */
  private async create(principal: Principal, start: RunToStart): Promise<{ run: RunDetail; created: boolean }> {
    const { definition } = start;
    const run = this.runs.create({
      id: randomUUID(),
      tenantId: principal.tenantId,
      runbookId: definition.id,
      runbookVersion: definition.version,
      runbookTitle: definition.title,
      definition,
      state: 'queued',
      idempotencyKey: start.idempotencyKey,
      inputs: start.inputs,
      outputs: null,
      error: null,
      startedById: principal.userId,
      startedByName: principal.displayName,
      rerunOf: start.rerunOf,
      startedAt: null,
      finishedAt: null,
      version: 0,
    });
    const steps = definition.steps.map((step) =>
      this.stepRuns.create({
        id: randomUUID(),
        tenantId: run.tenantId,
        runId: run.id,
        stepId: step.id,
        type: step.type,
        state: 'pending',
        attempt: 0,
        maxAttempts: step.retry?.attempts ?? 1,
        dispatch: 0,
        output: null,
        error: null,
        decisionId: null,
        resumeAt: null,
        pendingCompletion: null,
        queuedAt: null,
        startedAt: null,
        finishedAt: null,
        deadLetteredAt: null,
      }),
    );
    let inserted: InsertedRun;
    try {
      inserted = settled(await this.inserts.submit({ run, steps, principal, rerunOf: start.rerunOf }));
    } catch (error) {
      if (!isIdempotencyConflict(error)) throw error;
      const existing = await this.scope(principal.tenantId).findOne({ idempotencyKey: start.idempotencyKey! });
      if (!existing) throw new Error('An idempotency key conflicted with a run that cannot be found', { cause: error });
      return { run: await this.detail(existing), created: false };
    }
    // The run as committed, without reading it back: only the database's timestamps are new.
    const [runRow, stepRows] = inserted.firstResults.map((result) => result.rows as StoredTimes[]);
    Object.assign(inserted.run, times(runRow[0]));
    const stepTimes = new Map((stepRows ?? []).map((row) => [row.id, times(row)]));
    for (const step of inserted.steps) Object.assign(step, stepTimes.get(step.id));
    return { run: toRunDetail(inserted.run, inserted.steps, inserted.lastSeq), created: true };
  }

  /**
   * Inserts new runs with their steps, queues what can start and appends the events, in one
   * message: the runs of a batch together (one commit), or — when that fails, say on one run's
   * idempotency key — each alone, so that one run's problem is only its own.
   */
  private insertRuns(runs: readonly RunToInsert[]): Promise<Array<InsertedRun | Error>> {
    return togetherElseAlone(runs, (batch) => this.insertTogether(batch));
  }

  /**
   * One transaction for `runs`. It works on copies: queuing steps changes them, and a batch that
   * fails is tried again run by run from the runs as they were built.
   */
  private async insertTogether(runs: readonly RunToInsert[]): Promise<InsertedRun[]> {
    const copies = runs.map((start) => ({ ...start, ...copySnapshot(start.run, start.steps) }));
    const { result: events, firstResults } = await this.transactions.runInOneMessage(
      copies.flatMap(({ run, steps }) => insertStatements(run, steps)),
      async (transaction) => {
        for (const { run, steps, principal, rerunOf } of copies) {
          const actor = personActor(principal);
          transaction.hold({ run, steps });
          const { definition } = run;
          await transaction.emit(
            run,
            RUN_EVENT_TYPES.runQueued,
            { runbookId: definition.id, version: definition.version, title: definition.title, rerunOf },
            actor,
          );
          await this.progress.advance(transaction, run, steps, actor);
        }
        return transaction.events;
      },
    );
    return copies.map(({ run, steps }, index) => ({
      run,
      steps,
      firstResults: firstResults.slice(index * INSERTS_PER_RUN, (index + 1) * INSERTS_PER_RUN),
      lastSeq: events.filter((event) => event.runId === run.id).at(-1)?.seq ?? 0,
    }));
  }

  private async getRun(tenantId: string, runId: string): Promise<Run> {
    if (!UUID.test(runId)) throw runNotFound(runId);
    const run = await this.scope(tenantId).findOne({ id: runId });
    if (!run) throw runNotFound(runId);
    return run;
  }

  private async detail(run: Run): Promise<RunDetail> {
    const [steps, lastSeq] = await Promise.all([
      this.stepRuns.find({ where: { runId: run.id, tenantId: run.tenantId } }),
      this.events.lastSeq(run.tenantId, { kind: 'run', id: run.id }),
    ]);
    return toRunDetail(run, steps, lastSeq);
  }

  private async progressOf(runIds: string[]): Promise<Map<string, { done: number; total: number }>> {
    if (runIds.length === 0) return new Map();
    const rows: Array<{ run_id: string; done: string; total: string }> = await this.stepRuns.query(
      `SELECT run_id, count(*) FILTER (WHERE state IN ('succeeded', 'skipped')) AS done, count(*) AS total FROM step_runs WHERE run_id = ANY($1) GROUP BY run_id`,
      [runIds],
    );
    return new Map(rows.map((row) => [row.run_id, { done: Number(row.done), total: Number(row.total) }]));
  }

  private scope(tenantId: string): TenantScope<Run> {
    return new TenantScope(this.runs, tenantId);
  }
}

interface StoredTimes {
  id: string;
  created_at: Date;
  updated_at: Date;
}

function times(row: StoredTimes): { createdAt: Date; updatedAt: Date } {
  return { createdAt: row.created_at, updatedAt: row.updated_at };
}

/**
 * The INSERTs of a new run and its steps (for RunTransactions.runInOneMessage), each of one text
 * whatever the runbook (the steps travel as one JSON array of records), so they are prepared.
 */
function insertStatements(run: Run, steps: StepRun[]): Statement[] {
  const forRun = SqlParameters.numbered();
  const runValues = [
    forRun.place(run.id, 'uuid'),
    forRun.place(run.tenantId, 'uuid'),
    forRun.place(run.runbookId, 'varchar'),
    forRun.place(run.runbookVersion, 'int'),
    forRun.place(run.runbookTitle, 'varchar'),
    forRun.place(run.definition, 'jsonb'),
    forRun.place(run.state, 'varchar'),
    forRun.place(run.idempotencyKey, 'varchar'),
    forRun.place(run.inputs, 'jsonb'),
    forRun.place(run.startedById, 'uuid'),
    forRun.place(run.startedByName, 'varchar'),
    forRun.place(run.rerunOf, 'uuid'),
  ];
  const forSteps = SqlParameters.numbered();
  const records = steps.map((step) => ({
    id: step.id,
    tenant_id: step.tenantId,
    run_id: step.runId,
    step_id: step.stepId,
    type: step.type,
    state: step.state,
    attempt: step.attempt,
    max_attempts: step.maxAttempts,
    dispatch: step.dispatch,
  }));
  return [
    {
      sql: `INSERT INTO runs (id, tenant_id, runbook_id, runbook_version, runbook_title, definition, state, idempotency_key, inputs, started_by_id, started_by_name, rerun_of)
            VALUES (${runValues.join(', ')})
            RETURNING id, created_at, updated_at`,
      parameters: forRun.values,
      prepared: 'runs_insert',
    },
    {
      sql: `INSERT INTO step_runs (id, tenant_id, run_id, step_id, type, state, attempt, max_attempts, dispatch)
            SELECT id, tenant_id, run_id, step_id, type, state, attempt, max_attempts, dispatch
              FROM jsonb_to_recordset(${forSteps.place(JSON.stringify(records), 'jsonb')})
                AS s (id uuid, tenant_id uuid, run_id uuid, step_id varchar, type varchar, state varchar, attempt int, max_attempts int, dispatch int)
            RETURNING id, created_at, updated_at`,
      parameters: forSteps.values,
      prepared: 'step_runs_insert',
    },
  ];
}

/** The value, or the error thrown (a Coalescer answers each item; errors are answered, not thrown). */
function settled<T>(outcome: T | Error): T {
  if (outcome instanceof Error) throw outcome;
  return outcome;
}

/** A start that lost to another start with the same idempotency key (unique violation). */
function isIdempotencyConflict(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'uq_runs_tenant_id_idempotency_key';
}

function encodeCursor(run: Run): string {
  return Buffer.from(JSON.stringify({ createdAt: run.createdAt.toISOString(), id: run.id })).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      createdAt?: unknown;
      id?: unknown;
    };
    if (
      typeof parsed.createdAt === 'string' &&
      !Number.isNaN(Date.parse(parsed.createdAt)) &&
      typeof parsed.id === 'string' &&
      UUID.test(parsed.id)
    ) {
      return { createdAt: parsed.createdAt, id: parsed.id };
    }
  } catch {
    // Falls through to the 400.
  }
  throw new BadRequestException('The cursor is not one this list gave out; start again from the first page.');
}
