import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE } from './auth-settings.js';
import { PrincipalResolver } from './principal.resolver.js';
import { parseCookies } from './session/cookies.js';
import { SessionCookie } from './session/session-cookie.js';
import { handledSessions } from './session/session.service.js';
import { SessionStore } from './session/session.store.js';
import { ApiTokensService } from './tokens/api-tokens.service.js';

const ANONYMOUS_LIFETIME_MS = 30 * 60_000;

/**
 * Runs before guards on every request (except the development identity provider's): resolves the
 * principal from `Authorization: Bearer trustops_pat_…` or from the session cookie, exposes the
 * session's data as `request.session`, and saves changes to it when the response ends.
 */
@Injectable()
export class AuthenticationMiddleware implements NestMiddleware {
  private readonly logger = new Logger(AuthenticationMiddleware.name);

  constructor(
    private readonly store: SessionStore,
    private readonly cookie: SessionCookie,
    private readonly principals: PrincipalResolver,
    private readonly tokens: ApiTokensService,
  ) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    try {
      const authorization = request.get('authorization');
      if (authorization && /^bearer\s/i.test(authorization)) {
        request.session = {};
        request.sessionRecord = null;
        const result = await this.tokens.authenticate(authorization.replace(/^bearer\s+/i, '').trim());
        if ('principal' in result) request.principal = result.principal;
        else request.authenticationFailure = result.failure;
        next();
        return;
      }

      const cookieValue = parseCookies(request.headers.cookie)[SESSION_COOKIE];
      const record = await this.store.load(cookieValue);
      request.sessionRecord = record;
      request.session = { ...(record?.data ?? {}) };
      if (cookieValue && !record) {
        request.authenticationFailure = 'Your session has ended. Sign in again.';
        this.cookie.clear(response);
      }
      if (record?.userId) {
        const principal = await this.principals.forSession(record);
        if (principal) {
          request.principal = principal;
        } else {
          await this.store.destroy(record.id);
          request.sessionRecord = null;
          request.authenticationFailure =
            'Your access to TrustOps has ended. Ask an administrator if you think this is a mistake.';
          this.cookie.clear(response);
        }
      }
      this.saveWhenResponseEnds(request, response, JSON.stringify(request.session));
      next();
    } catch (error) {
      next(error);
    }
  }

  /**
   * Passport's OIDC strategy writes the login's PKCE verifier, state and nonce into
   * `request.session` and redirects at once; this saves them before the response is sent.
   */
  private saveWhenResponseEnds(request: Request, response: Response, before: string): void {
    const end = response.end.bind(response) as (...args: unknown[]) => Response;
    let ending = false;
    response.end = ((...args: unknown[]) => {
      if (ending) return end(...args);
      ending = true;
      this.persist(request, response, before)
        .catch((error: unknown) => this.logger.error(`Could not save the session: ${String(error)}`))
        .finally(() => end(...args));
      return response;
    }) as Response['end'];
  }

  private async persist(request: Request, response: Response, before: string): Promise<void> {
    if (handledSessions.has(request)) return;
    const data = request.session ?? {};
    const after = JSON.stringify(data);
    if (after === before) return;
    if (request.sessionRecord) {
      await this.store.saveData(request.sessionRecord.id, data);
    } else if (Object.keys(data).length > 0) {
      const { cookieValue } = await this.store.create({ userId: null, activeTenantId: null, data });
      this.cookie.set(response, cookieValue, ANONYMOUS_LIFETIME_MS);
    }
  }
}
