import { NotFoundException } from '@nestjs/common';
import type { DeepPartial, FindManyOptions, FindOptionsWhere, Repository, SelectQueryBuilder } from 'typeorm';
import type { TenantOwnedEntity } from '../platform/database/base.entity.js';

/**
 * A repository view fixed to one tenant: every read and write is filtered by `tenantId`, and a
 * row of another tenant is indistinguishable from a missing one (404).
 *
 * ```ts
 * const runs = new TenantScope(this.runRepository, principal.tenantId);
 * const run = await runs.get(runId, 'run'); // 404 if missing or another tenant's
 * ```
 */
export class TenantScope<Entity extends TenantOwnedEntity> {
  constructor(
    private readonly repository: Repository<Entity>,
    readonly tenantId: string,
  ) {}

  find(options: FindManyOptions<Entity> = {}): Promise<Entity[]> {
    return this.repository.find({ ...options, where: this.scoped(options.where) });
  }

  findOne(where: FindOptionsWhere<Entity> = {}): Promise<Entity | null> {
    return this.repository.findOne({ where: this.scoped(where) });
  }

  count(where: FindOptionsWhere<Entity> = {}): Promise<number> {
    return this.repository.count({ where: this.scoped(where) });
  }

  /** The row with `id` in this tenant, or a 404 naming `what` ("run", "API token"). */
  async get(id: string, what = 'record'): Promise<Entity> {
    const found = await this.findOne({ id } as FindOptionsWhere<Entity>);
    if (!found) throw new NotFoundException(`There is no ${what} with id ${id}.`);
    return found;
  }

  create(values: DeepPartial<Entity>): Entity {
    return this.repository.create({ ...values, tenantId: this.tenantId } as DeepPartial<Entity>);
  }

  /** Saves rows of this tenant; refuses a row that belongs to another. */
  async save(entity: Entity): Promise<Entity> {
    if (entity.tenantId !== undefined && entity.tenantId !== this.tenantId) {
      throw new NotFoundException('There is no such record.');
    }
    entity.tenantId = this.tenantId;
    return this.repository.save(entity);
  }

  async delete(where: FindOptionsWhere<Entity>): Promise<number> {
    const result = await this.repository.delete(this.scoped(where));
    return result.affected ?? 0;
  }

  /** A query builder already restricted to this tenant; add conditions with `andWhere`. */
  queryBuilder(alias: string): SelectQueryBuilder<Entity> {
    return this.repository
      .createQueryBuilder(alias)
      .where(`${alias}.tenant_id = :scopeTenantId`, { scopeTenantId: this.tenantId });
  }

  private scoped(where: FindManyOptions<Entity>['where']): FindOptionsWhere<Entity>[] | FindOptionsWhere<Entity> {
    const tenant = { tenantId: this.tenantId } as FindOptionsWhere<Entity>;
    if (Array.isArray(where)) return where.map((condition) => ({ ...condition, ...tenant }));
    return { ...(where ?? {}), ...tenant };
  }
}
