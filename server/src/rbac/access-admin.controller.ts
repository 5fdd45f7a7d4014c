import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  RoleListResponse,
  RoleSummary,
  TenantListResponse,
  TenantSummary,
  UserListResponse,
} from '@trustops/contracts';
import { AuditedByHandler } from '../audit/audit-action.decorators.js';
import { AccessAdminService } from './access-admin.service.js';
import { RequirePermission } from './access.decorators.js';
import { AddMemberDto } from './dto/add-member.dto.js';
import { AssignRoleDto } from './dto/assign-role.dto.js';
import { CreateRoleDto } from './dto/create-role.dto.js';
import { CreateTenantDto } from './dto/create-tenant.dto.js';
import { CurrentPrincipal, type Principal } from './principal.js';

/** Administration of who may do what, in the caller's active tenant. */
@ApiTags('Access control')
@Controller('api/admin')
export class AccessAdminController {
  constructor(private readonly service: AccessAdminService) {}

  @Get('users')
  @RequirePermission('users:read')
  @ApiOperation({ summary: 'List the people in the active tenant with their roles' })
  listUsers(@CurrentPrincipal() principal: Principal): Promise<UserListResponse> {
    return this.service.listUsers(principal);
  }

  @Post('users/:userId/roles')
  @HttpCode(204)
  @RequirePermission('users:write')
  @AuditedByHandler('role.granted', { resourceType: 'user', resourceIdParam: 'userId' })
  @ApiOperation({ summary: 'Give a person a role in the active tenant' })
  async assignRole(
    @CurrentPrincipal() principal: Principal,
    @Param('userId', new ParseUUIDPipe({ exceptionFactory: () => notFoundPerson() })) userId: string,
    @Body() body: AssignRoleDto,
  ): Promise<void> {
    await this.service.assignRole(principal, userId, body.role);
  }

  @Delete('users/:userId/roles/:role')
  @HttpCode(204)
  @RequirePermission('users:write')
  @AuditedByHandler('role.revoked', { resourceType: 'user', resourceIdParam: 'userId' })
  @ApiOperation({ summary: 'Take a role away from a person in the active tenant' })
  async revokeRole(
    @CurrentPrincipal() principal: Principal,
    @Param('userId', new ParseUUIDPipe({ exceptionFactory: () => notFoundPerson() })) userId: string,
    @Param('role') role: string,
  ): Promise<void> {
    await this.service.revokeRole(principal, userId, role);
  }

  @Get('roles')
  @RequirePermission('roles:read')
  @ApiOperation({ summary: 'List built-in and custom roles with their permissions' })
  listRoles(@CurrentPrincipal() principal: Principal): Promise<RoleListResponse> {
    return this.service.listRoles(principal);
  }

  @Post('roles')
  @RequirePermission('roles:write')
  @AuditedByHandler('role.created', { resourceType: 'role' })
  @ApiOperation({ summary: 'Create a custom role in the active tenant' })
  createRole(@CurrentPrincipal() principal: Principal, @Body() body: CreateRoleDto): Promise<RoleSummary> {
    return this.service.createRole(principal, body);
  }

  @Post('users')
  @HttpCode(204)
  @RequirePermission('users:write')
  @AuditedByHandler('user.added', { resourceType: 'user' })
  @ApiOperation({ summary: 'Bring someone who has signed in before into the active tenant, with a role' })
  async addMember(@CurrentPrincipal() principal: Principal, @Body() body: AddMemberDto): Promise<void> {
    await this.service.addMember(principal, body);
  }

  @Post('tenants')
  @RequirePermission('tenants:write')
  @AuditedByHandler('tenant.created', { resourceType: 'tenant' })
  @ApiOperation({ summary: 'Create a tenant; the caller becomes its first administrator' })
  createTenant(@CurrentPrincipal() principal: Principal, @Body() body: CreateTenantDto): Promise<TenantSummary> {
    return this.service.createTenant(principal, body);
  }

  @Get('tenants')
  @RequirePermission('tenants:read')
  @ApiOperation({ summary: 'List the tenants the caller belongs to' })
  listTenants(@CurrentPrincipal() principal: Principal): Promise<TenantListResponse> {
    return this.service.listTenants(principal);
  }
}

function notFoundPerson(): NotFoundException {
  return new NotFoundException('There is no such person in this organisation.');
}
