import type { UpdateDocumentRequest } from '@trustops/contracts';
import { IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

export const MAX_DOCUMENT_LENGTH = 500_000;

export class UpdateDocumentDto implements UpdateDocumentRequest {
  @IsOptional()
  @IsString()
  @Length(1, 300, { message: 'title must be 1 to 300 characters' })
  title?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_DOCUMENT_LENGTH, { message: 'the document must be at most 500,000 characters' })
  content?: string;
}

export class DocumentListQuery {
  @IsOptional()
  @IsUUID('all', { message: 'runId must be the id of a run' })
  runId?: string;
}
