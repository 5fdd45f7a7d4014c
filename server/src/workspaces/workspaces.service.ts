import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type {
  ImportWorkspaceRequest,
  UpdateWorkspaceRequest,
  WorkspaceImportOptions,
  WorkspaceView,
} from '@trustops/contracts';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { QueryFailedError, type Repository } from 'typeorm';
import { findRepositoryRoot } from '../platform/app-info.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { Principal } from '../rbac/principal.js';
import { TenantScope } from '../tenancy/tenant-scope.js';
import { GitCommandError, headCommit, runGit } from './git.js';
import { Workspace } from './workspace.entity.js';
import { resolveSource, type WorkspaceSource } from './workspace-source.js';
import {
  copyFolder,
  measureWithinLimits,
  removeFolder,
  replaceFolder,
  suggestCodebases,
  type FolderSize,
} from './workspace-storage.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A workspace as the runners and the file API need it: where it is and what agents may do. */
export interface OpenWorkspace {
  id: string;
  name: string;
  root: string;
  allowWrite: boolean;
  allowBash: boolean;
}

/**
 * Imports codebases (git clone or a copy of a server folder) into DATA_DIR/workspaces, one per
 * source per tenant, keeps them up to date, and hands out their folders to the file API and the
 * runners.
 */
@Injectable()
export class WorkspacesService {
  constructor(
    @InjectRepository(Workspace) private readonly workspaces: Repository<Workspace>,
    private readonly config: AppConfig,
  ) {}

  async importOptions(): Promise<WorkspaceImportOptions> {
    const allowedRoots = this.allowedRoots();
    const suggestions = (await Promise.all(allowedRoots.map((root) => suggestCodebases(root)))).flat();
    return { allowedRoots, gitSchemes: this.config.env.WORKSPACE_GIT_SCHEMES, ...this.limits(), suggestions };
  }

  async list(principal: Principal): Promise<WorkspaceView[]> {
    const rows = await this.scope(principal.tenantId).find({ order: { name: 'ASC', createdAt: 'ASC' } });
    return rows.map(toView);
  }

  async get(principal: Principal, id: string): Promise<WorkspaceView> {
    return toView(await this.find(principal.tenantId, id));
  }

  /** The workspace's folder and permissions; 404 when it is not the tenant's. */
  async open(tenantId: string, id: string): Promise<OpenWorkspace> {
    const workspace = await this.find(tenantId, id);
    return {
      id: workspace.id,
      name: workspace.name,
      root: workspace.storagePath,
      allowWrite: workspace.allowWrite,
      allowBash: workspace.allowBash,
    };
  }

  /** Imports `request.source`; returns the existing workspace (created: false) when the source was imported before. */
  async import(
    principal: Principal,
    request: ImportWorkspaceRequest,
  ): Promise<{ workspace: WorkspaceView; created: boolean }> {
    const source = await resolveSource(request.source, request.kind, {
      allowedRoots: this.allowedRoots(),
      gitSchemes: this.config.env.WORKSPACE_GIT_SCHEMES,
    });
    const scope = this.scope(principal.tenantId);
    const existing = await scope.findOne({ sourceKind: source.kind, source: source.normalised });
    if (existing) return { workspace: toView(existing), created: false };

    const id = randomUUID();
    const storagePath = this.storagePath(principal.tenantId, id);
    const { size, commit } = await this.fetchInto(source, storagePath);
    const workspace = scope.create({
      id,
      name: (request.name?.trim() || source.suggestedName).slice(0, 200),
      sourceKind: source.kind,
      source: source.normalised,
      storagePath,
      commit,
      fileCount: size.files,
      sizeBytes: size.bytes,
      allowWrite: false,
      allowBash: false,
      createdByUserId: principal.userId,
      createdByName: principal.displayName,
      refreshedAt: new Date(),
    });
    try {
      return { workspace: toView(await scope.save(workspace)), created: true };
    } catch (error) {
      await removeFolder(storagePath);
      // Someone imported the same source at the same moment: theirs is the workspace.
      if (error instanceof QueryFailedError && /unique|duplicate/i.test(error.message)) {
        const winner = await scope.findOne({ sourceKind: source.kind, source: source.normalised });
        if (winner) return { workspace: toView(winner), created: false };
      }
      throw error;
    }
  }

