import { Module } from '@nestjs/common';
import { RunRecovery } from './run-recovery.js';
import { RunsModule } from './runs.module.js';
import { StepWorker } from './step-worker.js';

/** The engine's worker side (ROLE=all|worker): the `runs-steps` queue worker and recovery of lost dispatches. */
@Module({
  imports: [RunsModule],
  providers: [StepWorker, RunRecovery],
})
export class RunsWorkerModule {}
