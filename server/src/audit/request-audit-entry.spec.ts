import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BadRequestException,
  Controller,
  ForbiddenException,
  NotFoundException,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../rbac/principal.js';
import { AuditAction, AuditedByHandler, type AuditActionRule } from './audit-action.decorators.js';
import { REDACTED } from './redaction.js';
import {
  auditActorOf,
  auditFailureOf,
  auditTargetOf,
  routePathOf,
  summariseRequestBody,
} from './request-audit-entry.js';

@Controller('api/incidents')
class IncidentsController {
  @Post(':incidentId/comments') addComment(): void {}
}

function request(fields: { principal?: Principal; ip?: string; userAgent?: string }): Request {
  return {
    principal: fields.principal,
    ip: fields.ip,
    get: (name: string) => (name === 'user-agent' ? fields.userAgent : undefined),
  } as unknown as Request;
}

describe(auditTargetOf.name, () => {
  it('should derive the action from the controller and handler, and the resource from the last segment/:param pair', () => {
    assert.deepEqual(
      auditTargetOf({
        controllerName: 'IncidentsController',
        handlerName: 'closeIncident',
        routePath: '/api/incidents/:id/close',
        params: { id: '42' },
      }),
      {
        action: 'incidents.close-incident',
        resource: { type: 'incidents', id: '42' },
        successRecordedBy: 'interceptor',
      },
    );
    assert.deepEqual(
      auditTargetOf({
        controllerName: 'AccessAdminController',
        handlerName: 'revokeRole',
        routePath: '/api/admin/users/:userId/roles/:role',
        params: { userId: 'u-1', role: 'analyst' },
      }).resource,
      { type: 'roles', id: 'analyst' },
    );
  });

  it('should use the last segment, without an id, for a route without parameters', () => {
    const target = auditTargetOf({
      controllerName: 'APIKeysController',
      handlerName: 'create',
      routePath: '/api/keys',
      params: {},
    });
    assert.deepEqual(target, {
      action: 'api-keys.create',
      resource: { type: 'keys', id: null },
      successRecordedBy: 'interceptor',
    });
  });

  it('should follow an explicit declaration, including who records the success', () => {
    const rule = (decorator: MethodDecorator): AuditActionRule => {
      class Target {
        handler(): void {}
      }
      decorator(Target.prototype, 'handler', Object.getOwnPropertyDescriptor(Target.prototype, 'handler')!);
      return Reflect.getMetadata('trustops:audit-action', Target.prototype.handler) as AuditActionRule;
    };
    const described = {
      controllerName: 'AccessAdminController',
      handlerName: 'assignRole',
      routePath: '/api/admin/users/:userId/roles',
      params: { userId: 'u-1' },
    };
    assert.deepEqual(
      auditTargetOf({ ...described, rule: rule(AuditedByHandler('role.granted', { resourceType: 'user' })) }),
      {
        action: 'role.granted',
        resource: { type: 'user', id: 'u-1' },
        successRecordedBy: 'handler',
      },
    );
    assert.deepEqual(
      auditTargetOf({
        ...described,
        rule: rule(AuditAction('person.promoted', { resourceType: 'person', resourceIdParam: 'missing' })),
      }),
      {
        action: 'person.promoted',
        resource: { type: 'person', id: null },
        successRecordedBy: 'interceptor',
      },
    );
  });

  it('should refuse a malformed action when the decorator is applied', () => {
    assert.throws(() => AuditAction('Role Granted'), /role\.granted/);
  });
});

describe(routePathOf.name, () => {
  it("should join the controller's prefix and the handler's path", () => {
    assert.equal(
      routePathOf(IncidentsController, IncidentsController.prototype.addComment),
      '/api/incidents/:incidentId/comments',
    );
  });
});

describe(auditActorOf.name, () => {
  it('should name the person or API token behind the request, with where it came from', () => {
    const principal: Principal = {
      userId: 'u-1',
      displayName: 'Priya Shah',
      tenantId: 't',
      roles: ['admin', 'analyst'],
      permissions: new Set(),
      via: 'api_token',
    };
    assert.deepEqual(auditActorOf(request({ principal, ip: '10.0.0.7', userAgent: 'cli/1.0' })), {
      type: 'api-token',
      userId: 'u-1',
      displayName: 'Priya Shah',
      role: 'admin, analyst',
      ip: '10.0.0.7',
      userAgent: 'cli/1.0',
    });
    assert.equal(auditActorOf(request({ principal: { ...principal, via: 'session' } })).type, 'person');
  });

  it('should record an anonymous caller as system/anonymous with its address', () => {
    assert.deepEqual(auditActorOf(request({ ip: '203.0.113.9' })), {
      type: 'system',
      userId: 'anonymous',
      displayName: null,
      role: null,
      ip: '203.0.113.9',
      userAgent: null,
    });
  });
});

describe(summariseRequestBody.name, () => {
  it('should redact passwords, tokens and CSRF fields and keep the rest', () => {
    assert.deepEqual(
      summariseRequestBody({ role: 'analyst', password: 'hunter2', refreshToken: 'abc', _csrf: 'xyz' }),
      {
        role: 'analyst',
        password: REDACTED,
        refreshToken: REDACTED,
        _csrf: REDACTED,
      },
    );
    assert.equal(summariseRequestBody(undefined), null);
  });

  it('should reduce a large body to its size and keys', () => {
    const summary = summariseRequestBody({
      notes: Array.from({ length: 100 }, () => 'x'.repeat(500)),
      title: 'Big',
    }) as { truncated: boolean; size: number; keys: string[] };
    assert.equal(summary.truncated, true);
    assert.ok(summary.size > 8_000);
    assert.deepEqual(summary.keys, ['notes', 'title']);
  });
});

describe(auditFailureOf.name, () => {
  it('should record 401 and 403 as denied and other errors as failures, with the status and message', () => {
    assert.deepEqual(auditFailureOf(new ForbiddenException('Not yours.'), 'r'), {
      outcome: 'denied',
      reason: '403 Forbidden: Not yours.',
    });
    assert.equal(auditFailureOf(new UnauthorizedException(), 'r').outcome, 'denied');
    assert.deepEqual(auditFailureOf(new NotFoundException('No such incident.'), 'r'), {
      outcome: 'failure',
      reason: '404 Not Found: No such incident.',
    });
    assert.equal(
      auditFailureOf(new BadRequestException(['name is too long', 'role must be a role key']), 'r').reason,
      '400 Bad Request: name is too long; role must be a role key',
    );
  });

  it("should keep an unexpected error's message out of the trail", () => {
    const { outcome, reason } = auditFailureOf(new TypeError('duplicate key (name)=(Jane Smith)'), 'r');
    assert.equal(outcome, 'failure');
    assert.match(reason, /^500 Internal Server Error: unexpected TypeError/);
    assert.doesNotMatch(reason, /Jane/);
  });
});
