import { ApiPropertyOptional } from '@nestjs/swagger';
import type { DecisionListQuery, DecisionState } from '@trustops/contracts';
import { IsIn, IsOptional } from 'class-validator';

const DECISION_STATES: readonly DecisionState[] = ['pending', 'approved', 'rejected', 'expired', 'cancelled'];

export class DecisionListQueryDto implements DecisionListQuery {
  @ApiPropertyOptional({ enum: DECISION_STATES })
  @IsOptional()
  @IsIn(DECISION_STATES, { message: `state must be one of ${DECISION_STATES.join(', ')}` })
  state?: DecisionState;
}
