import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DependencyProbes } from './dependency-probes.js';
import { HealthController } from './health.controller.js';

/** `/health/live` and `/health/ready`, served by every role. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [DependencyProbes],
  exports: [DependencyProbes],
})
export class HealthModule {}
