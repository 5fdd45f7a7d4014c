import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  isRoleName,
  PERMISSIONS,
  permissionsForRoles,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLES,
  type CreateRoleRequest,
  type Permission,
  type RoleAssignmentSource,
  type RoleSummary,
} from '@trustops/contracts';
import { In, Repository } from 'typeorm';
import { TenantScope } from '../tenancy/tenant-scope.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { Role } from './role.entity.js';

export interface TenantAccess {
  roles: string[];
  permissions: Permission[];
}

const BUILT_IN_DESCRIPTIONS: Record<(typeof ROLES)[number], string> = {
  clinician: 'Runs guided wizards and reads their own work.',
  analyst: 'Works with workspaces, agent runners, tasks and runbooks.',
  operator: 'Handles incidents, revenue-cycle runs and batches, and answers requests for input.',
  supervisor: 'Approves or rejects decisions.',
  compliance: 'Reads the audit trail and exports evidence.',
  admin: 'Manages users, roles, tenants and settings.',
};

/** Roles, custom roles and role assignments, always within one tenant. */
@Injectable()
export class RbacService {
  constructor(
    @InjectRepository(Role) private readonly roleRepository: Repository<Role>,
    @InjectRepository(RoleAssignment) private readonly assignmentRepository: Repository<RoleAssignment>,
  ) {}

  /** The roles `userId` holds in `tenantId` and the permissions they add up to. */
  async accessFor(userId: string, tenantId: string): Promise<TenantAccess> {
    const assignments = await this.assignments(tenantId).find({ where: { userId }, order: { role: 'ASC' } });
    const roles = assignments.map((assignment) => assignment.role);
    const customKeys = roles.filter((role) => !isRoleName(role));
    const customRoles = customKeys.length ? await this.roles(tenantId).find({ where: { key: In(customKeys) } }) : [];
    const custom = Object.fromEntries(customRoles.map((role) => [role.key, role.permissions]));
    return { roles, permissions: permissionsForRoles(roles, custom) };
  }

  async assignmentsOf(tenantId: string, userIds: readonly string[]): Promise<RoleAssignment[]> {
    if (userIds.length === 0) return [];
    return this.assignments(tenantId).find({ where: { userId: In([...userIds]) }, order: { role: 'ASC' } });
  }

  /** Grants `role`; returns false when the person already held it. */
  async assignRole(
    tenantId: string,
    userId: string,
    role: string,
    source: RoleAssignmentSource,
    assignedById: string | null,
  ): Promise<boolean> {
    await this.assertRoleExists(tenantId, role);
    const result = await this.assignmentRepository
      .createQueryBuilder()
      .insert()
      .values({ tenantId, userId, role, source, assignedById })
      .orIgnore()
      .execute();
    return Array.isArray(result.raw) && result.raw.length > 0;
  }

  /** Revokes `role`; 404 when the person does not hold it, 409 when it would leave the tenant without an administrator. */
  async revokeRole(tenantId: string, userId: string, role: string): Promise<void> {
    const scope = this.assignments(tenantId);
    const existing = await scope.findOne({ userId, role });
    if (!existing) throw new NotFoundException(`That person does not hold the ${role} role here.`);
    if (role === 'admin' && (await scope.count({ role: 'admin' })) <= 1) {
      throw new ConflictException(
        'This is the last administrator of the organisation. Make someone else an administrator first.',
      );
    }
    await scope.delete({ id: existing.id });
  }

  /**
   * Replaces the roles that came from the identity provider with `roles` (mapped from this
   * sign-in's claims); roles an administrator gave stay. Unknown custom role keys are skipped.
   */
  async syncIdentityProviderRoles(tenantId: string, userId: string, roles: readonly string[]): Promise<void> {
    const known: string[] = [];
    for (const role of roles) if (await this.roleExists(tenantId, role)) known.push(role);
    await this.assignmentRepository.manager.transaction(async (manager) => {
      const repository = manager.getRepository(RoleAssignment);
      const current = await repository.find({ where: { tenantId, userId } });
      const stale = current.filter(
        (assignment) => assignment.source === 'identity_provider' && !known.includes(assignment.role),
      );
      if (stale.length) await repository.delete({ id: In(stale.map((assignment) => assignment.id)) });
      const held = new Set(current.map((assignment) => assignment.role));
      const missing = known.filter((role) => !held.has(role));
      if (missing.length) {
        await repository
          .createQueryBuilder()
          .insert()
          .values(
            missing.map((role) => ({
              tenantId,
              userId,
              role,
              source: 'identity_provider' as const,
              assignedById: null,
            })),
          )
          .orIgnore()
          .execute();
      }
    });
  }

  async listRoles(tenantId: string): Promise<RoleSummary[]> {
    const builtIn: RoleSummary[] = ROLES.map((role) => ({
      key: role,
      name: ROLE_LABELS[role],
      description: BUILT_IN_DESCRIPTIONS[role],
      builtIn: true,
      permissions: [...ROLE_PERMISSIONS[role]],
    }));
    const custom = await this.roles(tenantId).find({ order: { name: 'ASC' } });
    return [...builtIn, ...custom.map((role) => toRoleSummary(role))];
  }

  async createRole(tenantId: string, request: CreateRoleRequest): Promise<RoleSummary> {
    if (isRoleName(request.key))
      throw new ConflictException(`"${request.key}" is a built-in role. Choose another key.`);
    const unknown = request.permissions.filter(
      (permission) => !(PERMISSIONS as readonly string[]).includes(permission),
    );
    if (unknown.length) throw new BadRequestException(`Unknown permissions: ${unknown.join(', ')}.`);
    const scope = this.roles(tenantId);
    if (await scope.findOne({ key: request.key }))
      throw new ConflictException(`A role with the key "${request.key}" already exists.`);
    const role = await scope.save(
      scope.create({
        key: request.key,
        name: request.name,
        description: request.description ?? '',
        permissions: [...new Set(request.permissions)],
      }),
    );
    return toRoleSummary(role);
  }

  /** Role key → name in `tenantId`, built-in and custom roles alike. */
  async roleNames(tenantId: string): Promise<Map<string, string>> {
    return new Map((await this.listRoles(tenantId)).map((role) => [role.key, role.name]));
  }

  async roleExists(tenantId: string, role: string): Promise<boolean> {
    return isRoleName(role) || (await this.roles(tenantId).count({ key: role })) > 0;
  }

  /** BadRequestException naming `role` unless it is a built-in role or a custom role of `tenantId`. */
  async assertRoleExists(tenantId: string, role: string): Promise<void> {
    if (!(await this.roleExists(tenantId, role)))
      throw new BadRequestException(`There is no role called "${role}" in this organisation.`);
  }

  private roles(tenantId: string): TenantScope<Role> {
    return new TenantScope(this.roleRepository, tenantId);
  }

  private assignments(tenantId: string): TenantScope<RoleAssignment> {
    return new TenantScope(this.assignmentRepository, tenantId);
  }
}

function toRoleSummary(role: Role): RoleSummary {
  return {
    key: role.key,
    name: role.name,
    description: role.description,
    builtIn: false,
    permissions: role.permissions,
  };
}
