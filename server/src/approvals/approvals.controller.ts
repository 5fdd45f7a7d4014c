import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DecisionView, EarlyDecisionResponse } from '@trustops/contracts';
import { AuditedByHandler } from '../audit/audit-action.decorators.js';
import { Authenticated, RequirePermission } from '../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../rbac/principal.js';
import { DecisionsService } from './decisions.service.js';
import { DecisionCommentDto } from './dto/comment.dto.js';
import { DecideDto } from './dto/decide.dto.js';
import { DecisionListQueryDto } from './dto/decision-list-query.dto.js';

const decisionId = () =>
  new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('There is no such decision.') });

/**
 * The approvals inbox. Deciding needs `decisions:approve` for approvals and
 * `decisions:provide-input` for input requests: one route serves both, so the route only asks
 * for a signed-in person and the service checks the permission the decision's kind needs.
 */
@ApiTags('Decisions')
@Controller('api')
export class ApprovalsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get('decisions')
  @RequirePermission('decisions:read')
  @ApiOperation({ summary: 'List decisions (the inbox), pending ones by deadline first' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: DecisionListQueryDto): Promise<DecisionView[]> {
    return this.decisions.list(principal, query.state);
  }

  @Get('decisions/:id')
  @Authenticated()
  @ApiOperation({
    summary: 'One decision with its votes and comments (decisions:read, or the permission to answer it)',
  })
  get(@CurrentPrincipal() principal: Principal, @Param('id', decisionId()) id: string): Promise<DecisionView> {
    return this.decisions.get(principal, id);
  }

  @Post('decisions/:id/decide')
  @HttpCode(200)
  @Authenticated()
  @AuditedByHandler('decision.voted', { resourceType: 'decision', resourceIdParam: 'id' })
  @ApiOperation({ summary: 'Approve or reject a decision, or answer its form' })
  decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id', decisionId()) id: string,
    @Body() body: DecideDto,
  ): Promise<DecisionView> {
    return this.decisions.decide(principal, id, body);
  }

  @Post('decisions/:id/comments')
  @Authenticated()
  @AuditedByHandler('decision.commented', { resourceType: 'decision', resourceIdParam: 'id' })
  @ApiOperation({ summary: 'Comment on a decision' })
  comment(
    @CurrentPrincipal() principal: Principal,
    @Param('id', decisionId()) id: string,
    @Body() body: DecisionCommentDto,
  ): Promise<DecisionView> {
    return this.decisions.comment(principal, id, body.text);
  }

  @Post('runs/:runId/steps/:stepId/decide')
  @HttpCode(200)
  @Authenticated()
  @AuditedByHandler('decision.early-vote-recorded', { resourceType: 'run', resourceIdParam: 'runId' })
  @ApiOperation({ summary: 'Decide a gate of a run, even before the run reaches it (the verdict is kept until then)' })
  decideEarly(
    @CurrentPrincipal() principal: Principal,
    @Param('runId', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('There is no such run.') }))
    runId: string,
    @Param('stepId') stepId: string,
    @Body() body: DecideDto,
  ): Promise<EarlyDecisionResponse> {
    return this.decisions.decideEarly(principal, runId, stepId, body);
  }
}
