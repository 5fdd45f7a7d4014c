import { Module } from '@nestjs/common';
import { HousekeepingProcessor } from './housekeeping.processor.js';
import { HousekeepingSchedule } from './housekeeping.schedule.js';

/** The worker side of housekeeping: loaded by ROLE=all|worker. */
@Module({ providers: [HousekeepingProcessor] })
export class HousekeepingWorkerModule {}

/** The scheduling side of housekeeping: loaded by ROLE=all|scheduler. */
@Module({ providers: [HousekeepingSchedule] })
export class HousekeepingSchedulerModule {}
