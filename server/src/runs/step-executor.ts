import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { RUN_EVENT_TYPES } from '@trustops/contracts';
import { parseDuration, type RunbookStep } from '@trustops/runbook';
import type { DataSource, Repository } from 'typeorm';
import { EventsService } from '../platform/events/index.js';
import { Run } from './run.entity.js';
import { RunProgress } from './run-progress.js';
import { ENGINE_ACTOR, RunTransactions, type RunTransaction } from './run-transaction.js';
import { RunningSteps, StepCancelledError, StepInterruptedError } from './running-steps.js';
import type { StepJobData } from './step-dispatcher.js';
import { PermanentStepError, type StepContext, type StepHandler, type StepOutcome } from './step-handler.js';
import { StepHandlerRegistry } from './step-handler.registry.js';
import { StepRun } from './step-run.entity.js';
import { StepTransitions } from './step-transitions.js';
import { prepareStep } from './prepare-step.js';
import { Coalescer, togetherElseAlone } from './coalescer.js';
import { RunStateCache } from './run-state-cache.js';
import { runSnapshotsFromResults, runSnapshotStatements, type RunSnapshot } from './run-snapshots.js';
import { StatementBatch } from '../platform/database/statement-batch.js';

/** How often a running handler checks that its step is still wanted (cancelled elsewhere). */
const HEARTBEAT_MS = 2000;
/**
 * A handler still busy after this long has its step marked running (see `process`): short, so a
 * slow step shows as started promptly; long enough for a step that does no I/O to skip the claim.
 */
const CLAIM_AFTER_MS = 50;

/**
 * The most step results committed in one transaction, and the most fresh steps read in one go.
 * Bounded so one batch's statement stays small and its locks short.
 */
const MAX_BATCH = 32;

class StepTimeoutError extends Error {
  override readonly name = 'StepTimeoutError';
}

/** A step this delivery may run: the run and step as claimed, and the handler's inputs. */
interface ClaimedStep {
  run: Run;
  step: StepRun;
  definition: RunbookStep;
  handler: StepHandler;
  params: Record<string, unknown>;
  resumeAt?: Date;
}

/** A finished attempt, waiting for its batch's transaction. */
interface StepResult {
  job: StepJobData;
  /** Started without a claim (the fast path): the result transaction records the start too. */
  fresh: boolean;
  startedAt: Date | null;
  result: Exclude<AttemptResult, { kind: 'interrupted' }>;
}

type AttemptResult =
  | { kind: 'interrupted' }
  | { kind: 'outcome'; outcome: StepOutcome }
  | { kind: 'failed'; error: string; permanent: boolean }
  | { kind: 'cancelled' };

/**
 * Runs one delivery of a `runs-steps` job: claims the step in PostgreSQL (a stale or duplicate
 * delivery is ignored), resolves its parameters, skips it when its `when` is false, runs the
 * handler with a signal for the timeout and cancellation, then commits the result with its
 * events and queues the dependants in one transaction. Dispatch and publish follow the commit.
 * Steps running at the same time share their first read and their result transaction (see
 * Coalescer): a batch of results is one transaction, with the runs locked in id order.
 */
@Injectable()
export class StepExecutor {
  private readonly logger = new Logger(StepExecutor.name);
  // One read and one result transaction in flight at most: the results that finish during a
  // commit go together in the next. Fewer lanes make bigger batches, each round trip, lock check
  // and commit shared by more steps. A second result lane (a commit waiting for the disk while
  // the next is written) measured 10-15% fewer steps a second in bench/engine, with more CPU a
  // step here and in PostgreSQL, and no better decision latency.
  private readonly reads = new Coalescer<StepJobData, RunSnapshot | null>((jobs) => this.readRuns(jobs), {
    maxBatch: MAX_BATCH,
    lanes: 1,
  });
  private readonly results = new Coalescer<StepResult, Error | null>((results) => this.commitResults(results), {
    maxBatch: MAX_BATCH,
    lanes: 1,
  });

