import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { REQUEST } from '@nestjs/core';
import type {
  CreateRoleRequest,
  CreateTenantRequest,
  RoleListResponse,
  RoleSummary,
  TenantListResponse,
  TenantSummary,
  UserListResponse,
} from '@trustops/contracts';
import type { Request } from 'express';
import { UsersService } from '../auth/users/users.service.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { AccessAudit } from './access-audit.service.js';
import type { Principal } from './principal.js';
import { RbacService } from './rbac.service.js';

/** What the admin screens do: people and their roles, custom roles, tenants — in the active tenant. */
@Injectable()
export class AccessAdminService {
  constructor(
    private readonly rbac: RbacService,
    private readonly tenancy: TenancyService,
    private readonly users: UsersService,
    private readonly audit: AccessAudit,
    @Inject(REQUEST) private readonly request: Request,
  ) {}

  async listUsers(principal: Principal): Promise<UserListResponse> {
    const people = await this.users.findByIds(await this.tenancy.memberIds(principal.tenantId));
    const assignments = await this.rbac.assignmentsOf(
      principal.tenantId,
      people.map((person) => person.id),
    );
    return {
      items: people.map((person) => ({
        id: person.id,
        displayName: person.name,
        email: person.email,
        status: person.status,
        lastLoginAt: person.lastLoginAt?.toISOString() ?? null,
        roles: assignments
          .filter((assignment) => assignment.userId === person.id)
          .map((assignment) => ({
            role: assignment.role,
            source: assignment.source,
            assignedAt: assignment.createdAt.toISOString(),
          })),
      })),
    };
  }

  async assignRole(principal: Principal, userId: string, role: string): Promise<void> {
    await this.assertMember(principal.tenantId, userId);
    const granted = await this.rbac.assignRole(principal.tenantId, userId, role, 'admin', principal.userId);
    if (granted) {
      await this.audit.record(this.request, principal, {
        tenantId: principal.tenantId,
        action: 'role.granted',
        resource: { type: 'user', id: userId },
        after: { role },
      });
    }
  }

  async revokeRole(principal: Principal, userId: string, role: string): Promise<void> {
    await this.assertMember(principal.tenantId, userId);
    await this.rbac.revokeRole(principal.tenantId, userId, role);
    await this.audit.record(this.request, principal, {
      tenantId: principal.tenantId,
      action: 'role.revoked',
      resource: { type: 'user', id: userId },
      before: { role },
    });
  }

  async listRoles(principal: Principal): Promise<RoleListResponse> {
    return { items: await this.rbac.listRoles(principal.tenantId) };
  }

  async createRole(principal: Principal, request: CreateRoleRequest): Promise<RoleSummary> {
    const role = await this.rbac.createRole(principal.tenantId, request);
    await this.audit.record(this.request, principal, {
      tenantId: principal.tenantId,
      action: 'role.created',
      resource: { type: 'role', id: role.key },
      after: { key: role.key, name: role.name, permissions: role.permissions },
    });
    return role;
  }

  /** A new tenant, with its creator as its first member and administrator, so they can switch to it and add people. */
  async createTenant(principal: Principal, request: CreateTenantRequest): Promise<TenantSummary> {
    const tenant = await this.tenancy.createTenant(request.name, request.odsCode ?? null);
    await this.tenancy.addMember(tenant.id, principal.userId);
    await this.rbac.assignRole(tenant.id, principal.userId, 'admin', 'admin', principal.userId);
    const after = { name: tenant.name, odsCode: tenant.odsCode };
    // Recorded where the admin acted, and as the first record of the new organisation's own trail.
    for (const tenantId of [principal.tenantId, tenant.id]) {
      await this.audit.record(this.request, principal, {
        tenantId,
        action: 'tenant.created',
        resource: { type: 'tenant', id: tenant.id },
        after,
      });
    }
    return TenancyService.toSummary(tenant);
  }

  async listTenants(principal: Principal): Promise<TenantListResponse> {
    const tenants = await this.tenancy.tenantsOf(principal.userId);
    return { items: tenants.map((tenant) => TenancyService.toSummary(tenant)) };
  }

  private async assertMember(tenantId: string, userId: string): Promise<void> {
    if (!(await this.tenancy.isMember(tenantId, userId)))
      throw new NotFoundException('There is no such person in this organisation.');
  }
}
