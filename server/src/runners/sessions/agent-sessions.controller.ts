import {
  BadRequestException,
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AgentSessionDetail, AgentSessionListResponse, AgentSessionRunResponse } from '@trustops/contracts';
import { AuditAction } from '../../audit/audit-action.decorators.js';
import { RequirePermission } from '../../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../../rbac/principal.js';
import { ContinueAgentSessionDto, CreateAgentSessionDto } from '../dto/agent-session.dto.js';
import { AgentSessionsService } from './agent-sessions.service.js';

const sessionNotFound = (): NotFoundException => new NotFoundException('There is no such agent session.');

/** Conversations with an agent about a workspace. */
@ApiTags('Agent sessions')
@Controller('api/agent-sessions')
export class AgentSessionsController {
  constructor(private readonly sessions: AgentSessionsService) {}

  @Get()
  @RequirePermission('runners:read')
  @ApiOperation({ summary: 'The conversations about a workspace, most recent first' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query('workspaceId') workspaceId?: string,
  ): Promise<AgentSessionListResponse> {
    if (!workspaceId) throw new BadRequestException('Say which workspace: ?workspaceId=<id>.');
    return { items: await this.sessions.list(principal, workspaceId) };
  }

  @Get(':id')
  @RequirePermission('runners:read')
  @ApiOperation({ summary: 'A conversation with all its messages' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: sessionNotFound })) id: string,
  ): Promise<AgentSessionDetail> {
    return this.sessions.get(principal, id);
  }

  @Post()
  @RequirePermission('runners:use')
  @AuditAction('agent-session.created', { resourceType: 'agent-session' })
  @ApiOperation({
    summary: 'Start a conversation about a workspace with a first question (starts a run of agents-ask)',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateAgentSessionDto,
  ): Promise<AgentSessionRunResponse> {
    return this.sessions.create(principal, body);
  }

  @Post(':id/messages')
  @RequirePermission('runners:use')
  @AuditAction('agent-session.continued', { resourceType: 'agent-session', resourceIdParam: 'id' })
  @ApiOperation({ summary: 'Ask a follow-up question; the agent sees the conversation so far' })
  continue(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: sessionNotFound })) id: string,
    @Body() body: ContinueAgentSessionDto,
  ): Promise<AgentSessionRunResponse> {
    return this.sessions.continue(principal, id, body);
  }
}
