import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { Permission } from '@trustops/contracts';

/** Who is making a request, resolved from the session cookie or an API token before guards run. */
export interface Principal {
  userId: string;
  displayName: string;
  /** The tenant the request acts in: the session's active tenant, or the API token's. */
  tenantId: string;
  /** Role keys held in that tenant. */
  roles: string[];
  /** What the principal may do in that tenant (for a token: its scopes within its owner's rights). */
  permissions: ReadonlySet<Permission>;
  via: 'session' | 'api_token';
  /** Set for `via: 'session'`. */
  sessionId?: string;
  /** Set for `via: 'session'`: what state-changing requests must echo in `X-CSRF-Token`. */
  csrfToken?: string;
  /** Set for `via: 'api_token'`. */
  apiTokenId?: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the authentication middleware when the request is signed in. */
    principal?: Principal;
    /** Why a presented credential (cookie or token) was refused, for the 401's message. */
    authenticationFailure?: string;
  }
}

/** The signed-in principal of a handler guarded by `@RequirePermission` or `@Authenticated`. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new UnauthorizedException('Sign in to use TrustOps.');
  return principal;
});
