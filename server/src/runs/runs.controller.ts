import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DeadLetterView, EventEnvelope, RunDetail, RunListResponse } from '@trustops/contracts';
import type { Response } from 'express';
import { AuditAction } from '../audit/audit-action.decorators.js';
import { RequirePermission } from '../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../rbac/principal.js';
import { CancelRunBody, RunEventsQuery, RunListQueryParams, StartRunBody } from './dto/runs.dto.js';
import { RunsService } from './runs.service.js';

@ApiTags('runs')
@Controller('api/runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Post()
  @ApiOperation({ summary: 'Start a run (201), or get the run already started with the same idempotency key (200).' })
  @RequirePermission('runs:start')
  @AuditAction('run.started', { resourceType: 'run' })
  async start(
    @CurrentPrincipal() principal: Principal,
    @Body() body: StartRunBody,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RunDetail> {
    const { run, created } = await this.runs.startOrFind(principal, body);
    response.status(created ? 201 : 200);
    return run;
  }

  @Get()
  @ApiOperation({ summary: 'Runs of the organisation, newest first, with filters and a cursor.' })
  @RequirePermission('runs:read')
  list(@CurrentPrincipal() principal: Principal, @Query() query: RunListQueryParams): Promise<RunListResponse> {
    return this.runs.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A run with its steps.' })
  @RequirePermission('runs:read')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<RunDetail> {
    return this.runs.get(principal, id);
  }

  @Get(':id/events')
  @ApiOperation({ summary: "The run's events after a seq, oldest first." })
  @RequirePermission('runs:read')
  events(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: RunEventsQuery,
  ): Promise<EventEnvelope[]> {
    return this.runs.eventsOf(principal, id, query.afterSeq ?? 0);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a run: waiting and pending steps are cancelled, running ones are told to stop.' })
  @RequirePermission('runs:cancel')
  @AuditAction('run.cancelled', { resourceType: 'run', resourceIdParam: 'id' })
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: CancelRunBody,
  ): Promise<RunDetail> {
    await this.runs.cancel(principal, id, body.reason);
    return this.runs.get(principal, id);
  }

  @Post(':id/steps/:stepId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give a failed step another attempt (also from the dead-letter list).' })
  @RequirePermission('runs:start')
  @AuditAction('run.step-retried', { resourceType: 'run', resourceIdParam: 'id' })
  async retry(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('stepId') stepId: string,
  ): Promise<RunDetail> {
    await this.runs.retryStep(principal, id, stepId);
    return this.runs.get(principal, id);
  }

  @Post(':id/rerun')
  @ApiOperation({ summary: 'Start a new run of the same runbook version with the same inputs.' })
  @RequirePermission('runs:start')
  @AuditAction('run.rerun', { resourceType: 'run', resourceIdParam: 'id' })
  rerun(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<RunDetail> {
    return this.runs.rerun(principal, id);
  }
}

@ApiTags('runs')
@Controller('api/dead-letters')
export class DeadLettersController {
  constructor(private readonly runs: RunsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Steps that failed their last attempt, newest first; retry them with POST /api/runs/:id/steps/:stepId/retry.',
  })
  @RequirePermission('runs:read')
  list(@CurrentPrincipal() principal: Principal): Promise<DeadLetterView[]> {
    return this.runs.deadLetters(principal);
  }
}
