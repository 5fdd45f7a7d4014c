import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Permission } from '@trustops/contracts';
import type { RequestAudit, RequestAuditAttempt } from '../audit/request-audit.service.js';
import { Authenticated, Public, RequirePermission } from './access.decorators.js';
import { AccessGuard } from './access.guard.js';
import type { Principal } from './principal.js';

class Handlers {
  @Public() open(): void {}
  @Authenticated() mine(): void {}
  @RequirePermission('decisions:approve') approve(): void {}
  undeclared(): void {}
}

function context(handler: keyof Handlers, request: Record<string, unknown>): ExecutionContext {
  const headers = (request['headers'] ?? {}) as Record<string, string>;
  const fullRequest = {
    method: 'GET',
    body: undefined,
    ...request,
    get: (name: string) => headers[name.toLowerCase()],
  };
  return {
    getType: () => 'http',
    getHandler: () => Handlers.prototype[handler],
    getClass: () => Handlers,
    switchToHttp: () => ({ getRequest: () => fullRequest }),
  } as unknown as ExecutionContext;
}

function principal(permissions: Permission[], via: Principal['via'] = 'session'): Principal {
  return {
    userId: 'u',
    displayName: 'U',
    tenantId: 't',
    roles: [],
    permissions: new Set(permissions),
    via,
    csrfToken: 'csrf-token-value',
  };
}

describe(AccessGuard.name, () => {
  const denials: unknown[] = [];
  const requestAudit = {
    begin: (context: ExecutionContext) =>
      context.switchToHttp().getRequest<{ method: string }>().method === 'GET'
        ? null
        : ({ requestId: 'r' } as RequestAuditAttempt),
    recordFailure: (_attempt: RequestAuditAttempt, error: unknown) => {
      denials.push(error);
      return Promise.resolve();
    },
  } as unknown as RequestAudit;
  const sut = new AccessGuard(new Reflector(), requestAudit);

  it('should refuse a handler that declares nothing, even for a signed-in person', async () => {
    await assert.rejects(
      sut.canActivate(context('undeclared', { principal: principal(['decisions:approve']) })),
      ForbiddenException,
    );
  });

  it('should let anyone call a public handler', async () => {
    assert.equal(await sut.canActivate(context('open', {})), true);
  });

  it('should answer 401 without a principal, with the reason a credential was refused', async () => {
    await assert.rejects(sut.canActivate(context('mine', {})), UnauthorizedException);
    await assert.rejects(
      sut.canActivate(context('approve', { authenticationFailure: 'This API token has expired.' })),
      /expired/,
    );
  });

  it('should answer 403 without the permission and allow with it', async () => {
    await assert.rejects(
      sut.canActivate(context('approve', { principal: principal(['runs:read']) })),
      ForbiddenException,
    );
    assert.equal(await sut.canActivate(context('approve', { principal: principal(['decisions:approve']) })), true);
    assert.equal(await sut.canActivate(context('mine', { principal: principal([]) })), true);
  });

  it('should demand the CSRF token on cookie-authenticated changes only', async () => {
    const withoutToken = { method: 'POST', principal: principal(['decisions:approve']) };
    await assert.rejects(sut.canActivate(context('approve', withoutToken)), /security token/);
    assert.equal(
      await sut.canActivate(context('approve', { ...withoutToken, headers: { 'x-csrf-token': 'csrf-token-value' } })),
      true,
    );
    assert.equal(
      await sut.canActivate(context('approve', { ...withoutToken, body: { _csrf: 'csrf-token-value' } })),
      true,
    );
    assert.equal(
      await sut.canActivate(
        context('approve', { method: 'POST', principal: principal(['decisions:approve'], 'api_token') }),
      ),
      true,
    );
  });

  it('should record a refused state-changing request in the audit trail before refusing it', async () => {
    denials.length = 0;
    await assert.rejects(
      sut.canActivate(context('approve', { method: 'DELETE', principal: principal(['runs:read'], 'api_token') })),
      ForbiddenException,
    );
    await assert.rejects(
      sut.canActivate(context('approve', { method: 'GET', principal: principal(['runs:read']) })),
      ForbiddenException,
    );
    assert.equal(denials.length, 1);
    assert.ok(denials[0] instanceof ForbiddenException);
  });

  it('should fail the request when the refusal cannot be recorded', async () => {
    const broken = {
      ...requestAudit,
      recordFailure: () => Promise.reject(new Error('database down')),
    } as unknown as RequestAudit;
    await assert.rejects(
      new AccessGuard(new Reflector(), broken).canActivate(
        context('approve', { method: 'POST', principal: principal([], 'api_token') }),
      ),
      /database down/,
    );
  });
});
