import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyService } from './tenancy.service.js';
import { TenantMembership } from './tenant-membership.entity.js';
import { Tenant } from './tenant.entity.js';

/** Tenants: the organisations (usually NHS Trusts) that every other row belongs to, and their members. */
@Module({
  imports: [TypeOrmModule.forFeature([Tenant, TenantMembership])],
  providers: [TenancyService],
  exports: [TenancyService],
})
export class TenancyModule {}
