import { resolve } from 'node:path';
import { BadRequestException, Injectable, Logger, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { RunbookSummary, RunbookVersionView } from '@trustops/contracts';
import { parseRunbook, type RunbookDefinition, type RunbookProblem } from '@trustops/runbook';
import type { Repository } from 'typeorm';
import { findRepositoryRoot } from '../platform/app-info.js';
import { AppConfig } from '../platform/config/app-config.js';
import type { Principal } from '../rbac/principal.js';
import { TenantScope } from '../tenancy/tenant-scope.js';
import { unifiedDiff } from './line-diff.js';
import { loadRunbookLibrary, type BuiltinRunbook } from './runbook-library.js';
import { RunbookVersion } from './runbook-version.entity.js';
import { StepHandlerRegistry } from './step-handler.registry.js';
import { stepParameterProblems } from './step-parameter-problems.js';

/** A version with its parsed definition: what the API's detail and the engine need. */
export interface RunbookVersionDetail extends RunbookVersionView {
  definition: RunbookDefinition;
}

/** The 400 body of a runbook that does not validate. */
export class InvalidRunbookException extends BadRequestException {
  constructor(problems: RunbookProblem[]) {
    const first = problems[0];
    super({
      message: `The runbook is not valid: ${first ? describeProblem(first) : 'it could not be read'}${problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : ''}`,
      details: problems.map((problem) => `${problem.path ? `${problem.path}: ` : ''}${describeProblem(problem)}`),
    });
  }
}

function describeProblem(problem: RunbookProblem): string {
  return problem.line > 0 ? `line ${problem.line}, column ${problem.column}: ${problem.message}` : problem.message;
}

/**
 * The runbook registry: the built-in library read from `runbooks/` at start-up (RUNBOOKS_DIR
 * overrides the folder) and each tenant's own versions in `runbook_versions`. A tenant's version
 * of a built-in id shadows the built-in for that tenant; its version numbers continue after the
 * built-in's, so "version N" of an id always means one text.
 */
@Injectable()
export class RunbooksService implements OnModuleInit {
  private readonly logger = new Logger(RunbooksService.name);
  private builtins = new Map<string, BuiltinRunbook>();
  private loadedAt = new Date();

  constructor(
    private readonly config: AppConfig,
    @InjectRepository(RunbookVersion) private readonly versions: Repository<RunbookVersion>,
    private readonly handlers: StepHandlerRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    const folder = resolve(findRepositoryRoot(), this.config.env.RUNBOOKS_DIR ?? 'runbooks');
    const library = await loadRunbookLibrary(folder);
    this.builtins = library.runbooks;
    this.loadedAt = new Date();
    for (const problem of library.problems) {
      this.logger.warn(`Built-in runbook ${problem.file} was not loaded: ${describeProblem(problem)}`);
    }
    this.logger.log(`Loaded ${this.builtins.size} built-in runbook(s) from ${folder}`);
  }

  /** Every runbook the tenant can run: its own (latest version each) and the built-ins it has not shadowed. */
  async list(tenantId: string): Promise<RunbookSummary[]> {
    const latest: RunbookVersion[] = await this.versions
      .createQueryBuilder('version')
      .distinctOn(['version.runbook_id'])
      .where('version.tenant_id = :tenantId', { tenantId })
      .orderBy('version.runbook_id')
      .addOrderBy('version.version', 'DESC')
      .getMany();
    const custom = latest.map((row) => this.customView(row));
    const shadowed = new Set(custom.map((runbook) => runbook.id));
    const builtin = [...this.builtins.values()]
      .filter((runbook) => !shadowed.has(runbook.definition.id))
      .map((runbook) => this.builtinView(runbook));
    return [...custom, ...builtin]
      .map(({ yaml: _yaml, createdBy: _createdBy, definition: _definition, ...summary }) => summary)
      .sort((a, b) => a.title.localeCompare(b.title));
  }

  /** The newest version of `runbookId` for the tenant; 404 when it has none and there is no such built-in. */
  async latest(tenantId: string, runbookId: string): Promise<RunbookVersionDetail> {
    const row = await this.scope(tenantId)
      .queryBuilder('version')
      .andWhere('version.runbook_id = :runbookId', { runbookId })
      .orderBy('version.version', 'DESC')
      .getOne();
    if (row) return this.customView(row);
    const builtin = this.builtins.get(runbookId);
    if (!builtin) throw this.notFound(runbookId);
    return this.builtinView(builtin);
  }

  /** Every version, newest first: the tenant's own, then the built-in it started from. */
  async history(tenantId: string, runbookId: string): Promise<RunbookVersionDetail[]> {
    const rows = await this.scope(tenantId).find({ where: { runbookId }, order: { version: 'DESC' } });
    const builtin = this.builtins.get(runbookId);
    const views = [...rows.map((row) => this.customView(row)), ...(builtin ? [this.builtinView(builtin)] : [])];
    if (views.length === 0) throw this.notFound(runbookId);
    return views;
  }

  async version(tenantId: string, runbookId: string, version: number): Promise<RunbookVersionDetail> {
    const row = await this.scope(tenantId).findOne({ runbookId, version });
    if (row) return this.customView(row);
    const builtin = this.builtins.get(runbookId);
    if (builtin && builtin.definition.version === version) return this.builtinView(builtin);
    throw new NotFoundException(`Runbook "${runbookId}" has no version ${version}.`);
  }

  /** Validates the YAML and saves it as the newest version of the id it declares. */
  async save(principal: Principal, yaml: string): Promise<RunbookVersionDetail> {
    // Step types are checked against the handlers installed here, so a typo is caught on saving.
    const parsed = parseRunbook(yaml, 'runbook.yaml', { stepTypes: this.handlers.types() });
    if (!parsed.ok) throw new InvalidRunbookException(parsed.problems);
    // And each step's parameters against its handler, so "soon" as a duration is refused now.
    const problems = stepParameterProblems(parsed.runbook, this.handlers);
    if (problems.length > 0) throw new InvalidRunbookException(problems);
    return this.append(principal, parsed.runbook, yaml);
  }

  /** Saves a copy of an earlier version as the newest one. */
  async rollback(principal: Principal, runbookId: string, version: number): Promise<RunbookVersionDetail> {
    const earlier = await this.version(principal.tenantId, runbookId, version);
    return this.append(principal, earlier.definition, earlier.yaml);
  }

  async diff(tenantId: string, runbookId: string, from: number, to: number): Promise<string> {
    const [older, newer] = await Promise.all([
      this.version(tenantId, runbookId, from),
      this.version(tenantId, runbookId, to),
    ]);
    return unifiedDiff(older.yaml, newer.yaml, `${runbookId} version ${from}`, `${runbookId} version ${to}`);
  }

  private async append(
    principal: Principal,
    definition: RunbookDefinition,
    yaml: string,
  ): Promise<RunbookVersionDetail> {
    const scope = this.scope(principal.tenantId);
    // Two saves at once may pick the same number: the unique index refuses the second, which retries.
    for (let tries = 0; ; tries++) {
      const newest = await scope
        .queryBuilder('version')
        .andWhere('version.runbook_id = :runbookId', { runbookId: definition.id })
        .orderBy('version.version', 'DESC')
        .getOne();
      const builtinVersion = this.builtins.get(definition.id)?.definition.version ?? 0;
      const version = Math.max(newest?.version ?? 0, builtinVersion) + 1;
      try {
        const row = await scope.save(
          scope.create({
            runbookId: definition.id,
            version,
            yaml,
            definition: { ...definition, version },
            createdById: principal.userId,
            createdByName: principal.displayName,
          }),
        );
        return this.customView(row);
      } catch (error) {
        if (tries < 3 && (error as { code?: string }).code === '23505') continue;
        throw error;
      }
    }
  }

  private scope(tenantId: string): TenantScope<RunbookVersion> {
    return new TenantScope(this.versions, tenantId);
  }

  private notFound(runbookId: string): NotFoundException {
    return new NotFoundException(`There is no runbook "${runbookId}".`);
  }

  private customView(row: RunbookVersion): RunbookVersionDetail {
    return {
      id: row.runbookId,
      version: row.version,
      title: row.definition.title,
      description: row.definition.description,
      tags: row.definition.tags,
      source: 'custom',
      updatedAt: row.createdAt.toISOString(),
      yaml: row.yaml,
      createdBy: { userId: row.createdById, displayName: row.createdByName ?? 'Unknown' },
      definition: row.definition,
    };
  }

  private builtinView(runbook: BuiltinRunbook): RunbookVersionDetail {
    const { definition } = runbook;
    return {
      id: definition.id,
      version: definition.version,
      title: definition.title,
      description: definition.description,
      tags: definition.tags,
      source: 'builtin',
      updatedAt: this.loadedAt.toISOString(),
      yaml: runbook.yaml,
      createdBy: null,
      definition,
    };
  }
}
