import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { RunListQuery, RunState, StartRunRequest } from '@trustops/contracts';

const RUN_STATES: readonly RunState[] = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];

export class StartRunBody implements StartRunRequest {
  @ApiProperty({ example: 'approval-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  runbookId!: string;

  @ApiPropertyOptional({ description: 'Omit for the latest version.' })
  @IsOptional()
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  version?: number;

  @ApiProperty({ description: "The wizard's answers, by input name.", type: 'object', additionalProperties: true })
  @IsObject({ message: 'inputs must be an object of answers by input name' })
  inputs!: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'The same key in the same organisation returns the first run instead of starting another.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  idempotencyKey?: string;
}

export class RunListQueryParams implements RunListQuery {
  @ApiPropertyOptional({ enum: RUN_STATES })
  @IsOptional()
  @IsIn(RUN_STATES, { message: `state must be one of ${RUN_STATES.join(', ')}` })
  state?: RunState;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  runbookId?: string;

  @ApiPropertyOptional({ description: 'The id of the person who started the runs.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  startedBy?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 100' })
  @Min(1, { message: 'limit must be a whole number from 1 to 100' })
  @Max(100, { message: 'limit must be a whole number from 1 to 100' })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class CancelRunBody {
  @ApiPropertyOptional({ description: 'Why, for the timeline and the audit trail.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class RunEventsQuery {
  @ApiPropertyOptional({ description: 'Events after this seq (0 for all).', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'afterSeq must be a whole number' })
  @Min(0, { message: 'afterSeq must be a whole number' })
  afterSeq?: number;
}

export class SaveRunbookBody {
  @ApiProperty({ description: 'The runbook as YAML.' })
  @IsString()
  @MinLength(1, { message: 'yaml must be the runbook text' })
  @MaxLength(512 * 1024)
  yaml!: string;
}

export class RollbackRunbookBody {
  @ApiProperty({ description: 'The version to copy as the newest.' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  version!: number;
}

export class RunbookDiffQuery {
  @ApiProperty()
  @Type(() => Number)
  @IsInt({ message: 'from must be a version number' })
  @Min(1)
  from!: number;

  @ApiProperty()
  @Type(() => Number)
  @IsInt({ message: 'to must be a version number' })
  @Min(1)
  to!: number;
}
