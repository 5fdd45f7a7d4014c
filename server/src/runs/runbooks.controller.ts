import { Body, Controller, Get, Header, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RunbookSummary } from '@trustops/contracts';
import { AuditAction } from '../audit/audit-action.decorators.js';
import { RequirePermission } from '../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../rbac/principal.js';
import { RollbackRunbookBody, RunbookDiffQuery, SaveRunbookBody } from './dto/runs.dto.js';
import { RunbooksService, type RunbookVersionDetail } from './runbooks.service.js';

@ApiTags('runbooks')
@Controller('api/runbooks')
export class RunbooksController {
  constructor(private readonly runbooks: RunbooksService) {}

  @Get()
  @ApiOperation({ summary: 'Runbooks the organisation can run: its own and the built-in library.' })
  @RequirePermission('runbooks:read')
  list(@CurrentPrincipal() principal: Principal): Promise<RunbookSummary[]> {
    return this.runbooks.list(principal.tenantId);
  }

  @Post()
  @ApiOperation({ summary: 'Validate a runbook and save it as the newest version of its id.' })
  @RequirePermission('runbooks:write')
  @AuditAction('runbook.saved', { resourceType: 'runbook' })
  save(@CurrentPrincipal() principal: Principal, @Body() body: SaveRunbookBody): Promise<RunbookVersionDetail> {
    return this.runbooks.save(principal, body.yaml);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The latest version, with its YAML and parsed definition.' })
  @RequirePermission('runbooks:read')
  latest(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<RunbookVersionDetail> {
    return this.runbooks.latest(principal.tenantId, id);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'Every version, newest first.' })
  @RequirePermission('runbooks:read')
  versions(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<RunbookVersionDetail[]> {
    return this.runbooks.history(principal.tenantId, id);
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'One version.' })
  @RequirePermission('runbooks:read')
  version(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<RunbookVersionDetail> {
    return this.runbooks.version(principal.tenantId, id, version);
  }

  @Get(':id/diff')
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiOperation({ summary: 'A unified diff of the YAML between two versions.' })
  @RequirePermission('runbooks:read')
  diff(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: RunbookDiffQuery,
  ): Promise<string> {
    return this.runbooks.diff(principal.tenantId, id, query.from, query.to);
  }

  @Post(':id/rollback')
  @ApiOperation({ summary: 'Save a copy of an earlier version as the newest.' })
  @RequirePermission('runbooks:write')
  @AuditAction('runbook.rolled-back', { resourceType: 'runbook', resourceIdParam: 'id' })
  rollback(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: RollbackRunbookBody,
  ): Promise<RunbookVersionDetail> {
    return this.runbooks.rollback(principal, id, body.version);
  }
}
