import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Workspace } from './workspace.entity.js';
import { WorkspacesController } from './workspaces.controller.js';
import { WorkspacesService } from './workspaces.service.js';

/**
 * Workspaces (ARCHITECTURE.md, "workspaces"): imported codebases, their files, and the one
 * path-confinement helper every file access goes through. Loaded by every role: workers need
 * `WorkspacesService.open` for agent steps.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Workspace])],
  controllers: [WorkspacesController],
  providers: [WorkspacesService],
  exports: [WorkspacesService],
})
export class WorkspacesModule {}
