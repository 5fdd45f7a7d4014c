import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { ConfigModule } from './platform/config/config.module.js';
import type { EnvironmentVariables } from './platform/config/environment-variables.js';
import { DatabaseModule } from './platform/database/database.module.js';
import { HealthModule } from './platform/health/health.module.js';
import { HttpPlatformModule } from './platform/http/http-platform.module.js';
import { runsApi, runsScheduler, runsWorkers } from './platform/http/role-routes.js';
import { InfrastructureModule } from './platform/infrastructure/infrastructure.module.js';
import type { Infrastructure } from './platform/infrastructure/infrastructure.js';
import type { RootLogger } from './platform/logging/logger.js';
import { LoggingModule } from './platform/logging/logging.module.js';
import { MetricsModule } from './platform/metrics/metrics.module.js';
import {
  HousekeepingSchedulerModule,
  HousekeepingWorkerModule,
} from './platform/queues/housekeeping/housekeeping.module.js';
import { QueuesModule } from './platform/queues/queues.module.js';
import { SchedulerModule } from './platform/scheduler/scheduler.module.js';
import { StatusModule } from './platform/status/status.module.js';
import { TenancyModule } from './tenancy/tenancy.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AuditModule } from './audit/audit.module.js';
import { RunsModule } from './runs/runs.module.js';
import { RunsWorkerModule } from './runs/runs-worker.module.js';
import { EventsModule } from './platform/events/events.module.js';
import { ApprovalsModule } from './approvals/approvals.module.js';
import { ApprovalsSchedulerModule, ApprovalsWorkerModule } from './approvals/approvals-roles.module.js';
import { EventsGatewayModule } from './platform/events/events-gateway.module.js';
import { RunnersModule } from './runners/runners.module.js';
import { BuiltinStepsModule } from './steps/builtin-steps.module.js';
import { WorkspacesModule } from './workspaces/workspaces.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { DocumentsModule } from './documents/documents.module.js';

/**
 * Domain modules every role loads: services, entities and the work API, workers and scheduler
 * share. A controller here is only reachable in ROLE=all|api (workers answer probes only).
 */
const SHARED_MODULES: Type[] = [
  TenancyModule,
  AuditModule,
  RunsModule,
  EventsModule,
  RunnersModule,
  BuiltinStepsModule,
  WorkspacesModule,
  ApprovalsModule,
  IncidentsModule,
  DocumentsModule,
];

/** The HTTP API and WebSocket gateways: ROLE=all|api. */
const API_MODULES: Type[] = [StatusModule, AuthModule, EventsGatewayModule];

/** Queue processors (BullMQ workers): ROLE=all|worker. */
const WORKER_MODULES: Type[] = [HousekeepingWorkerModule, RunsWorkerModule, ApprovalsWorkerModule];

/** Per-process timers and job schedulers: ROLE=all|scheduler. */
const SCHEDULER_MODULES: Type[] = [SchedulerModule, HousekeepingSchedulerModule, ApprovalsSchedulerModule];

export interface AppModuleOptions {
  env: EnvironmentVariables;
  /** Where PostgreSQL and Redis are (startInfrastructure, or the test's own). */
  infrastructure: Infrastructure;
  logger: RootLogger;
}

/** The whole platform, composed for the process's ROLE. */
@Module({})
export class AppModule {
  static forRoot({ env, infrastructure, logger }: AppModuleOptions): DynamicModule {
    const role = env.ROLE;
    return {
      module: AppModule,
      imports: [
        // The platform, in every role: health and metrics are served by every process.
        ConfigModule.forRoot(env),
        InfrastructureModule.forRoot(infrastructure),
        LoggingModule.forRoot(logger),
        HttpPlatformModule,
        DatabaseModule,
        QueuesModule,
        HealthModule,
        MetricsModule,
        ...SHARED_MODULES,
        ...(runsApi(role) ? API_MODULES : []),
        ...(runsWorkers(role) ? WORKER_MODULES : []),
        ...(runsScheduler(role) ? SCHEDULER_MODULES : []),
      ],
    };
  }
}
