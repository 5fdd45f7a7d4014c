import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';

/**
 * The per-process timers of ROLE=all|scheduler. @nestjs/schedule runs `@Interval`/`@Cron`
 * methods only where this module is loaded, so a timer never fires in an api or worker process.
 *
 * To add one: put the decorated method in a provider of a `<Domain>SchedulerModule` and list that
 * module in SCHEDULER_MODULES (app.module.ts). Timers fire in every scheduler process, so work
 * that must happen once (firing a user's schedule) claims its due rows in PostgreSQL with
 * `FOR UPDATE SKIP LOCKED`, or is a BullMQ job scheduler (see HousekeepingSchedule).
 */
@Module({ imports: [ScheduleModule.forRoot()] })
export class SchedulerModule {}
