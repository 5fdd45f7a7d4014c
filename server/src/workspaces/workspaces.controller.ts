import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  WorkspaceFileResponse,
  WorkspaceImportOptions,
  WorkspaceListResponse,
  WorkspaceTreeResponse,
  WorkspaceView,
} from '@trustops/contracts';
import type { Response } from 'express';
import { AuditAction } from '../audit/audit-action.decorators.js';
import { RequirePermission } from '../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../rbac/principal.js';
import {
  ImportWorkspaceDto,
  UpdateWorkspaceDto,
  WorkspaceFileQuery,
  WorkspaceTreeQuery,
} from './dto/workspace-requests.dto.js';
import { workspaceFile, workspaceTree } from './workspace-files.js';
import { WorkspacesService } from './workspaces.service.js';

/** Imported codebases of the caller's tenant: list, import, refresh, browse. */
@ApiTags('Workspaces')
@Controller('api/workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Get()
  @RequirePermission('workspaces:read')
  @ApiOperation({ summary: "List the tenant's workspaces" })
  async list(@CurrentPrincipal() principal: Principal): Promise<WorkspaceListResponse> {
    return { items: await this.workspaces.list(principal) };
  }

  @Get('import-options')
  @RequirePermission('workspaces:write')
  @ApiOperation({ summary: 'Where imports may come from and the size limits' })
  importOptions(): Promise<WorkspaceImportOptions> {
    return this.workspaces.importOptions();
  }

  @Post()
  @RequirePermission('workspaces:write')
  @AuditAction('workspace.imported', { resourceType: 'workspace' })
  @ApiOperation({
    summary: 'Import a git repository or a server folder (201), or return the workspace already imported from it (200)',
  })
  async import(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ImportWorkspaceDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WorkspaceView> {
    const { workspace, created } = await this.workspaces.import(principal, body);
    response.status(created ? 201 : 200);
    return workspace;
  }

  @Get(':id')
  @RequirePermission('workspaces:read')
  @ApiOperation({ summary: 'One workspace' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<WorkspaceView> {
    return this.workspaces.get(principal, id);
  }

  @Patch(':id')
  @RequirePermission('workspaces:write')
  @AuditAction('workspace.updated', { resourceType: 'workspace', resourceIdParam: 'id' })
  @ApiOperation({ summary: 'Rename a workspace or change what agents may do in it (write files, run commands)' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: UpdateWorkspaceDto,
  ): Promise<WorkspaceView> {
    return this.workspaces.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('workspaces:write')
  @AuditAction('workspace.deleted', { resourceType: 'workspace', resourceIdParam: 'id' })
  @ApiOperation({ summary: 'Remove a workspace and its files from the server' })
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.workspaces.remove(principal, id);
  }

  @Post(':id/refresh')
  @RequirePermission('workspaces:write')
  @AuditAction('workspace.refreshed', { resourceType: 'workspace', resourceIdParam: 'id' })
  @ApiOperation({ summary: 'Pull the repository again (or copy the folder again) and record the commit' })
  refresh(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<WorkspaceView> {
    return this.workspaces.refresh(principal, id);
  }

  @Get(':id/tree')
  @RequirePermission('workspaces:read')
  @ApiOperation({ summary: "One folder's files and folders (path relative to the workspace; empty for the top)" })
  async tree(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: WorkspaceTreeQuery,
  ): Promise<WorkspaceTreeResponse> {
    const workspace = await this.workspaces.open(principal.tenantId, id);
    return workspaceTree(workspace.root, query.path ?? '');
  }

  @Get(':id/file')
  @RequirePermission('workspaces:read')
  @ApiOperation({ summary: 'A page of lines of a text file, with its language for highlighting' })
  async file(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: WorkspaceFileQuery,
  ): Promise<WorkspaceFileResponse> {
    const workspace = await this.workspaces.open(principal.tenantId, id);
    return workspaceFile(workspace.root, query.path, query.startLine, query.lineCount);
  }
}
