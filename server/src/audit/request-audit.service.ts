import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppConfig } from '../platform/config/app-config.js';
import { requestIdOf } from '../platform/logging/request-id.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { AUDIT_ACTION_METADATA, type AuditActionRule } from './audit-action.decorators.js';
import { AuditException, AuditExceptionCode } from './audit.exception.js';
import { AuditService } from './audit.service.js';
import type { AuditActor, AuditOutcome } from './audit.types.js';
import type { JsonValue } from './canonical-json.js';
import {
  AUDITED_METHODS,
  auditActorOf,
  auditFailureOf,
  auditTargetOf,
  routePathOf,
  summariseRequestBody,
  type RequestAuditTarget,
} from './request-audit-entry.js';

/** A state-changing request on its way through, as the automatic audit will record it. */
export interface RequestAuditAttempt {
  target: RequestAuditTarget;
  actor: AuditActor;
  /** The principal's active tenant; null for an anonymous request (recorded in the default tenant). */
  tenantId: string | null;
  requestId: string;
  after: JsonValue | null;
}

/**
 * The automatic audit of state-changing requests: AuditInterceptor records what handlers did,
 * AccessGuard what it refused (guards run before interceptors, so only the guard sees those).
 */
@Injectable()
export class RequestAudit {
  private defaultTenantId: string | undefined;

  constructor(
    private readonly audit: AuditService,
    private readonly tenancy: TenancyService,
    private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  /** What will be recorded for this request, taken before the handler runs; null for a read or a non-HTTP context. */
  begin(context: ExecutionContext): RequestAuditAttempt | null {
    if (context.getType() !== 'http') return null;
    const request = context.switchToHttp().getRequest<Request>();
    if (!AUDITED_METHODS.has(request.method)) return null;
    const controller = context.getClass();
    const handler = context.getHandler();
    const rule = this.reflector.get<AuditActionRule | undefined>(AUDIT_ACTION_METADATA, handler);
    return {
      target: auditTargetOf({
        controllerName: controller.name,
        handlerName: handler.name,
        routePath: routePathOf(controller, handler),
        params: request.params,
        ...(rule ? { rule } : {}),
      }),
      actor: auditActorOf(request),
      tenantId: request.principal?.tenantId ?? null,
      requestId: requestIdOf(request),
      after: summariseRequestBody(request.body),
    };
  }

  /** Records the success, unless the handler records its own domain event (`@AuditedByHandler`). */
  async recordSuccess(attempt: RequestAuditAttempt): Promise<void> {
    if (attempt.target.successRecordedBy === 'handler') return;
    await this.write(attempt, 'success', null);
  }

  /** Records a request that threw: `denied` for 401/403, `failure` otherwise, with the reason. */
  async recordFailure(attempt: RequestAuditAttempt, error: unknown): Promise<void> {
    const { outcome, reason } = auditFailureOf(error, attempt.requestId);
    await this.write(attempt, outcome, reason);
  }

  private async write(attempt: RequestAuditAttempt, outcome: AuditOutcome, reason: string | null): Promise<void> {
    try {
      await this.audit.record({
        tenantId: attempt.tenantId ?? (await this.defaultTenant()),
        actor: attempt.actor,
        action: attempt.target.action,
        resource: attempt.target.resource,
        outcome,
        reason,
        requestId: attempt.requestId,
        after: attempt.after,
      });
    } catch (error) {
      throw new AuditException(
        AuditExceptionCode.WriteFailed,
        `Could not audit ${attempt.target.action} (${outcome}${reason === null ? '' : `: ${reason}`}) for request ${attempt.requestId}`,
        { cause: error },
      );
    }
  }

  /** Anonymous requests go to the default tenant's trail, as failed sign-ins do. */
  private async defaultTenant(): Promise<string> {
    if (this.defaultTenantId === undefined) {
      const slug = this.config.env.OIDC_DEFAULT_TENANT;
      const tenant = await this.tenancy.findBySlug(slug);
      if (!tenant)
        throw new Error(`There is no tenant "${slug}" (OIDC_DEFAULT_TENANT) to record anonymous requests in`);
      this.defaultTenantId = tenant.id;
    }
    return this.defaultTenantId;
  }
}
