import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DecideRequest } from '@trustops/contracts';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export class DecideDto implements DecideRequest {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'], { message: 'verdict must be approve or reject' })
  verdict!: 'approve' | 'reject';

  @ApiPropertyOptional({ description: 'Why: shown to the requester and kept in the audit trail.' })
  @IsOptional()
  @IsString({ message: 'comment must be text' })
  @MaxLength(2000, { message: 'comment must be at most 2000 characters' })
  comment?: string;

  @ApiPropertyOptional({
    description: "Values for the decision's form, by field name.",
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject({ message: 'response must be an object of form values by field name' })
  response?: Record<string, unknown>;
}
