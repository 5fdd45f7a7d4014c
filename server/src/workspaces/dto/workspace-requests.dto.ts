import type { ImportWorkspaceRequest, UpdateWorkspaceRequest, WorkspaceSourceKind } from '@trustops/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_PAGE_LINES, MAX_PAGE_LINES } from '../workspace-files.js';

export class ImportWorkspaceDto implements ImportWorkspaceRequest {
  @IsString({ message: 'source must be a git address or a folder path' })
  @Length(1, 2000, { message: 'source must be a git address or a folder path of at most 2,000 characters' })
  source!: string;

  @IsOptional()
  @IsIn(['git', 'local'], { message: 'kind must be git or local' })
  kind?: WorkspaceSourceKind;

  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name?: string;
}

export class UpdateWorkspaceDto implements UpdateWorkspaceRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string;

  @IsOptional()
  @IsBoolean({ message: 'allowWrite must be true or false' })
  allowWrite?: boolean;

  @IsOptional()
  @IsBoolean({ message: 'allowBash must be true or false' })
  allowBash?: boolean;
}

export class WorkspaceTreeQuery {
  @IsOptional()
  @IsString()
  @MaxLength(1024, { message: 'path is too long' })
  path?: string;
}

export class WorkspaceFileQuery {
  @IsString({ message: 'path must name a file in the workspace' })
  @MaxLength(1024, { message: 'path is too long' })
  path!: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'startLine must be a whole number, 1 or more' })
  @Min(1, { message: 'startLine must be a whole number, 1 or more' })
  startLine?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `lineCount must be a whole number between 1 and ${MAX_PAGE_LINES}` })
  @Min(1, { message: `lineCount must be a whole number between 1 and ${MAX_PAGE_LINES}` })
  @Max(MAX_PAGE_LINES, { message: `lineCount must be a whole number between 1 and ${MAX_PAGE_LINES}` })
  lineCount: number = DEFAULT_PAGE_LINES;
}
