import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AgentRunnerName, ContinueAgentSessionRequest, CreateAgentSessionRequest } from '@trustops/contracts';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

const RUNNERS: AgentRunnerName[] = ['claude', 'offline'];
const PROMPT_MESSAGE = 'prompt must be 1 to 20000 characters: the question for the agent';

export class CreateAgentSessionDto implements CreateAgentSessionRequest {
  @ApiProperty({ description: 'The workspace the conversation is about' })
  @IsString()
  @Length(1, 100, { message: 'workspaceId must be the id of a workspace' })
  workspaceId!: string;

  @ApiProperty({ example: 'What does the ADT feed do?' })
  @IsString()
  @Length(1, 20_000, { message: PROMPT_MESSAGE })
  prompt!: string;

  @ApiPropertyOptional({ example: 'ADT feed walkthrough' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title?: string;

  @ApiPropertyOptional({ enum: RUNNERS })
  @IsOptional()
  @IsIn(RUNNERS, { message: 'runner must be claude or offline' })
  runner?: AgentRunnerName;
}

export class ContinueAgentSessionDto implements ContinueAgentSessionRequest {
  @ApiProperty({ example: 'And what happens to an A08 update?' })
  @IsString()
  @Length(1, 20_000, { message: PROMPT_MESSAGE })
  prompt!: string;

  @ApiPropertyOptional({ enum: RUNNERS })
  @IsOptional()
  @IsIn(RUNNERS, { message: 'runner must be claude or offline' })
  runner?: AgentRunnerName;
}
