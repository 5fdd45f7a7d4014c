import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  PreviewPromptTemplateResponse,
  PromptTemplateListResponse,
  PromptTemplateView,
} from '@trustops/contracts';
import { AuditAction } from '../../audit/audit-action.decorators.js';
import { RequirePermission } from '../../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../../rbac/principal.js';
import { PreviewPromptTemplateDto, SavePromptTemplateDto } from '../dto/prompt-template.dto.js';
import { PromptTemplatesService } from './prompt-templates.service.js';

const versionPipe = new ParseIntPipe({
  optional: true,
  exceptionFactory: () => new BadRequestException('version must be a whole number.'),
});

/** Versioned prompt templates with variables, and a preview of the filled-in prompt. */
@ApiTags('Prompt templates')
@Controller('api/prompt-templates')
export class PromptTemplatesController {
  constructor(private readonly templates: PromptTemplatesService) {}

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
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(body.values)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        throw new BadRequestException(`The value of "${name}" must be text.`);
      values[name] = String(value);
    }
    return this.templates.preview(principal, key, { values, version: body.version });
  }
}
