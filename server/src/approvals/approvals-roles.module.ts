import { Module } from '@nestjs/common';
import { ApprovalsModule } from './approvals.module.js';
import { DecisionDeadlinesProcessor } from './decision-deadlines.processor.js';
import { DecisionDeadlinesSchedule } from './decision-deadlines.schedule.js';

/** The worker side of decisions: SLA deadline jobs. Loaded by ROLE=all|worker. */
@Module({ imports: [ApprovalsModule], providers: [DecisionDeadlinesProcessor] })
export class ApprovalsWorkerModule {}

/** The scheduling side: the periodic deadline sweep. Loaded by ROLE=all|scheduler. */
@Module({ providers: [DecisionDeadlinesSchedule] })
export class ApprovalsSchedulerModule {}
