import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { QueueName } from '../platform/queues/queue-names.js';
import { DecisionDeadlineJob, type ExpireDecisionJobData } from './decision-deadlines.jobs.js';
import { DecisionDeadlines } from './decision-deadlines.service.js';

/** Runs the SLA jobs: a decision's own deadline, and the periodic sweep. */
@Processor(QueueName.DecisionDeadlines)
export class DecisionDeadlinesProcessor extends WorkerHost {
  private readonly logger = new Logger(DecisionDeadlinesProcessor.name);

  constructor(private readonly deadlines: DecisionDeadlines) {
    super();
  }

  async process(job: Job<ExpireDecisionJobData | undefined>): Promise<unknown> {
    const name = job.name as DecisionDeadlineJob;
    switch (name) {
      case DecisionDeadlineJob.Expire: {
        if (!job.data) throw new UnrecoverableError('An expire job needs its decision');
        return { expired: await this.deadlines.expire(job.data.tenantId, job.data.decisionId) };
      }
      case DecisionDeadlineJob.Sweep: {
        const result = await this.deadlines.sweep();
        if (result.expired || result.resumed) this.logger.log(result, 'Swept decision deadlines');
        return result;
      }
      default:
        throw new UnrecoverableError(`Unknown decision deadline job "${String(name satisfies never)}"`);
    }
  }
}
