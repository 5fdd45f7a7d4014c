import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  InvitationListResponse,
  InvitationSummary,
  RoleListResponse,
  RoleSummary,
  TenantListResponse,
  TenantSummary,
  UserListResponse,
} from '@trustops/contracts';
import type { Request } from 'express';
import { AuditedByHandler } from '../audit/audit-action.decorators.js';
import { AccessAdminService } from './access-admin.service.js';
import { RequirePermission } from './access.decorators.js';
import { AssignRoleDto } from './dto/assign-role.dto.js';
import { CreateRoleDto } from './dto/create-role.dto.js';
import { CreateTenantDto } from './dto/create-tenant.dto.js';
import { InvitePersonDto } from './dto/invite-person.dto.js';
import { invitationIdPipe } from './invitation-id.pipe.js';
import { InvitationsService } from './invitations.service.js';
import { CurrentPrincipal, type Principal } from './principal.js';

/** Administration of who may do what, in the caller's active tenant. */
@ApiTags('Access control')
@Controller('api/admin')
export class AccessAdminController {
  constructor(
    private readonly service: AccessAdminService,
    private readonly invitations: InvitationsService,
  ) {}

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

  @Get('invitations')
  @RequirePermission('users:read')
  @ApiOperation({ summary: 'List the invitations to the active tenant that nobody has answered yet' })
  listInvitations(@CurrentPrincipal() principal: Principal): Promise<InvitationListResponse> {
    return this.invitations.list(principal);
  }

  @Post('invitations')
  @RequirePermission('users:write')
  @AuditedByHandler('user.invited', { resourceType: 'invitation' })
  @ApiOperation({
    summary: 'Invite someone by email to join the active tenant with a role',
    description:
      'The answer is the same whoever the email belongs to. Inviting an email that already has an open ' +
      'invitation here renews it (new role, 14 more days).',
  })
  invite(
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
    @Body() body: InvitePersonDto,
  ): Promise<InvitationSummary> {
    return this.invitations.invite(request, principal, body);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(204)
  @RequirePermission('users:write')
  @AuditedByHandler('invitation.revoked', { resourceType: 'invitation', resourceIdParam: 'invitationId' })
  @ApiOperation({ summary: 'Withdraw an invitation to the active tenant' })
  async revokeInvitation(
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
    @Param('invitationId', invitationIdPipe()) invitationId: string,
  ): Promise<void> {
    await this.invitations.revoke(request, principal, invitationId);
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
