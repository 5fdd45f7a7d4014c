import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service.js';
import type { AuditActor, AuditOutcome } from '../audit/audit.types.js';
import { requestIdOf } from '../platform/logging/request-id.js';
import type { Principal } from './principal.js';

export interface AccessAuditEvent {
  tenantId: string;
  /** `<resource>.<past-tense verb>`, e.g. `role.granted`, `auth.login-failed`. */
  action: string;
  resource: { type: string; id?: string | null };
  outcome?: AuditOutcome;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Records sign-ins, sign-outs, role changes and token changes in the audit trail. */
@Injectable()
export class AccessAudit {
  constructor(private readonly audit: AuditService) {}

  /** An event by a signed-in principal (or by the person named in `actor` during sign-in). */
  async record(
    request: Request | undefined,
    actor: Principal | { userId: string | null; displayName: string | null; roles?: string[] },
    event: AccessAuditEvent,
  ): Promise<void> {
    const via = 'via' in actor ? actor.via : 'session';
    const auditActor: AuditActor = {
      type: via === 'api_token' ? 'api-token' : 'person',
      userId: actor.userId,
      displayName: actor.displayName,
      role: actor.roles?.length ? actor.roles.join(', ') : null,
      ip: request?.ip ?? null,
      userAgent: request?.get('user-agent')?.slice(0, 500) ?? null,
    };
    await this.audit.record({
      tenantId: event.tenantId,
      actor: auditActor,
      action: event.action,
      resource: event.resource,
      outcome: event.outcome ?? 'success',
      reason: event.reason ?? null,
      requestId: request ? requestIdOf(request) : null,
      before: event.before,
      after: event.after,
    });
  }
}
