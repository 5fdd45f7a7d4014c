import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  AgentSessionRunResponse,
  PreviewPromptTemplateResponse,
  PromptTemplateListResponse,
  PromptTemplateView,
} from '@trustops/contracts';
import { AuditAction } from '../../audit/audit-action.decorators.js';
import { RequirePermission } from '../../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../../rbac/principal.js';
import {
  PreviewPromptTemplateDto,
  SavePromptTemplateDto,
  StartPromptTemplateSessionDto,
} from '../dto/prompt-template.dto.js';
import { PromptTemplatesService } from './prompt-templates.service.js';
import { TemplateSessionsService } from './template-sessions.service.js';

const versionPipe = new ParseIntPipe({
  optional: true,
  exceptionFactory: () => new BadRequestException('version must be a whole number.'),
});

/** Versioned prompt templates with variables, a preview of the filled-in prompt, and sessions started from one. */
@ApiTags('Prompt templates')
@Controller('api/prompt-templates')
export class PromptTemplatesController {
  constructor(
    private readonly templates: PromptTemplatesService,
    private readonly templateSessions: TemplateSessionsService,
  ) {}

  @Get()
  @RequirePermission('runners:read')
  @ApiOperation({ summary: 'The newest version of every prompt template' })
  async list(@CurrentPrincipal() principal: Principal): Promise<PromptTemplateListResponse> {
    return { items: await this.templates.list(principal) };
  }

  @Get(':key')
  @RequirePermission('runners:read')
  @ApiOperation({ summary: 'A prompt template (the newest version unless ?version= is given)' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Query('version', versionPipe) version?: number,
  ): Promise<PromptTemplateView> {
    return this.templates.get(principal, key, version);
  }

  @Get(':key/versions')
  @RequirePermission('runners:read')
  @ApiOperation({ summary: 'Every version of a prompt template, newest first' })
  async versions(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
  ): Promise<PromptTemplateListResponse> {
    return { items: await this.templates.versions(principal, key) };
  }

  @Post()
  @RequirePermission('runners:use')
  @AuditAction('prompt-template.saved', { resourceType: 'prompt-template' })
  @ApiOperation({ summary: 'Save a prompt template as a new version (version 1 for a new key)' })
  save(@CurrentPrincipal() principal: Principal, @Body() body: SavePromptTemplateDto): Promise<PromptTemplateView> {
    return this.templates.save(principal, body);
  }

  @Post(':key/preview')
  @HttpCode(200)
  @RequirePermission('runners:read')
  @AuditAction('prompt-template.previewed', { resourceType: 'prompt-template', resourceIdParam: 'key' })
  @ApiOperation({ summary: 'The prompt a template gives with these values (nothing is saved)' })
  preview(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Body() body: PreviewPromptTemplateDto,
  ): Promise<PreviewPromptTemplateResponse> {
    return this.templates.preview(principal, key, { values: textValues(body.values), version: body.version });
  }

  @Post(':key/sessions')
  @RequirePermission('runners:use')
  @AuditAction('prompt-template.session-started', { resourceType: 'prompt-template', resourceIdParam: 'key' })
  @ApiOperation({
    summary:
      'Fill the template with these values and start a conversation about a workspace with it (starts a run of agents-ask)',
  })
  startSession(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Body() body: StartPromptTemplateSessionDto,
  ): Promise<AgentSessionRunResponse> {
    return this.templateSessions.start(principal, key, { ...body, values: textValues(body.values) });
  }
}

/** A JSON object's values as text; a value that is an object or a list is refused. */
function textValues(values: Record<string, unknown>): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      throw new BadRequestException(`The value of "${name}" must be text.`);
    texts[name] = String(value);
  }
  return texts;
}
