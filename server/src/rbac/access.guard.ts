import { timingSafeEqual } from 'node:crypto';
import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PERMISSION_LABELS } from '@trustops/contracts';
import type { Request } from 'express';
import { RequestAudit } from '../audit/request-audit.service.js';
import { ACCESS_METADATA, type AccessRule } from './access.decorators.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one global guard: every HTTP handler must declare `@Public()`, `@Authenticated()` or
 * `@RequirePermission(...)`; one that declares nothing is refused, so a forgotten decorator fails
 * closed. Unauthenticated → 401; signed in without the permission in the active tenant → 403;
 * a cookie-authenticated state-changing request without the session's CSRF token → 403.
 * A refused state-changing request is recorded in the audit trail as `denied`.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly requestAudit: RequestAudit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // WebSocket gateways authenticate their handshake with SocketAuthenticator instead.
    if (context.getType() !== 'http') return true;
    try {
      return this.decide(context);
    } catch (error) {
      // Guards run before interceptors, so AuditInterceptor never sees a refusal.
      const attempt = this.requestAudit.begin(context);
      if (attempt) await this.requestAudit.recordFailure(attempt, error);
      throw error;
    }
  }

  private decide(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<Request>();
    const principal = request.principal;

    if (principal?.via === 'session' && !SAFE_METHODS.has(request.method))
      assertCsrfToken(request, principal.csrfToken);

    if (!rule) {
      throw new ForbiddenException(
        'This endpoint does not declare who may use it, so nobody may. Add @Public(), @Authenticated() or @RequirePermission().',
      );
    }
    switch (rule.kind) {
      case 'public':
        return true;
      case 'authenticated':
        if (!principal) throw new UnauthorizedException(request.authenticationFailure ?? 'Sign in to use TrustOps.');
        return true;
      case 'permission':
        if (!principal) throw new UnauthorizedException(request.authenticationFailure ?? 'Sign in to use TrustOps.');
        if (!principal.permissions.has(rule.permission)) {
          throw new ForbiddenException(
            `You do not have permission to do this: it needs "${PERMISSION_LABELS[rule.permission]}" (${rule.permission}) in your current organisation.`,
          );
        }
        return true;
    }
  }
}

function assertCsrfToken(request: Request, expected: string | undefined): void {
  const header = request.get('x-csrf-token');
  const field =
    typeof request.body === 'object' && request.body !== null
      ? (request.body as Record<string, unknown>)['_csrf']
      : undefined;
  const supplied = header ?? (typeof field === 'string' ? field : undefined);
  if (!expected || !supplied || !constantTimeEquals(supplied, expected)) {
    throw new ForbiddenException(
      'This request is missing its security token. Reload the page and try again. (Send the csrfToken from GET /api/session in the X-CSRF-Token header.)',
    );
  }
}

function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
