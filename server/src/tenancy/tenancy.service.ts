import { ConflictException, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { TenantSummary } from '@trustops/contracts';
import { Repository } from 'typeorm';
import { TenantMembership } from './tenant-membership.entity.js';
import { Tenant } from './tenant.entity.js';

export const DEFAULT_TENANT = { slug: 'default', name: 'Default organisation' } as const;

/** Tenants and who belongs to them. Other modules ask here rather than reading these tables. */
@Injectable()
export class TenancyService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TenancyService.name);

  constructor(
    @InjectRepository(Tenant) private readonly tenants: Repository<Tenant>,
    @InjectRepository(TenantMembership) private readonly memberships: Repository<TenantMembership>,
  ) {}

  /**
   * A fresh installation gets one tenant, so that the development sign-in and the first admin
   * have somewhere to belong. Only while there are no tenants at all: an admin may rename or
   * remove it later without it coming back. Safe when several processes start at once.
   */
  async onApplicationBootstrap(): Promise<void> {
    const inserted: unknown[] = await this.tenants.query(
      `INSERT INTO tenants (slug, name) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM tenants)
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [DEFAULT_TENANT.slug, DEFAULT_TENANT.name],
    );
    if (inserted.length > 0) this.logger.log(`Created the "${DEFAULT_TENANT.slug}" tenant (no tenants existed)`);
  }

  findById(id: string): Promise<Tenant | null> {
    return this.tenants.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<Tenant | null> {
    return this.tenants.findOneBy({ slug });
  }

  findByOdsCode(odsCode: string): Promise<Tenant | null> {
    return this.tenants.findOneBy({ odsCode: odsCode.toUpperCase() });
  }

  /** Returns the tenant with `slug`, creating it if there is none (safe under concurrent callers). */
  async ensureTenant(slug: string, name: string, odsCode: string | null = null): Promise<Tenant> {
    await this.tenants
      .createQueryBuilder()
      .insert()
      .values({ slug, name, odsCode: odsCode?.toUpperCase() ?? null })
      .orIgnore()
      .execute();
    return this.tenants.findOneByOrFail({ slug });
  }

  /**
   * A new tenant named `name`, its slug made from the name. ConflictException when a tenant already
   * has that slug or ODS code: two organisations must not be mistaken for one another.
   */
  async createTenant(name: string, odsCode: string | null): Promise<Tenant> {
    const slug = tenantSlugFromName(name);
    const result = await this.tenants
      .createQueryBuilder()
      .insert()
      .values({ slug, name: name.trim(), odsCode: odsCode?.toUpperCase() ?? null })
      .orIgnore()
      .returning('id')
      .execute();
    if ((result.raw as unknown[]).length === 0) {
      throw new ConflictException('There is already an organisation with that name or ODS code.');
    }
    return this.tenants.findOneByOrFail({ slug });
  }

  async addMember(tenantId: string, userId: string): Promise<void> {
    await this.memberships.createQueryBuilder().insert().values({ tenantId, userId }).orIgnore().execute();
  }

  async removeMember(tenantId: string, userId: string): Promise<void> {
    await this.memberships.delete({ tenantId, userId });
  }

  isMember(tenantId: string, userId: string): Promise<boolean> {
    return this.memberships.existsBy({ tenantId, userId });
  }

  /** The tenants `userId` belongs to, by name. */
  tenantsOf(userId: string): Promise<Tenant[]> {
    return this.tenants
      .createQueryBuilder('tenant')
      .innerJoin(TenantMembership, 'membership', 'membership.tenant_id = tenant.id AND membership.user_id = :userId', {
        userId,
      })
      .orderBy('tenant.name', 'ASC')
      .getMany();
  }

  /** User ids of the members of `tenantId`. */
  async memberIds(tenantId: string): Promise<string[]> {
    const rows = await this.memberships.find({ where: { tenantId }, select: { userId: true } });
    return rows.map((row) => row.userId);
  }

  static toSummary(tenant: Tenant): TenantSummary {
    return { id: tenant.id, slug: tenant.slug, name: tenant.name, odsCode: tenant.odsCode };
  }
}

/** "Riverside Community Health NHS Trust" → "riverside-community-health-nhs-trust" (at most 63 characters). */
export function tenantSlugFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents dropped, not turned into hyphens: "Hôpital" → "hopital"
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}
