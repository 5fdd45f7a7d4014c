import { Injectable, NotFoundException } from '@nestjs/common';
import type { RunnerWorkspace } from './runner.js';

/** A workspace as a runner needs it: where it is on disk and what an agent may do there. */
export interface AgentWorkspace extends RunnerWorkspace {
  id: string;
  name: string;
}

/** Finds a workspace of a tenant by id; throws NotFoundException (404) when there is none. */
export type WorkspaceResolver = (tenantId: string, workspaceId: string) => Promise<AgentWorkspace>;

/**
 * How the runners find a workspace by id. RunnersModule plugs in `WorkspacesService.open` (the
 * workspaces module owns the table and the checkouts); the runner code depends only on this.
 */
@Injectable()
export class WorkspaceDirectory {
  private resolver: WorkspaceResolver | undefined;

  provide(resolver: WorkspaceResolver): void {
    this.resolver = resolver;
  }

  async open(tenantId: string, workspaceId: string): Promise<AgentWorkspace> {
    if (!this.resolver) throw new NotFoundException(`There is no workspace with id ${workspaceId}.`);
    return this.resolver(tenantId, workspaceId);
  }
}
