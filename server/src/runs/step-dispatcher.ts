import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, JobState, Queue } from 'bullmq';
import { QueueName } from '../platform/queues/queue-names.js';

/** What a `runs-steps` job carries: which attempt of which step, and which dispatch of it. */
export interface StepJobData {
  tenantId: string;
  runId: string;
  stepId: string;
  attempt: number;
  dispatch: number;
}

export interface StepDispatch extends StepJobData {
  delayMs?: number;
}

export const STEP_JOB_NAME = 'run-step';

/**
 * `${runId}:${stepId}:${attempt}` (BullMQ drops a second job with the same id while the first is
 * queued or running, so a step is not enqueued twice for one attempt; a later duplicate would be
 * a stale delivery, which the executor ignores); a re-dispatch of the same attempt (a timer
 * resumption, a recovery) adds `.${dispatch}` to the last part.
 */
export function stepJobId(step: Pick<StepJobData, 'runId' | 'stepId' | 'attempt' | 'dispatch'>): string {
  return `${step.runId}:${step.stepId}:${step.attempt}${step.dispatch > 0 ? `.${step.dispatch}` : ''}`;
}

const LIVE_JOB_STATES: ReadonlySet<JobState | 'unknown'> = new Set([
  'waiting',
  'delayed',
  'active',
  'prioritized',
  'waiting-children',
]);

/** Puts steps on the `runs-steps` queue. PostgreSQL decides what runs; the queue only delivers. */
@Injectable()
export class StepDispatcher {
  constructor(@InjectQueue(QueueName.RunsSteps) readonly queue: Queue<StepJobData>) {}

  async enqueue(dispatches: StepDispatch[]): Promise<void> {
    await this.queue.addBulk(
      dispatches.map(({ delayMs, ...data }) => ({
        name: STEP_JOB_NAME,
        data,
        opts: {
          jobId: stepJobId(data),
          delay: delayMs && delayMs > 0 ? delayMs : undefined,
          // Our own retries are in PostgreSQL; BullMQ's cover only a worker losing its database.
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          // PostgreSQL keeps the record of every step; a finished job is only Redis memory, and
          // trimming kept ones by age on every completion costs Redis CPU on the hot path.
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  /**
   * Takes back the jobs of these dispatches that no worker has started (waiting or delayed): a
   * cancelled run's, so that no worker starts them, whatever it remembers of the run. A job
   * being worked on stays; its worker finds the run cancelled.
   */
  async withdraw(steps: ReadonlyArray<Pick<StepJobData, 'runId' | 'stepId' | 'attempt' | 'dispatch'>>): Promise<void> {
    await Promise.all(steps.map((step) => this.queue.remove(stepJobId(step))));
  }

  /** Whether the job of this dispatch is still waiting, delayed or being worked on. */
  async isLive(step: Pick<StepJobData, 'runId' | 'stepId' | 'attempt' | 'dispatch'>): Promise<boolean> {
    const job: Job<StepJobData> | undefined = await this.queue.getJob(stepJobId(step));
    if (!job) return false;
    return LIVE_JOB_STATES.has(await job.getState());
  }
}
