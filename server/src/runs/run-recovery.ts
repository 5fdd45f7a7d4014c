import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RUN_EVENT_TYPES } from '@trustops/contracts';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config/app-config.js';
import { RunTransactions } from './run-transaction.js';
import { StepDispatcher } from './step-dispatcher.js';

/** A step changed this recently may still be between its commit and its enqueue. */
const SETTLE_MS = 10_000;
const BATCH = 500;

interface StrandedStep {
  tenant_id: string;
  run_id: string;
  step_id: string;
  attempt: number;
  dispatch: number;
  state: string;
}

/**
 * Finds steps that PostgreSQL says should be moving but that no job will deliver — a process died
 * between committing a step and enqueuing it, or BullMQ gave up on a job whose worker kept dying —
 * and dispatches them again. Runs when a worker starts and every RUNS_RECOVERY_INTERVAL_MS.
 * (A job whose worker was killed mid-step is still in BullMQ; its lock lapses and BullMQ
 * redelivers it: that is not this class's work.)
 */
@Injectable()
export class RunRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunRecovery.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: RunTransactions,
    private readonly dispatcher: StepDispatcher,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweepSafely();
    this.timer = setInterval(() => void this.sweepSafely(), this.config.env.RUNS_RECOVERY_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  /** Dispatches every stranded step again; returns how many. */
  async sweep(settleMs = SETTLE_MS): Promise<number> {
    const candidates: StrandedStep[] = await this.dataSource.query(
      `SELECT s.tenant_id, s.run_id, s.step_id, s.attempt, s.dispatch, s.state
         FROM step_runs s JOIN runs r ON r.id = s.run_id
        WHERE r.state NOT IN ('cancelled', 'succeeded')
          AND (s.state IN ('queued', 'running') OR (s.state = 'waiting' AND s.resume_at IS NOT NULL AND s.resume_at < now() - make_interval(secs => $1 / 1000.0)))
          AND s.updated_at < now() - make_interval(secs => $1 / 1000.0)
        ORDER BY s.updated_at
        LIMIT ${BATCH}`,
      [settleMs],
    );
    let dispatched = 0;
    for (const candidate of candidates) {
      const job = {
        runId: candidate.run_id,
        stepId: candidate.step_id,
        attempt: candidate.attempt,
        dispatch: candidate.dispatch,
      };
      if (await this.dispatcher.isLive(job)) continue;
      const redispatched = await this.transactions.run(async (transaction) => {
        const run = await transaction.lockRun(candidate.tenant_id, candidate.run_id);
        if (!run) return false;
        const step = (await transaction.steps(run.id)).find((row) => row.stepId === candidate.step_id);
        if (
          !step ||
          step.attempt !== candidate.attempt ||
          step.dispatch !== candidate.dispatch ||
          step.state !== candidate.state
        )
          return false;
        step.dispatch += 1;
        await transaction.saveStep(step);
        await transaction.emit(run, RUN_EVENT_TYPES.stepLog, {
          stepId: step.stepId,
          level: 'warn',
          message: 'Dispatched again: its earlier dispatch was lost.',
        });
        transaction.dispatch(step);
        return true;
      });
      if (redispatched) dispatched++;
    }
    if (dispatched > 0) this.logger.warn(`Dispatched ${dispatched} stranded step(s) again`);
    return dispatched;
  }

  private async sweepSafely(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = this.sweep();
    try {
      await this.sweeping;
    } catch (error) {
      this.logger.warn(`Recovery sweep failed: ${(error as Error).message}`);
    } finally {
      this.sweeping = undefined;
    }
  }
}
