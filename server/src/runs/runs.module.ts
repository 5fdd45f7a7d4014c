import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Run } from './run.entity.js';
import { RunControl } from './run-control.js';
import { RunProgress } from './run-progress.js';
import { RunStateCache } from './run-state-cache.js';
import { RunTransactions } from './run-transaction.js';
import { RunbookVersion } from './runbook-version.entity.js';
import { RunbooksController } from './runbooks.controller.js';
import { RunbooksService } from './runbooks.service.js';
import { RunningSteps } from './running-steps.js';
import { DeadLettersController, RunsController } from './runs.controller.js';
import { RunsService } from './runs.service.js';
import { StepDispatcher } from './step-dispatcher.js';
import { StepExecutor } from './step-executor.js';
import { StepHandlerRegistry } from './step-handler.registry.js';
import { StepRun } from './step-run.entity.js';
import { StepTransitions } from './step-transitions.js';
import { TestStepTypes } from './testing/test-step-types.js';

/**
 * The runbook engine: the runbook registry, runs and their steps, and the step handler registry
 * that domain modules register their step types with. Loaded by every role; the queue worker and
 * recovery are RunsWorkerModule (ROLE=all|worker).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Run, StepRun, RunbookVersion])],
  controllers: [RunsController, DeadLettersController, RunbooksController],
  providers: [
    StepHandlerRegistry,
    RunsService,
    RunbooksService,
    RunTransactions,
    RunStateCache,
    RunProgress,
    StepTransitions,
    RunControl,
    RunningSteps,
    StepDispatcher,
    StepExecutor,
    TestStepTypes,
  ],
  exports: [
    StepHandlerRegistry,
    RunsService,
    RunbooksService,
    StepExecutor,
    StepDispatcher,
    RunTransactions,
    RunningSteps,
  ],
})
export class RunsModule {}
