import {
  BadRequestException,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  NotFoundException,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AgentRunHistoryResponse, AgentRunnersResponse } from '@trustops/contracts';
import type { Response } from 'express';
import { RequirePermission } from '../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../rbac/principal.js';
import { AgentInvocations } from './agent-prompt/agent-invocations.service.js';
import { RunnerRegistry } from './runner-registry.js';
import { AgentTranscriptsService, type TranscriptDocument } from './transcripts/agent-transcripts.service.js';

const runNotFound = (): NotFoundException => new NotFoundException('There is no such run.');
const sessionNotFound = (): NotFoundException => new NotFoundException('There is no such agent session.');

/** Which runners exist, the agent runs of a workspace, and transcript exports. */
@ApiTags('Agent runners')
@Controller('api')
export class RunnersController {
  constructor(
    private readonly registry: RunnerRegistry,
    private readonly invocations: AgentInvocations,
    private readonly transcripts: AgentTranscriptsService,
  ) {}

  @Get('runners')
  @RequirePermission('runners:read')
  @ApiOperation({ summary: 'The agent runners and which one answers when a step does not choose' })
  list(): AgentRunnersResponse {
    return this.registry.list();
  }

  @Get('agent-runs')
  @RequirePermission('runners:read')
  @ApiOperation({ summary: 'Agent runs on a workspace, newest first (run history)' })
  async history(
    @CurrentPrincipal() principal: Principal,
    @Query('workspaceId') workspaceId?: string,
  ): Promise<AgentRunHistoryResponse> {
    if (!workspaceId) throw new BadRequestException('Say which workspace: ?workspaceId=<id>.');
    return { items: await this.invocations.history(principal.tenantId, workspaceId) };
  }

  @Get('agent-runs/:runId/transcript.md')
  @RequirePermission('runs:read')
  @ApiOperation({
    summary: 'The agent transcript of a run as Markdown (download); whoever may see the run may export it',
  })
  async markdown(
    @CurrentPrincipal() principal: Principal,
    @Param('runId', new ParseUUIDPipe({ exceptionFactory: runNotFound })) runId: string,
    @Res() response: Response,
  ): Promise<void> {
    await sendDocument(response, this.transcripts, await this.transcripts.markdown(principal, runId), 'md');
  }

  @Get('agent-runs/:runId/transcript.pdf')
  @RequirePermission('runs:read')
  @ApiOperation({ summary: 'The agent transcript of a run as a PDF (download)' })
  async pdf(
    @CurrentPrincipal() principal: Principal,
    @Param('runId', new ParseUUIDPipe({ exceptionFactory: runNotFound })) runId: string,
    @Res() response: Response,
  ): Promise<void> {
    await sendDocument(response, this.transcripts, await this.transcripts.markdown(principal, runId), 'pdf');
  }

  @Get('agent-sessions/:id/transcript.md')
  @RequirePermission('runners:read')
  @ApiOperation({ summary: 'A conversation (questions and answers) as Markdown (download)' })
  async conversationMarkdown(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: sessionNotFound })) id: string,
    @Res() response: Response,
  ): Promise<void> {
    await sendDocument(response, this.transcripts, await this.transcripts.conversation(principal, id), 'md');
  }

  @Get('agent-sessions/:id/transcript.pdf')
  @RequirePermission('runners:read')
  @ApiOperation({ summary: 'A conversation (questions and answers) as a PDF (download)' })
  async conversationPdf(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: sessionNotFound })) id: string,
    @Res() response: Response,
  ): Promise<void> {
    await sendDocument(response, this.transcripts, await this.transcripts.conversation(principal, id), 'pdf');
  }
}

async function sendDocument(
  response: Response,
  transcripts: AgentTranscriptsService,
  document: TranscriptDocument,
  format: 'md' | 'pdf',
): Promise<void> {
  if (format === 'md') {
    response.type('text/markdown; charset=utf-8').attachment(`${document.fileName}.md`).send(document.markdown);
    return;
  }
  response
    .type('application/pdf')
    .attachment(`${document.fileName}.pdf`)
    .send(await transcripts.pdf(document));
}
