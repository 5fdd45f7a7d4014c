import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../queue-names.js';
import { HOUSEKEEPING_INTERVAL_MS, HousekeepingJob } from './housekeeping.jobs.js';

/**
 * Registers the hourly housekeeping job with BullMQ's job scheduler, which keeps one schedule in
 * Redis however many scheduler processes upsert it, so it fires once per interval in total.
 */
@Injectable()
export class HousekeepingSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.PlatformHousekeeping) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      HousekeepingJob.TrimFinishedJobs,
      { every: HOUSEKEEPING_INTERVAL_MS },
      { name: HousekeepingJob.TrimFinishedJobs, opts: { removeOnComplete: 50, removeOnFail: 50 } },
    );
  }
}
