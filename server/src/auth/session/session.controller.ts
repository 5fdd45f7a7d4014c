import { Body, Controller, ForbiddenException, Get, HttpCode, NotFoundException, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PERMISSIONS, type SessionResponse } from '@trustops/contracts';
import type { Request } from 'express';
import { AuditedByHandler } from '../../audit/audit-action.decorators.js';
import { AccessAudit } from '../../rbac/access-audit.service.js';
import { Authenticated } from '../../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../../rbac/principal.js';
import { RbacService } from '../../rbac/rbac.service.js';
import { TenancyService } from '../../tenancy/tenancy.service.js';
import { UsersService } from '../users/users.service.js';
import { SwitchTenantDto } from './dto/switch-tenant.dto.js';
import { SessionService } from './session.service.js';

/** Who is signed in, and which of their organisations they are working in. */
@ApiTags('Session')
@Controller('api/session')
export class SessionController {
  constructor(
    private readonly users: UsersService,
    private readonly tenancy: TenancyService,
    private readonly rbac: RbacService,
    private readonly sessions: SessionService,
    private readonly audit: AccessAudit,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'The signed-in person, their roles and permissions in the active tenant, and the CSRF token',
  })
  describe(@Req() request: Request, @CurrentPrincipal() principal: Principal): Promise<SessionResponse> {
    return this.describeSession(request, principal);
  }

  @Post('tenant')
  @HttpCode(200)
  @Authenticated()
  @AuditedByHandler('session.tenant-switched', { resourceType: 'tenant' })
  @ApiOperation({ summary: 'Switch the active tenant to another the person belongs to' })
  async switchTenant(
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
    @Body() body: SwitchTenantDto,
  ): Promise<SessionResponse> {
    if (principal.via !== 'session')
      throw new ForbiddenException('An API token always acts in the organisation it was created in.');
    if (!(await this.tenancy.isMember(body.tenantId, principal.userId)))
      throw new NotFoundException('There is no such organisation among yours.');
    await this.sessions.switchTenant(request, body.tenantId);
    const access = await this.rbac.accessFor(principal.userId, body.tenantId);
    const switched: Principal = {
      ...principal,
      tenantId: body.tenantId,
      roles: access.roles,
      permissions: new Set(access.permissions),
    };
    request.principal = switched;
    await this.audit.record(request, switched, {
      tenantId: body.tenantId,
      action: 'session.tenant-switched',
      resource: { type: 'tenant', id: body.tenantId },
      before: { tenantId: principal.tenantId },
    });
    return this.describeSession(request, switched);
  }

  private async describeSession(request: Request, principal: Principal): Promise<SessionResponse> {
    const [user, tenants] = await Promise.all([
      this.users.findById(principal.userId),
      this.tenancy.tenantsOf(principal.userId),
    ]);
    const active = tenants.find((tenant) => tenant.id === principal.tenantId);
    if (!user || !active) throw new NotFoundException('Your session no longer matches an account. Sign in again.');
    return {
      user: {
        id: user.id,
        displayName: user.name,
        ...(user.email ? { email: user.email } : {}),
        roles: principal.roles,
        tenantId: active.id,
      },
      roles: principal.roles,
      permissions: PERMISSIONS.filter((permission) => principal.permissions.has(permission)),
      tenants: tenants.map((tenant) => TenancyService.toSummary(tenant)),
      activeTenant: TenancyService.toSummary(active),
      csrfToken: principal.csrfToken ?? '',
      expiresAt: request.sessionRecord?.expiresAt.toISOString() ?? null,
    };
  }
}
