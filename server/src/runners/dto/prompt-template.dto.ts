import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  AgentRunnerName,
  PreviewPromptTemplateRequest,
  PromptTemplateVariable,
  SavePromptTemplateRequest,
  StartPromptTemplateSessionRequest,
} from '@trustops/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';

export class PromptTemplateVariableDto implements PromptTemplateVariable {
  @ApiProperty({ example: 'feed' })
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, {
    message: 'a variable name must be letters, digits and underscores, starting with a letter',
  })
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 500)
  description?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 5_000)
  default?: string;
}

export class SavePromptTemplateDto implements SavePromptTemplateRequest {
  @ApiProperty({ example: 'explain-feed' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    message: 'key must be lower-case letters, digits and hyphens (at most 63), e.g. explain-feed',
  })
  key!: string;

  @ApiProperty({ example: 'Explain a feed' })
  @IsString()
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 2_000, { message: 'description must be at most 2000 characters' })
  description?: string;

  @ApiProperty({ example: 'Explain what the {{ feed }} feed does, for a ward manager.' })
  @IsString()
  @Length(1, 50_000, { message: 'body must be 1 to 50000 characters' })
  body!: string;

  @ApiPropertyOptional({ type: [PromptTemplateVariableDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PromptTemplateVariableDto)
  variables?: PromptTemplateVariableDto[];
}

export class PreviewPromptTemplateDto implements PreviewPromptTemplateRequest {
  @ApiProperty({ example: { feed: 'ADT' } })
  @IsObject({ message: 'values must be an object of variable names to text' })
  values!: Record<string, string>;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'version must be a whole number' })
  @Min(1, { message: 'version must be 1 or more' })
  version?: number;
}

const RUNNERS: AgentRunnerName[] = ['claude', 'offline'];

/** The values (and version) as for a preview, plus where the agent should look. */
export class StartPromptTemplateSessionDto
  extends PreviewPromptTemplateDto
  implements StartPromptTemplateSessionRequest
{
  @ApiProperty({ description: 'The workspace the agent should look at' })
  @IsString({ message: 'workspaceId must be the id of a workspace: choose one' })
  @Length(1, 100, { message: 'workspaceId must be the id of a workspace: choose one' })
  workspaceId!: string;

  @ApiPropertyOptional({ enum: RUNNERS })
  @IsOptional()
  @IsIn(RUNNERS, { message: 'runner must be claude or offline' })
  runner?: AgentRunnerName;
}