  constructor(
    private readonly transactions: RunTransactions,
    private readonly transitions: StepTransitions,
    private readonly progress: RunProgress,
    private readonly registry: StepHandlerRegistry,
    private readonly running: RunningSteps,
    private readonly events: EventsService,
    private readonly cache: RunStateCache,
    @InjectRepository(StepRun) private readonly stepRuns: Repository<StepRun>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async process(job: StepJobData): Promise<void> {
    // Fast path for a fresh step: read it without locks and start the handler at once. The claim
    // (state `running`, `step.started`) is committed only if the handler is still busy after
    // CLAIM_AFTER_MS, or says something first; a quick step is claimed and completed in its
    // result transaction. Until then the row says `queued`, which is also what a crash would
    // leave: the job is redelivered.
    const fresh = await this.prepareFresh(job);
    // A claim lost in a database crash is harmless: the step is still queued and is delivered again.
    const claimNow = () =>
      this.transactions.run((transaction) => this.claim(transaction, job), { synchronousCommit: false });
    const claimed = fresh ?? (await claimNow());
    if (!claimed) return;
    let lateClaim: Promise<unknown> | undefined;
    const ensureClaimed = fresh
      ? () =>
          (lateClaim ??= claimNow().catch((error: unknown) =>
            this.logger.warn(`Claiming step ${job.stepId} of run ${job.runId} failed: ${(error as Error).message}`),
          ))
      : undefined;
    const result = await this.attempt(claimed, job, ensureClaimed);
    await lateClaim;
    // Nothing is recorded: the job fails here and BullMQ delivers it again, to a worker that stays.
    if (result.kind === 'interrupted')
      throw new StepInterruptedError(`Step ${job.stepId} of run ${job.runId} was interrupted by a shutdown`);
    const failure = await this.results.submit({
      job,
      fresh: fresh !== null,
      startedAt: claimed.step.startedAt,
      result,
    });
    if (failure) throw failure;
  }

  /**
   * Commits a batch of results in one transaction. When it fails, each result is tried again in
   * a transaction of its own, so that one result's problem fails only its own job.
   */
  private commitResults(results: StepResult[]): Promise<Array<Error | null>> {
    return togetherElseAlone(results, async (batch) => {
      await this.transactions.runBatch(
        batch.map(({ job }) => job),
        async (transaction, snapshots) => {
          for (const result of batch) {
            const snapshot = snapshots.get(result.job.runId);
            if (snapshot && snapshot.run.tenantId === result.job.tenantId)
              await this.record(transaction, snapshot, result);
          }
        },
      );
      return batch.map(() => null);
    });
  }

  /** One attempt's result, inside its batch's transaction with its run locked and loaded. */
  private async record(transaction: RunTransaction, { run, steps }: RunSnapshot, item: StepResult): Promise<void> {
    const { job, result } = item;
    const step = steps.find((candidate) => candidate.stepId === job.stepId);
    if (!step || !isCurrent(step, job)) return;
    if (item.fresh && step.state === 'queued' && result.kind !== 'cancelled') {
      // Never claimed: it started and finished within this one transaction. The run's own
      // `run.started` comes first, as it would after a claim.
      Object.assign(step, { state: 'running', startedAt: item.startedAt });
      await transaction.saveStep(step);
      await this.progress.advance(transaction, run, steps);
      await transaction.emit(run, RUN_EVENT_TYPES.stepStarted, {
        stepId: step.stepId,
        attempt: step.attempt,
        type: step.type,
      });
    }
    // Cancelled meanwhile, or a duplicate delivery already recorded this attempt.
    if (step.state !== 'running') return;
    switch (result.kind) {
      case 'cancelled':
        return;
      case 'failed':
        return this.transitions.fail(transaction, run, steps, step, {
          error: result.error,
          permanent: result.permanent,
          deadLetter: true,
        });
      case 'outcome':
        if (result.outcome.status === 'succeeded')
          return this.transitions.succeed(transaction, run, steps, step, result.outcome.output);
        return this.transitions.park(transaction, run, steps, step, {
          decisionId: result.outcome.decisionId,
          resumeAt: result.outcome.resumeAt,
        });
    }
  }

  /**
   * The runs of several deliveries and all their steps, read without locks in one round trip.
   * Each delivery gets entities of its own: deliveries of one run change their steps apart.
   */
  private async readRuns(jobs: StepJobData[]): Promise<Array<RunSnapshot | null>> {
    const [runRows, stepRows] = await StatementBatch.with(this.dataSource, (batch) =>
      batch.run(runSnapshotStatements(jobs, { lock: false })),
    );
    const handedOut = new Set<string>();
    let snapshots = runSnapshotsFromResults(this.dataSource, runRows, stepRows);
    return jobs.map((job) => {
      if (handedOut.has(job.runId)) snapshots = runSnapshotsFromResults(this.dataSource, runRows, stepRows);
      handedOut.add(job.runId);
      const snapshot = snapshots.get(job.runId);
      return snapshot && snapshot.run.tenantId === job.tenantId ? snapshot : null;
    });
  }

  /**
   * For a step still `queued` whose condition holds and whose parameters resolve: what to run,
   * from the run as this process last committed it (usually the commit that queued the step) if
   * that was within a heartbeat — a cancel from elsewhere is noticed no later than a running
   * step would notice it — or else read without a transaction. Anything else (a redelivery, a
   * resumption, a skip, a problem) is null and goes through the claim transaction, which
   * records it. The result transaction checks it all again under the run's lock.
   */
  private async prepareFresh(job: StepJobData): Promise<ClaimedStep | null> {
    const snapshot = this.cache.recent(job, HEARTBEAT_MS) ?? (await this.reads.submit(job));
    if (!snapshot || snapshot.run.state === 'cancelled') return null;
    const { run, steps } = snapshot;
    const step = steps.find((candidate) => candidate.stepId === job.stepId);
    if (!step || !isCurrent(step, job) || step.state !== 'queued') return null;
    const prepared = prepareStep(run, steps, step, this.registry);
    if (prepared.kind !== 'execute') return null;
    step.startedAt = new Date();
    return { run, step, definition: prepared.definition, handler: prepared.handler, params: prepared.params };
  }

  private async claim(transaction: RunTransaction, job: StepJobData): Promise<ClaimedStep | null> {
    const loaded = await transaction.lockRunWithSteps(job.tenantId, job.runId);
    if (!loaded || loaded.run.state === 'cancelled') return null;
    const { run, steps } = loaded;
    const step = steps.find((candidate) => candidate.stepId === job.stepId);
    if (!step || !isCurrent(step, job)) return null;
    const resumingTimer = step.state === 'waiting' && step.resumeAt !== null;
    if (step.state !== 'queued' && step.state !== 'running' && !resumingTimer) return null;
    const redelivered = step.state === 'running';
    const resumeAt = resumingTimer ? (step.resumeAt ?? undefined) : undefined;

    const prepared = prepareStep(run, steps, step, this.registry);
    switch (prepared.kind) {
      case 'fail':
        step.state = 'running';
        await this.transitions.fail(transaction, run, steps, step, {
          error: prepared.error,
          permanent: true,
          deadLetter: true,
        });
        return null;
      case 'skip':
        Object.assign(step, { state: 'skipped', finishedAt: new Date() });
        await transaction.saveStep(step);
        await transaction.emit(run, RUN_EVENT_TYPES.stepSkipped, { stepId: step.stepId, reason: prepared.reason });
        await this.progress.advance(transaction, run, steps);
        return null;
      case 'execute':
        break;
    }

    Object.assign(step, { state: 'running', resumeAt: null });
    step.startedAt ??= new Date();
    await transaction.saveStep(step);
    // The run's own `run.started` (its first step starting) comes before the step's.
    await this.progress.advance(transaction, run, steps);
    if (redelivered) {
      await transaction.emit(run, RUN_EVENT_TYPES.stepLog, {
        stepId: step.stepId,
        level: 'warn',
        message: 'Picked up again: the worker that was running this step stopped.',
      });
    } else {
      await transaction.emit(run, RUN_EVENT_TYPES.stepStarted, {
        stepId: step.stepId,
        attempt: step.attempt,
        type: step.type,
        ...(resumeAt ? { resumed: true } : {}),
      });
    }
    return { run, step, definition: prepared.definition, handler: prepared.handler, params: prepared.params, resumeAt };
  }

  /**
   * Runs the handler. `ensureClaimed` (fast path only) commits the claim: called when the handler
   * is slow, and awaited before anything it says, so that its words follow `step.started`.
   */
  private async attempt(
    claimed: ClaimedStep,
    job: StepJobData,
    ensureClaimed?: () => Promise<unknown>,
  ): Promise<AttemptResult> {
    const { run, step, definition, handler } = claimed;
    const controller = new AbortController();
    const timeoutMs = definition.timeout ? parseDuration(definition.timeout) : undefined;
    const timer = timeoutMs
      ? setTimeout(
          () => controller.abort(new StepTimeoutError(`It took longer than its time limit of ${definition.timeout}.`)),
          timeoutMs,
        )
      : undefined;
    const heartbeat = setInterval(() => void this.checkStillWanted(job, controller), HEARTBEAT_MS);
    const slow = ensureClaimed ? setTimeout(() => void ensureClaimed(), CLAIM_AFTER_MS) : undefined;
    const untrack = this.running.add(run.id, controller);
    const stream = { kind: 'run', id: run.id } as const;
    const context: StepContext = {
      tenantId: run.tenantId,
      runId: run.id,
      stepId: step.stepId,
      attempt: step.attempt,
      effectKey: `${run.id}:${step.stepId}:${step.attempt}`,
      params: claimed.params,
      inputs: run.inputs,
      startedBy: { userId: run.startedById, displayName: run.startedByName },
      title: definition.title ?? definition.id,
      approval: definition.approval,
      attemptStartedAt: step.startedAt ?? undefined,
      resumeAt: claimed.resumeAt,
      signal: controller.signal,
      markStarted: async () => {
        await ensureClaimed?.();
      },
      log: async (message, level = 'info') => {
        await ensureClaimed?.();
        await this.events.emit({
          tenantId: run.tenantId,
          stream,
          type: RUN_EVENT_TYPES.stepLog,
          runId: run.id,
          actor: ENGINE_ACTOR,
          source: 'runs',
          payload: { stepId: step.stepId, level, message },
        });
      },
      emit: async (type, payload) => {
        await ensureClaimed?.();
        await this.events.emit({
          tenantId: run.tenantId,
          stream,
          type,
          runId: run.id,
          actor: ENGINE_ACTOR,
          source: 'runs',
          payload: { stepId: step.stepId, ...payload },
        });
      },
    };
    try {
      const aborted = new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true }),
      );
      const outcome = await Promise.race([handler.execute(context), aborted]);
      return { kind: 'outcome', outcome };
    } catch (error) {
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
      if (reason instanceof StepCancelledError) return { kind: 'cancelled' };
      if (reason instanceof StepInterruptedError) return { kind: 'interrupted' };
      if (reason instanceof StepTimeoutError) return { kind: 'failed', error: reason.message, permanent: false };
      const message = reason instanceof Error ? reason.message : String(reason);
      if (!(reason instanceof PermanentStepError))
        this.logger.warn(`Step ${step.stepId} of run ${run.id} (attempt ${step.attempt}) failed: ${message}`);
      return {
        kind: 'failed',
        error: message || 'The step failed without saying why.',
        permanent: reason instanceof PermanentStepError,
      };
    } finally {
      clearTimeout(timer);
      clearTimeout(slow);
      clearInterval(heartbeat);
      untrack();
    }
  }

  /** Aborts the handler when its step is no longer this attempt's running step (cancelled from another process). */
  private async checkStillWanted(job: StepJobData, controller: AbortController): Promise<void> {
    try {
      const step = await this.stepRuns.findOne({
        where: { tenantId: job.tenantId, runId: job.runId, stepId: job.stepId },
        select: { id: true, state: true, attempt: true, dispatch: true },
      });
      if (!step || !isCurrent(step, job) || step.state !== 'running')
        controller.abort(new StepCancelledError('The run was cancelled.'));
    } catch (error) {
      this.logger.warn(`Could not check step ${job.stepId} of run ${job.runId}: ${(error as Error).message}`);
    }
  }
}

function isCurrent(step: Pick<StepRun, 'attempt' | 'dispatch'>, job: StepJobData): boolean {
  return step.attempt === job.attempt && step.dispatch === job.dispatch;
}
