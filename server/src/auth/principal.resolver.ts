import { Injectable } from '@nestjs/common';
import type { Permission } from '@trustops/contracts';
import { RbacService } from '../rbac/rbac.service.js';
import type { Principal } from '../rbac/principal.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import type { Session } from './session/session.entity.js';
import type { User } from './users/user.entity.js';
import { UsersService } from './users/users.service.js';

/** Turns a session or an API token into the principal guards and services see. */
@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly users: UsersService,
    private readonly tenancy: TenancyService,
    private readonly rbac: RbacService,
  ) {}

  /** Null when the person is gone, disabled, or no longer belongs to any tenant. */
  async forSession(session: Session): Promise<Principal | null> {
    if (!session.userId) return null;
    const user = await this.activeUser(session.userId);
    if (!user) return null;
    let tenantId = session.activeTenantId;
    if (!tenantId || !(await this.tenancy.isMember(tenantId, user.id))) {
      tenantId = (await this.tenancy.tenantsOf(user.id))[0]?.id ?? null;
      if (!tenantId) return null;
    }
    const access = await this.rbac.accessFor(user.id, tenantId);
    return {
      userId: user.id,
      displayName: user.name,
      tenantId,
      roles: access.roles,
      permissions: new Set(access.permissions),
      via: 'session',
      sessionId: session.id,
      ...(session.csrfToken ? { csrfToken: session.csrfToken } : {}),
    };
  }

  /** A token acts with its scopes, cut down to what its owner may still do in its tenant. */
  async forApiToken(token: {
    id: string;
    userId: string;
    tenantId: string;
    permissions: readonly Permission[];
  }): Promise<Principal | null> {
    const user = await this.activeUser(token.userId);
    if (!user || !(await this.tenancy.isMember(token.tenantId, user.id))) return null;
    const access = await this.rbac.accessFor(user.id, token.tenantId);
    const owned = new Set(access.permissions);
    return {
      userId: user.id,
      displayName: user.name,
      tenantId: token.tenantId,
      roles: access.roles,
      permissions: new Set(token.permissions.filter((permission) => owned.has(permission))),
      via: 'api_token',
      apiTokenId: token.id,
    };
  }

  private async activeUser(userId: string): Promise<User | null> {
    const user = await this.users.findById(userId);
    return user?.status === 'active' ? user : null;
  }
}