  /** Pulls the repository again (or copies the folder again) and records the new commit. */
  async refresh(principal: Principal, id: string): Promise<WorkspaceView> {
    const workspace = await this.find(principal.tenantId, id);
    const limits = this.limits();
    let size: FolderSize;
    if (workspace.sourceKind === 'git') {
      await mkdir(workspace.storagePath, { recursive: true });
      const git = this.gitOptions();
      const hasCheckout = (await headCommit(workspace.storagePath, git)) !== null;
      if (hasCheckout) {
        await this.git(['pull', '--ff-only', '--no-recurse-submodules', '--quiet'], workspace.storagePath);
        size = await measureWithinLimits(workspace.storagePath, limits, 'The repository');
      } else {
        // The checkout went missing (a new server, a cleaned disk): clone it again.
        const fresh = `${workspace.storagePath}.fresh-${Date.now()}`;
        ({ size } = await this.fetchInto(
          { kind: 'git', location: workspace.source, normalised: workspace.source, suggestedName: workspace.name },
          fresh,
        ));
        await replaceFolder(workspace.storagePath, fresh);
      }
      workspace.commit = await headCommit(workspace.storagePath, git);
    } else {
      if (!existsSync(workspace.source)) {
        throw new ConflictException(
          `The folder it was imported from, ${workspace.source}, is no longer on the server, so there is nothing to refresh from.`,
        );
      }
      const source = await resolveSource(workspace.source, 'local', {
        allowedRoots: this.allowedRoots(),
        gitSchemes: [],
      });
      const fresh = `${workspace.storagePath}.fresh-${Date.now()}`;
      const fetched = await this.fetchInto(source, fresh);
      await mkdir(workspace.storagePath, { recursive: true });
      await replaceFolder(workspace.storagePath, fresh);
      size = fetched.size;
      workspace.commit = fetched.commit;
    }
    workspace.fileCount = size.files;
    workspace.sizeBytes = size.bytes;
    workspace.refreshedAt = new Date();
    return toView(await this.scope(principal.tenantId).save(workspace));
  }

  async update(principal: Principal, id: string, changes: UpdateWorkspaceRequest): Promise<WorkspaceView> {
    const workspace = await this.find(principal.tenantId, id);
    if (changes.name !== undefined) workspace.name = changes.name.trim().slice(0, 200) || workspace.name;
    if (changes.allowWrite !== undefined) workspace.allowWrite = changes.allowWrite;
    if (changes.allowBash !== undefined) workspace.allowBash = changes.allowBash;
    return toView(await this.scope(principal.tenantId).save(workspace));
  }

  /** Removes the workspace and its files. Agents' earlier transcripts stay; new runs on it are refused (404). */
  async remove(principal: Principal, id: string): Promise<void> {
    const workspace = await this.find(principal.tenantId, id);
    await this.scope(principal.tenantId).delete({ id: workspace.id });
    await removeFolder(workspace.storagePath);
  }

  private async find(tenantId: string, id: string): Promise<Workspace> {
    if (!UUID.test(id)) throw new NotFoundException(`There is no workspace with id ${id}.`);
    return this.scope(tenantId).get(id, 'workspace');
  }

  /** Clones or copies `source` into `target` within the limits; leaves nothing behind on failure. */
  private async fetchInto(
    source: WorkspaceSource,
    target: string,
  ): Promise<{ size: FolderSize; commit: string | null }> {
    const limits = this.limits();
    await mkdir(path.dirname(target), { recursive: true });
    try {
      if (source.kind === 'local') {
        // Measured before copying, so an enormous folder is refused without filling the disk.
        const size = await measureWithinLimits(source.location, limits, 'The folder');
        await copyFolder(source.location, target);
        return { size, commit: await headCommit(source.location, this.gitOptions()) };
      }
      await this.git(['clone', '--no-recurse-submodules', '--quiet', '--', source.location, target]);
      const size = await measureWithinLimits(target, limits, 'The repository');
      return { size, commit: await headCommit(target, this.gitOptions()) };
    } catch (error) {
      await removeFolder(target);
      throw error;
    }
  }

  private async git(args: string[], cwd?: string): Promise<string> {
    try {
      return await runGit(args, { ...this.gitOptions(), ...(cwd ? { cwd } : {}) });
    } catch (error) {
      if (error instanceof GitCommandError)
        throw new ConflictException(`The repository could not be fetched. ${error.message}`);
      throw error;
    }
  }

  private gitOptions() {
    return {
      timeoutMs: this.config.env.WORKSPACE_GIT_TIMEOUT_SECONDS * 1000,
      allowedSchemes: this.config.env.WORKSPACE_GIT_SCHEMES,
    };
  }

  private limits() {
    return { maxFiles: this.config.env.WORKSPACE_MAX_FILES, maxBytes: this.config.env.WORKSPACE_MAX_MB * 1024 * 1024 };
  }

  /** WORKSPACE_ALLOWED_ROOTS, or the repository's `fixtures/` so the demo works out of the box. */
  private allowedRoots(): string[] {
    const configured = this.config.env.WORKSPACE_ALLOWED_ROOTS;
    return configured.length > 0
      ? configured.map((root) => path.resolve(root))
      : [path.join(findRepositoryRoot(), 'fixtures')];
  }

  private storagePath(tenantId: string, id: string): string {
    return path.resolve(this.config.env.DATA_DIR, 'workspaces', tenantId, id);
  }

  private scope(tenantId: string): TenantScope<Workspace> {
    return new TenantScope(this.workspaces, tenantId);
  }
}

export function toView(workspace: Workspace): WorkspaceView {
  return {
    id: workspace.id,
    name: workspace.name,
    sourceKind: workspace.sourceKind,
    source: workspace.source,
    commit: workspace.commit,
    fileCount: workspace.fileCount,
    sizeBytes: workspace.sizeBytes,
    allowWrite: workspace.allowWrite,
    allowBash: workspace.allowBash,
    createdBy: { userId: workspace.createdByUserId, displayName: workspace.createdByName },
    createdAt: workspace.createdAt.toISOString(),
    refreshedAt: workspace.refreshedAt.toISOString(),
  };
}
