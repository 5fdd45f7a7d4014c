import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../platform/queues/queue-names.js';
import { DecisionDeadlineJob, SWEEP_INTERVAL_MS } from './decision-deadlines.jobs.js';

/** Registers the deadline sweep with BullMQ's job scheduler: one schedule in Redis however many schedulers upsert it. */
@Injectable()
export class DecisionDeadlinesSchedule implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.DecisionDeadlines) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      DecisionDeadlineJob.Sweep,
      { every: SWEEP_INTERVAL_MS },
      { name: DecisionDeadlineJob.Sweep, opts: { removeOnComplete: 50, removeOnFail: 50 } },
    );
  }
}
