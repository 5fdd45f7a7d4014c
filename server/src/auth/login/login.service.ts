import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { AccessAudit } from '../../rbac/access-audit.service.js';
import { RbacService } from '../../rbac/rbac.service.js';
import { DEFAULT_TENANT, TenancyService } from '../../tenancy/tenancy.service.js';
import type { Tenant } from '../../tenancy/tenant.entity.js';
import { AuthSettings } from '../auth-settings.js';
import type { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { LoginFailedException, type LoginFailureReason } from './login-failure.js';
import type { OidcLoginTokens } from './oidc.strategy.js';
import { OidcClientService } from './oidc-client.service.js';
import { mapClaimsToRoles } from './role-mapping.js';
import { vouchedEmail } from './vouched-email.js';

export interface CompletedLogin {
  user: User;
  tenant: Tenant;
  roles: string[];
  idToken: string;
}

/** After the provider vouches for someone: provision them, map their roles, pick their tenant. */
@Injectable()
export class LoginService {
  private readonly logger = new Logger(LoginService.name);

  constructor(
    private readonly settings: AuthSettings,
    private readonly oidc: OidcClientService,
    private readonly users: UsersService,
    private readonly tenancy: TenancyService,
    private readonly rbac: RbacService,
    private readonly audit: AccessAudit,
  ) {}

  async complete(request: Request, tokens: OidcLoginTokens): Promise<CompletedLogin> {
    const subject = String(tokens.claims['sub']);
    // CIS2 releases role claims from userinfo only; ID-token claims win where both have one.
    const userInfo = await this.oidc.fetchUserInfo(tokens.accessToken, subject).catch((error: unknown) => {
      this.logger.warn(`Userinfo unavailable, using ID token claims only: ${String(error)}`);
      return {};
    });
    const claims = { ...userInfo, ...tokens.claims };
    const user = await this.users.provision({
      issuer: typeof claims['iss'] === 'string' ? claims['iss'] : this.settings.issuer,
      subject,
      name: displayName(claims),
      email: vouchedEmail(claims),
    });
    if (user.status !== 'active') throw new LoginFailedException('account-disabled', `user ${user.id}`);

    const mapped = mapClaimsToRoles(claims, { roleClaim: this.settings.roleClaim, roleMap: this.settings.roleMap });
    const tenant = await this.tenantFor(mapped.organisationCode);
    await this.tenancy.addMember(tenant.id, user.id);
    await this.rbac.syncIdentityProviderRoles(tenant.id, user.id, mapped.roles);
    const { roles } = await this.rbac.accessFor(user.id, tenant.id);

    await this.audit.record(
      request,
      { userId: user.id, displayName: user.name, roles },
      {
        tenantId: tenant.id,
        action: 'auth.signed-in',
        resource: { type: 'user', id: user.id },
        after: {
          roles,
          acr: typeof claims['acr'] === 'string' ? claims['acr'] : null,
          organisationCode: mapped.organisationCode ?? null,
        },
      },
    );
    return { user, tenant, roles, idToken: tokens.idToken };
  }

  /** Failed sign-ins go to the default tenant's trail: the person may not be known yet. */
  async recordFailure(request: Request, reason: LoginFailureReason, detail: string | undefined): Promise<void> {
    try {
      const tenant = await this.tenancy.findBySlug(this.settings.defaultTenantSlug);
      if (!tenant) return;
      await this.audit.record(
        request,
        { userId: null, displayName: null },
        {
          tenantId: tenant.id,
          action: 'auth.sign-in-failed',
          resource: { type: 'session' },
          outcome: 'failure',
          reason: detail ? `${reason}: ${detail.slice(0, 300)}` : reason,
        },
      );
    } catch (error) {
      this.logger.error(`Could not audit a failed sign-in: ${String(error)}`);
    }
  }

  private async tenantFor(organisationCode: string | undefined): Promise<Tenant> {
    if (organisationCode) {
      const byOrganisation = await this.tenancy.findByOdsCode(organisationCode);
      if (byOrganisation) return byOrganisation;
    }
    const fallback = await this.tenancy.findBySlug(this.settings.defaultTenantSlug);
    if (fallback) return fallback;
    if (this.settings.defaultTenantSlug === DEFAULT_TENANT.slug)
      return this.tenancy.ensureTenant(DEFAULT_TENANT.slug, DEFAULT_TENANT.name);
    throw new LoginFailedException('no-organisation', organisationCode ?? 'no organisation code in the claims');
  }
}

function displayName(claims: Record<string, unknown>): string {
  const text = (key: string): string | undefined =>
    typeof claims[key] === 'string' && claims[key].trim() ? claims[key].trim() : undefined;
  const given = [text('given_name'), text('family_name')].filter(Boolean).join(' ');
  return (
    text('name') ??
    (given || undefined) ??
    text('email') ??
    text('preferred_username') ??
    'Unnamed person'
  ).slice(0, 200);
}
