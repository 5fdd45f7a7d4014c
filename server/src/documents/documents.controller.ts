import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DocumentListResponse, DocumentView, WizardWorkspaceOption } from '@trustops/contracts';
import type { Response } from 'express';
import { AuditAction } from '../audit/audit-action.decorators.js';
import { RequirePermission } from '../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../rbac/principal.js';
import { WorkspacesService } from '../workspaces/workspaces.service.js';
import { DocumentsService } from './documents.service.js';
import { DocumentListQuery, UpdateDocumentDto } from './dto/document-requests.dto.js';

/** Wizard documents and their review lifecycle (Draft → Review → Approve → Implement → Verify). */
@ApiTags('Documents')
@Controller('api/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @RequirePermission('runs:read')
  @ApiOperation({ summary: "The tenant's wizard documents, newest first (optionally the one of a wizard run)" })
  list(@CurrentPrincipal() principal: Principal, @Query() query: DocumentListQuery): Promise<DocumentListResponse> {
    return this.documents.list(principal, query);
  }

  @Get(':id')
  @RequirePermission('runs:read')
  @ApiOperation({ summary: 'One document with its content, lifecycle history and signatures' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentView> {
    return this.documents.get(principal, id);
  }

  @Get(':id/document.md')
  @RequirePermission('runs:read')
  @ApiOperation({ summary: 'The document as a Markdown download' })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const document = await this.documents.get(principal, id);
    const name =
      document.title
        .replace(/[^A-Za-z0-9 _-]+/g, '')
        .trim()
        .replace(/\s+/g, '-')
        .slice(0, 80) || 'document';
    response.setHeader('Content-Type', 'text/markdown; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${name}.md"`);
    return document.content;
  }

  @Patch(':id')
  @RequirePermission('runs:start')
  @AuditAction('document.edited', { resourceType: 'document', resourceIdParam: 'id' })
  @ApiOperation({
    summary: 'Edit the title or content; an approved document goes back to draft (its signature no longer applies)',
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateDocumentDto,
  ): Promise<DocumentView> {
    return this.documents.update(principal, id, body);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission('runs:start')
  @AuditAction('document.submitted', { resourceType: 'document', resourceIdParam: 'id' })
  @ApiOperation({ summary: "Submit a draft for review: a supervisor's approval decision is requested" })
  submit(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentView> {
    return this.documents.submit(principal, id);
  }

  @Post(':id/implemented')
  @HttpCode(200)
  @RequirePermission('runs:start')
  @AuditAction('document.implemented', { resourceType: 'document', resourceIdParam: 'id' })
  @ApiOperation({ summary: 'Record that an approved document has been implemented' })
  implemented(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentView> {
    return this.documents.markImplemented(principal, id);
  }

  @Post(':id/verification')
  @HttpCode(200)
  @RequirePermission('runs:start')
  @AuditAction('document.verification-requested', { resourceType: 'document', resourceIdParam: 'id' })
  @ApiOperation({ summary: "Ask for the implementation to be verified: a supervisor's approval decision is requested" })
  verification(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DocumentView> {
    return this.documents.requestVerification(principal, id);
  }
}

/**
 * The workspaces a wizard can be pointed at, for people who may start wizards but not manage
 * workspaces (clinicians): names and ids only.
 */
@ApiTags('Documents')
@Controller('api/wizards')
export class WizardWorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Get('workspaces')
  @RequirePermission('runs:start')
  @ApiOperation({ summary: 'Workspaces a wizard may use (id and name)' })
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: WizardWorkspaceOption[] }> {
    const items = await this.workspaces.list(principal);
    return {
      items: items.map((workspace) => ({ id: workspace.id, name: workspace.name, fileCount: workspace.fileCount })),
    };
  }
}
