import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../rbac/principal.js';
import { AuthSettings, SESSION_COOKIE } from './auth-settings.js';
import { PrincipalResolver } from './principal.resolver.js';
import { parseCookies } from './session/cookies.js';
import { SessionStore } from './session/session.store.js';
import { ApiTokensService } from './tokens/api-tokens.service.js';

/** The parts of a socket.io handshake (`socket.handshake`) that authentication reads. */
export interface SocketHandshake {
  headers: IncomingHttpHeaders;
  /** socket.io's `auth` payload; machine clients put `{ token: 'trustops_pat_…' }` here. */
  auth?: Record<string, unknown>;
}

/** Refused handshakes; gateways disconnect the socket with this message. */
export class SocketAuthenticationError extends Error {
  override readonly name = 'SocketAuthenticationError';
}

/**
 * Authenticates a WebSocket handshake the way HTTP requests are: the same session cookie (or an
 * API token), and only from our own origins, since browsers send cookies on cross-site
 * WebSocket connections too. Gateways call it in `handleConnection` and keep the principal on
 * the socket; subscriptions then check permissions with `assertSocketPermission`.
 */
@Injectable()
export class SocketAuthenticator {
  constructor(
    private readonly settings: AuthSettings,
    private readonly store: SessionStore,
    private readonly principals: PrincipalResolver,
    private readonly tokens: ApiTokensService,
  ) {}

  async authenticate(handshake: SocketHandshake): Promise<Principal> {
    const token =
      typeof handshake.auth?.['token'] === 'string' ? handshake.auth['token'] : bearer(handshake.headers.authorization);
    if (token) {
      const result = await this.tokens.authenticate(token);
      if ('failure' in result) throw new SocketAuthenticationError(result.failure);
      return result.principal;
    }
    const origin = handshake.headers.origin;
    if (origin && !this.settings.allowedOrigins.includes(origin)) {
      throw new SocketAuthenticationError('Connections from this site are not allowed.');
    }
    const session = await this.store.load(parseCookies(handshake.headers.cookie)[SESSION_COOKIE]);
    const principal = session ? await this.principals.forSession(session) : null;
    if (!principal) throw new SocketAuthenticationError('Sign in to use TrustOps.');
    return principal;
  }
}

function bearer(header: string | undefined): string | undefined {
  return header && /^bearer\s/i.test(header) ? header.replace(/^bearer\s+/i, '').trim() : undefined;
}
