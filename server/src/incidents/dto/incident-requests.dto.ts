import type {
  AddEvidenceRequest,
  CreateIncidentRequest,
  IntegrationMode,
  SetIntegrationModeRequest,
  SetScenarioRequest,
} from '@trustops/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Min, ValidateIf } from 'class-validator';

export class CreateIncidentDto implements CreateIncidentRequest {
  @IsString({ message: 'Describe the problem in a sentence or two.' })
  @Length(3, 2000, { message: 'Describe the problem in 3 to 2,000 characters.' })
  description!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'The title must be 1 to 200 characters.' })
  title?: string;
}

export class AddEvidenceDto implements AddEvidenceRequest {
  @IsString({ message: 'Write what you have seen or tried.' })
  @Length(1, 4000, { message: 'The note must be 1 to 4,000 characters.' })
  note!: string;
}

export class SetScenarioDto implements SetScenarioRequest {
  @IsString({ message: 'Choose a scenario.' })
  @Length(1, 100, { message: 'Choose a scenario.' })
  scenario!: string;
}

export class SetIntegrationModeDto implements SetIntegrationModeRequest {
  // null is an answer (back to the configured mode); a missing mode is not.
  @ValidateIf((_request, mode) => mode !== null)
  @IsIn(['mock', 'live'], { message: 'Choose mock or live, or null to follow the configuration.' })
  mode!: IntegrationMode | null;
}

export class IncidentEventsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'afterSeq must be a whole number' })
  @Min(0, { message: 'afterSeq must be a whole number' })
  afterSeq?: number;
}
