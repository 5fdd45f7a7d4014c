import { Module } from '@nestjs/common';
import { RunsService } from './runs.service.js';
import { StepHandlerRegistry } from './step-handler.registry.js';

/**
 * The runbook engine: the runbook registry, runs and their steps, and the step handler registry
 * that domain modules register their step types with. Loaded by every role.
 */
@Module({
  providers: [StepHandlerRegistry, RunsService],
  exports: [StepHandlerRegistry, RunsService],
})
export class RunsModule {}
