import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AUDIT_EXPORT_FORMATS, type AuditExportFormat, type AuditFilters } from '../audit.types.js';

/** Query-string filters shared by the list and the exports. */
export class AuditFiltersQuery {
  @ApiPropertyOptional({ description: 'Only records by this user id.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  userId?: string;

  @ApiPropertyOptional({
    example: 'role.*',
    description: 'An action such as `role.granted`, or `role.*` for every action on roles.',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*(\.\*)?$/, {
    message: 'action must look like "role.granted" or "role.*"',
  })
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ example: 'role-assignment' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  resourceType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  resourceId?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'From this time, inclusive (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date and time, e.g. 2026-11-01T00:00:00Z' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Up to this time, exclusive (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date and time, e.g. 2026-12-01T00:00:00Z' })
  to?: string;
}

export class AuditListQuery extends AuditFiltersQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 500' })
  @Min(1, { message: 'limit must be a whole number from 1 to 500' })
  @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextBeforeSequence." })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'beforeSequence must be a whole number' })
  @Min(1, { message: 'beforeSequence must be a whole number' })
  beforeSequence?: number;
}

export class AuditExportQuery extends AuditFiltersQuery {
  @ApiProperty({ enum: AUDIT_EXPORT_FORMATS })
  @IsIn(AUDIT_EXPORT_FORMATS, { message: `format must be one of ${AUDIT_EXPORT_FORMATS.join(', ')}` })
  format!: AuditExportFormat;
}

export function toAuditFilters(query: AuditFiltersQuery): AuditFilters {
  const filters: AuditFilters = {};
  if (query.userId !== undefined) filters.userId = query.userId;
  if (query.action !== undefined) filters.action = query.action;
  if (query.resourceType !== undefined) filters.resourceType = query.resourceType;
  if (query.resourceId !== undefined) filters.resourceId = query.resourceId;
  if (query.from !== undefined) filters.from = new Date(query.from);
  if (query.to !== undefined) filters.to = new Date(query.to);
  return filters;
}
