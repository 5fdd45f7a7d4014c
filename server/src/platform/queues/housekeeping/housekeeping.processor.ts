import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { QueueName } from '../queue-names.js';
import { QueueRegistry } from '../queue-registry.js';
import { HousekeepingJob, JOB_RETENTION_MS, type TrimResult } from './housekeeping.jobs.js';

const BATCH = 1000;

/** Keeps Redis small: removes finished jobs older than their retention from every queue. */
@Processor(QueueName.PlatformHousekeeping)
export class HousekeepingProcessor extends WorkerHost {
  private readonly logger = new Logger(HousekeepingProcessor.name);

  constructor(private readonly queues: QueueRegistry) {
    super();
  }

  async process(job: Job<void, TrimResult, string>): Promise<TrimResult> {
    const name = job.name as HousekeepingJob;
    switch (name) {
      case HousekeepingJob.TrimFinishedJobs:
        return this.trimFinishedJobs();
      default:
        throw new UnrecoverableError(`Unknown housekeeping job "${String(name satisfies never)}"`);
    }
  }

  private async trimFinishedJobs(): Promise<TrimResult> {
    const result: TrimResult = {};
    for (const queue of this.queues.all()) {
      result[queue.name] = {
        completed: await cleanAll(queue, JOB_RETENTION_MS.completed, 'completed'),
        failed: await cleanAll(queue, JOB_RETENTION_MS.failed, 'failed'),
      };
    }
    this.logger.log({ removed: result }, 'Trimmed finished jobs');
    return result;
  }
}

async function cleanAll(queue: Queue, graceMs: number, state: 'completed' | 'failed'): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = await queue.clean(graceMs, BATCH, state);
    total += removed.length;
    if (removed.length < BATCH) return total;
  }
}
