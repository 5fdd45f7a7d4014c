import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventEnvelope, IncidentDetail, IncidentListResponse } from '@trustops/contracts';
import type { Response } from 'express';
import { AuditAction } from '../audit/audit-action.decorators.js';
import { RequirePermission } from '../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../rbac/principal.js';
import { AddEvidenceDto, CreateIncidentDto, IncidentEventsQuery } from './dto/incident-requests.dto.js';
import { IncidentsService } from './incidents.service.js';

/** Incidents of the caller's tenant: report, list, read, add evidence, diagnose again, download the summary. */
@ApiTags('Incidents')
@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @RequirePermission('incidents:read')
  @ApiOperation({ summary: "The tenant's incidents, newest first" })
  async list(@CurrentPrincipal() principal: Principal): Promise<IncidentListResponse> {
    return { items: await this.incidents.list(principal) };
  }

  @Post()
  @RequirePermission('incidents:write')
  @AuditAction('incident.reported', { resourceType: 'incident' })
  @ApiOperation({
    summary:
      'Report a problem in plain English; starts its lifecycle (classify, gather, diagnose, recommend, approve, act, verify, summarise)',
  })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateIncidentDto): Promise<IncidentDetail> {
    return this.incidents.create(principal, body);
  }

  @Get(':id')
  @RequirePermission('incidents:read')
  @ApiOperation({ summary: 'One incident with its timeline, evidence, findings and recommended actions' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<IncidentDetail> {
    return this.incidents.get(principal, id);
  }

  @Get(':id/events')
  @RequirePermission('incidents:read')
  @ApiOperation({ summary: "The incident's events after a seq, oldest first (what the live stream sends)" })
  events(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: IncidentEventsQuery,
  ): Promise<EventEnvelope[]> {
    return this.incidents.eventsOf(principal, id, query.afterSeq ?? 0);
  }

  @Post(':id/evidence')
  @RequirePermission('incidents:write')
  @AuditAction('incident.evidence-added', { resourceType: 'incident', resourceIdParam: 'id' })
  @ApiOperation({ summary: 'Add a note (what you saw or tried) as evidence for the next diagnosis' })
  addEvidence(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: AddEvidenceDto,
  ): Promise<IncidentDetail> {
    return this.incidents.addEvidence(principal, id, body.note);
  }

  @Post(':id/rediagnose')
  @RequirePermission('incidents:execute')
  @AuditAction('incident.rediagnosed', { resourceType: 'incident', resourceIdParam: 'id' })
  @ApiOperation({
    summary: 'Gather fresh evidence and diagnose again (cancels a lifecycle still waiting for approval)',
  })
  rediagnose(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<IncidentDetail> {
    return this.incidents.rediagnose(principal, id);
  }

  @Get(':id/summary')
  @RequirePermission('incidents:read')
  @Header('Content-Type', 'text/markdown; charset=utf-8')
  @ApiOperation({ summary: 'The post-incident summary as a Markdown download' })
  async summary(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { fileName, markdown } = await this.incidents.summary(principal, id);
    response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    return markdown;
  }
}
