import { ApiProperty } from '@nestjs/swagger';
import type { DecisionCommentRequest } from '@trustops/contracts';
import { IsString, Length } from 'class-validator';

export class DecisionCommentDto implements DecisionCommentRequest {
  @ApiProperty()
  @IsString({ message: 'text must be text' })
  @Length(1, 2000, { message: 'text must be 1 to 2000 characters' })
  text!: string;
}
