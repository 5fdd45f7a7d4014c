import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { LOGIN_PATH } from '../auth-settings.js';
import { LoginFailedException } from './login-failure.js';
import { OidcClientService } from './oidc-client.service.js';
import { OIDC_STRATEGY } from './oidc.strategy.js';
import { safeReturnTo } from './return-to.js';

/**
 * `@nestjs/passport`'s guard around openid-client's strategy. On `/auth/login` it remembers where to
 * return and lets the strategy redirect to the provider; on `/auth/callback` it completes the code
 * exchange (PKCE, state, nonce, ID token checks) and hands the tokens to the handler.
 */
@Injectable()
export class OidcLoginGuard extends AuthGuard(OIDC_STRATEGY) {
  constructor(private readonly oidc: OidcClientService) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const starting = request.path === LOGIN_PATH;
    // Someone already signed in goes straight back (the handler redirects).
    if (starting && request.principal) return true;
    await this.oidc.ensureStrategy();
    if (starting && request.session) request.session['returnTo'] = safeReturnTo(request.query['returnTo']);
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(error: unknown, user: TUser, info: unknown): TUser {
    if (error) {
      if (error instanceof LoginFailedException) throw error;
      throw new LoginFailedException(
        isUnreachable(error) ? 'provider-unavailable' : 'invalid-response',
        describe(error),
        { cause: error },
      );
    }
    if (!user) {
      const details = (info ?? {}) as { error?: unknown; message?: unknown };
      throw new LoginFailedException(
        details.error === 'access_denied' ? 'cancelled' : 'invalid-response',
        typeof details.message === 'string' ? details.message : undefined,
      );
    }
    return user;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? ` [${error.code}]` : '';
    // openid-client's ResponseBodyError carries the provider's own error and description.
    const details = error as { error?: unknown; error_description?: unknown };
    const provider =
      typeof details.error === 'string'
        ? ` (${details.error}${typeof details.error_description === 'string' ? `: ${details.error_description}` : ''})`
        : '';
    return `${error.message}${code}${provider}`;
  }
  return String(error);
}

function isUnreachable(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return error instanceof TypeError && error.message === 'fetch failed' && typeof cause?.code === 'string';
}
