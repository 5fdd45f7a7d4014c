import { ApiProperty } from '@nestjs/swagger';
import type {
  ComponentState,
  DependencySource,
  ModelEngine,
  PlatformStatusResponse,
  ProcessRole,
} from '@trustops/contracts';

class DependencyStatusDto {
  @ApiProperty({ enum: ['up', 'down'] })
  state!: ComponentState;

  @ApiProperty({ enum: ['configured', 'embedded'], description: 'Set by the operator, or the embedded default.' })
  source!: DependencySource;
}

class ModelEngineStatusDto {
  @ApiProperty({ enum: ['claude', 'offline'] })
  engine!: ModelEngine;

  @ApiProperty({ example: 'Offline engine (no AI model connected)' })
  label!: string;
}

/** OpenAPI description of `PlatformStatusResponse` (the contract the client reads). */
export class PlatformStatusDto implements PlatformStatusResponse {
  @ApiProperty({ enum: ['TrustOps'] })
  name!: 'TrustOps';

  @ApiProperty({ example: '0.1.0' })
  version!: string;

  @ApiProperty({ example: 'development' })
  environment!: string;

  @ApiProperty({ enum: ['all', 'api', 'worker', 'scheduler'] })
  role!: ProcessRole;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: DependencyStatusDto })
  database!: DependencyStatusDto;

  @ApiProperty({ type: DependencyStatusDto })
  queues!: DependencyStatusDto;

  @ApiProperty({ type: ModelEngineStatusDto })
  modelEngine!: ModelEngineStatusDto;
}
