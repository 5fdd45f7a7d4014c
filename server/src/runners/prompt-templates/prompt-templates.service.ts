import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type {
  PreviewPromptTemplateRequest,
  PreviewPromptTemplateResponse,
  PromptTemplateView,
  SavePromptTemplateRequest,
} from '@trustops/contracts';
import { DataSource, type Repository } from 'typeorm';
import type { Principal } from '../../rbac/principal.js';
import { TenantScope } from '../../tenancy/tenant-scope.js';
import { PromptTemplate } from './prompt-template.entity.js';
import { completeVariables, renderPromptTemplate } from './render-prompt-template.js';

/** Versioned prompt templates of a tenant: saving adds a version, nothing is overwritten. */
@Injectable()
export class PromptTemplatesService {
  constructor(
    @InjectRepository(PromptTemplate) private readonly templates: Repository<PromptTemplate>,
    private readonly dataSource: DataSource,
  ) {}

  /** The newest version of every template. */
  async list(principal: Principal): Promise<PromptTemplateView[]> {
    const rows = await this.scope(principal.tenantId)
      .queryBuilder('template')
      .distinctOn(['template.key'])
      .orderBy('template.key', 'ASC')
      .addOrderBy('template.version', 'DESC')
      .getMany();
    return rows.map(toView);
  }

  async versions(principal: Principal, key: string): Promise<PromptTemplateView[]> {
    const rows = await this.scope(principal.tenantId).find({ where: { key }, order: { version: 'DESC' } });
    if (rows.length === 0) throw notFound(key);
    return rows.map(toView);
  }

  async get(principal: Principal, key: string, version?: number): Promise<PromptTemplateView> {
    return toView(await this.find(principal.tenantId, key, version));
  }

  /** Saves the next version of `key` (version 1 when it is new). */
  async save(principal: Principal, request: SavePromptTemplateRequest): Promise<PromptTemplateView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      // One writer per key at a time, so two saves cannot both become version n + 1.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `prompt-template:${principal.tenantId}:${request.key}`,
      ]);
      const repository = manager.getRepository(PromptTemplate);
      const latest = await repository.findOne({
        where: { tenantId: principal.tenantId, key: request.key },
        order: { version: 'DESC' },
      });
      return repository.save(
        repository.create({
          tenantId: principal.tenantId,
          key: request.key,
          version: (latest?.version ?? 0) + 1,
          title: request.title.trim(),
          description: request.description?.trim() ?? '',
          body: request.body,
          variables: completeVariables(request.body, request.variables ?? []),
          createdById: principal.userId,
          createdByName: principal.displayName,
        }),
      );
    });
    return toView(saved);
  }

  async preview(
    principal: Principal,
    key: string,
    request: PreviewPromptTemplateRequest,
  ): Promise<PreviewPromptTemplateResponse> {
    const template = await this.find(principal.tenantId, key, request.version);
    return renderPromptTemplate(template.body, template.variables, request.values);
  }

  private async find(tenantId: string, key: string, version?: number): Promise<PromptTemplate> {
    const found = await this.templates.findOne({
      where: { tenantId, key, ...(version === undefined ? {} : { version }) },
      order: { version: 'DESC' },
    });
    if (!found) throw notFound(key, version);
    return found;
  }

  private scope(tenantId: string): TenantScope<PromptTemplate> {
    return new TenantScope(this.templates, tenantId);
  }
}

function notFound(key: string, version?: number): NotFoundException {
  return new NotFoundException(
    version === undefined
      ? `There is no prompt template "${key}".`
      : `Prompt template "${key}" has no version ${version}.`,
  );
}

function toView(template: PromptTemplate): PromptTemplateView {
  return {
    id: template.id,
    key: template.key,
    version: template.version,
    title: template.title,
    description: template.description,
    body: template.body,
    variables: template.variables,
    createdBy:
      template.createdByName === null ? null : { userId: template.createdById, displayName: template.createdByName },
    createdAt: template.createdAt.toISOString(),
  };
}
