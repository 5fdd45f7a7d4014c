import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '../platform/config/app-config.js';
import { redisConnectionOptions } from '../platform/infrastructure/connection-urls.js';
import { Infrastructure } from '../platform/infrastructure/infrastructure.js';
import { QueueName } from '../platform/queues/queue-names.js';
import { STEP_JOB_NAME, type StepJobData } from './step-dispatcher.js';
import { RunningSteps } from './running-steps.js';
import { RunTransactions } from './run-transaction.js';
import { StepExecutor } from './step-executor.js';

/**
 * The `runs-steps` queue's worker (ROLE=all|worker). Its own BullMQ Worker rather than a
 * `@Processor`, because its concurrency and lock come from configuration: a worker that stops
 * renewing its lock for RUNS_STEP_LOCK_MS (a killed process) has its steps redelivered elsewhere.
 */
@Injectable()
export class StepWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(StepWorker.name);
  private worker?: Worker<StepJobData>;

  constructor(
    private readonly executor: StepExecutor,
    private readonly config: AppConfig,
    private readonly infrastructure: Infrastructure,
    private readonly running: RunningSteps,
    private readonly transactions: RunTransactions,
  ) {}

  onApplicationBootstrap(): void {
    const env = this.config.env;
    this.worker = new Worker<StepJobData>(
      QueueName.RunsSteps,
      async (job) => {
        if (job.name !== STEP_JOB_NAME) throw new Error(`Unknown job "${job.name}" on ${QueueName.RunsSteps}`);
        await this.executor.process(job.data);
      },
      {
        connection: redisConnectionOptions(this.infrastructure.redis.url),
        prefix: env.QUEUE_PREFIX,
        concurrency: env.RUNS_STEP_CONCURRENCY,
        lockDuration: env.RUNS_STEP_LOCK_MS,
        stalledInterval: env.RUNS_STEP_LOCK_MS,
        // PostgreSQL has the step; a job BullMQ gives up on is dispatched again by recovery.
        maxStalledCount: 3,
      },
    );
    this.worker.on('failed', (job, error) => this.logger.warn(`Step job ${job?.id ?? '?'} failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.warn(`Step worker: ${error.message}`));
  }

  /**
   * Stops taking steps and lets the running ones finish for half of SHUTDOWN_TIMEOUT_MS; those
   * still running then are interrupted, and their jobs are delivered again to another worker.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    const closing = this.worker.close();
    const grace = setTimeout(() => {
      const interrupted = this.running.interruptAll();
      if (interrupted > 0) this.logger.warn(`Interrupted ${interrupted} running step(s); other workers take them over`);
    }, this.config.env.SHUTDOWN_TIMEOUT_MS / 2);
    try {
      await closing;
    } finally {
      clearTimeout(grace);
    }
    // The last steps' dependants reach the queue before it closes.
    await this.transactions.settleDispatches();
  }
}
