import { Readable } from 'node:stream';
import { Controller, Get, Query, Req, StreamableFile, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { requestIdOf } from '../platform/logging/request-id.js';
import { RequirePermission } from '../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../rbac/principal.js';
import { AuditExceptionFilter } from './audit-exception.filter.js';
import { AUDIT_EXPORT_CONTENT_TYPES, AuditService } from './audit.service.js';
import type { AuditEntry, AuditPage, AuditVerifyResult } from './audit.types.js';
import { AuditExportQuery, AuditListQuery, toAuditFilters } from './dto/audit-query.dto.js';

const EXPORT_EXTENSIONS = { csv: 'csv', json: 'json', fhir: 'fhir.json' } as const;

/** The audit trail of the caller's active tenant, for compliance. Reading it is itself audited. */
@ApiTags('Audit')
@Controller('api/audit')
@UseFilters(AuditExceptionFilter)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission('audit:read')
  @ApiOperation({ summary: 'List audit records, newest first, filtered and paged' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Query() query: AuditListQuery,
  ): Promise<AuditPage> {
    const page = await this.audit.list(principal.tenantId, toAuditFilters(query), {
      ...(query.limit === undefined ? {} : { limit: query.limit }),
      ...(query.beforeSequence === undefined ? {} : { beforeSequence: query.beforeSequence }),
    });
    await this.audit.record(
      readEntry(principal, request, 'audit.viewed', { query: { ...query }, shown: page.records.length }),
    );
    return page;
  }

  @Get('verify')
  @RequirePermission('audit:read')
  @ApiOperation({ summary: "Recompute the tenant's hash chain and report the first broken record, if any" })
  async verify(@CurrentPrincipal() principal: Principal, @Req() request: Request): Promise<AuditVerifyResult> {
    const result = await this.audit.verify(principal.tenantId);
    await this.audit.record(
      readEntry(principal, request, 'audit.verified', { valid: result.valid, checked: result.checked }),
    );
    return result;
  }

  @Get('export')
  @RequirePermission('audit:export')
  @ApiOperation({ summary: 'Export the matching records as CSV, JSON or a FHIR R4 Bundle of AuditEvents' })
  @ApiProduces(...Object.values(AUDIT_EXPORT_CONTENT_TYPES))
  async export(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Query() query: AuditExportQuery,
  ): Promise<StreamableFile> {
    const { format, ...filters } = query;
    // Recorded before the first byte leaves: a download cut short was still an export.
    await this.audit.record(readEntry(principal, request, 'audit.exported', { format, query: filters }));
    const day = new Date().toISOString().slice(0, 10);
    return new StreamableFile(
      Readable.from(this.audit.exportRecords(principal.tenantId, format, toAuditFilters(filters))),
      {
        type: AUDIT_EXPORT_CONTENT_TYPES[format],
        disposition: `attachment; filename="audit-${day}.${EXPORT_EXTENSIONS[format]}"`,
      },
    );
  }
}

function readEntry(principal: Principal, request: Request, action: string, after: unknown): AuditEntry {
  return {
    tenantId: principal.tenantId,
    actor: {
      type: principal.via === 'api_token' ? 'api-token' : 'person',
      userId: principal.userId,
      displayName: principal.displayName,
      role: principal.roles.length > 0 ? principal.roles.join(', ') : null,
      ip: request.ip ?? null,
      userAgent: request.get('user-agent') ?? null,
    },
    action,
    resource: { type: 'audit-trail' },
    requestId: requestIdOf(request),
    after,
  };
}
