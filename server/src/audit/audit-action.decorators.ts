import { SetMetadata } from '@nestjs/common';
import { isAuditAction } from './audit-entry.js';

export const AUDIT_ACTION_METADATA = 'trustops:audit-action';

export interface AuditActionOptions {
  /** What was acted on, e.g. `incident`; defaults to the route's last `segment/:param` pair (`incidents`). */
  resourceType?: string;
  /** The route parameter that holds the resource's id, e.g. `incidentId`. */
  resourceIdParam?: string;
}

/** How the automatic audit (AuditInterceptor, and AccessGuard for denials) records a handler. */
export interface AuditActionRule extends AuditActionOptions {
  action: string;
  /** `handler`: the handler records its own success; the automatic audit records only failures and denials. */
  successRecordedBy: 'interceptor' | 'handler';
}

/**
 * Names what the automatic audit records for this state-changing handler, e.g.
 * `@AuditAction('incident.closed', { resourceType: 'incident', resourceIdParam: 'id' })`, instead of
 * the action derived from the route (`<controller>.<handler>`, e.g. `incidents.close`).
 */
export function AuditAction(action: string, options: AuditActionOptions = {}): MethodDecorator {
  return SetMetadata(AUDIT_ACTION_METADATA, auditActionRule(action, options, 'interceptor'));
}

/**
 * For a handler that records its own domain event when it succeeds (with a before/after only it
 * knows, e.g. `role.granted`): the automatic audit then records only its failures and denials,
 * under the same action, so that `action=role.granted` shows every attempt and its outcome.
 */
export function AuditedByHandler(action: string, options: AuditActionOptions = {}): MethodDecorator {
  return SetMetadata(AUDIT_ACTION_METADATA, auditActionRule(action, options, 'handler'));
}

function auditActionRule(
  action: string,
  options: AuditActionOptions,
  successRecordedBy: AuditActionRule['successRecordedBy'],
): AuditActionRule {
  // A typo fails when the module loads, not on the first request that would be audited.
  if (!isAuditAction(action)) throw new Error(`Audit actions look like "role.granted", not "${action}"`);
  return { action, ...options, successRecordedBy };
}
