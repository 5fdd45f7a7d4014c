import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { UsersModule } from '../auth/users/users.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { AccessAdminController } from './access-admin.controller.js';
import { AccessAdminService } from './access-admin.service.js';
import { AccessAudit } from './access-audit.service.js';
import { AccessGuard } from './access.guard.js';
import { Invitation } from './invitation.entity.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';
import { RbacService } from './rbac.service.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { Role } from './role.entity.js';

/** Roles, permissions, invitations to join a tenant, and the global guard that enforces permissions. */
@Module({
  imports: [TypeOrmModule.forFeature([Role, RoleAssignment, Invitation]), TenancyModule, UsersModule, AuditModule],
  controllers: [AccessAdminController, InvitationsController],
  providers: [
    RbacService,
    AccessAdminService,
    InvitationsService,
    AccessAudit,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [RbacService, AccessAudit],
})
export class RbacModule {}
