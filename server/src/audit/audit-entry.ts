import { randomUUID } from 'node:crypto';
import type { AuditContentSource } from './audit-hash.js';
import { AuditException, AuditExceptionCode } from './audit.exception.js';
import { AUDIT_ACTOR_TYPES, AUDIT_OUTCOMES, type AuditEntry } from './audit.types.js';
import { cleanText, redactPersonalData, redactText } from './redaction.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
const RESOURCE_TYPE = /^[A-Za-z][\w-]*$/;

/** `<resource>.<past-tense verb>` in lower-case kebab, e.g. `role.granted`, `api-token.revoked`. */
export function isAuditAction(action: string): boolean {
  return action.length <= 100 && ACTION.test(action);
}

export function assertTenantId(tenantId: string): void {
  if (!UUID.test(tenantId)) {
    throw new AuditException(AuditExceptionCode.InvalidQuery, 'tenantId must be a UUID');
  }
}

/**
 * Validates an entry and reduces it to exactly what will be stored and hashed: personal data
 * redacted from the summaries and the reason, text cleaned and cut to its column's length.
 */
export function prepareAuditContent(entry: AuditEntry): AuditContentSource {
  const invalid = (message: string) => new AuditException(AuditExceptionCode.InvalidEntry, message);
  if (!UUID.test(entry.tenantId)) {
    throw invalid('tenantId must be a UUID');
  }
  if (!AUDIT_ACTOR_TYPES.includes(entry.actor.type)) {
    throw invalid(`actor.type must be one of ${AUDIT_ACTOR_TYPES.join(', ')}`);
  }
  if (!isAuditAction(entry.action)) {
    throw invalid(`action must look like "role.granted" (got "${cleanText(entry.action, 100)}")`);
  }
  if (entry.resource.type.length > 100 || !RESOURCE_TYPE.test(entry.resource.type)) {
    throw invalid(
      `resource.type must be a word such as "role" or "api-token" (got "${cleanText(entry.resource.type, 100)}")`,
    );
  }
  const outcome = entry.outcome ?? 'success';
  if (!AUDIT_OUTCOMES.includes(outcome)) {
    throw invalid(`outcome must be one of ${AUDIT_OUTCOMES.join(', ')}`);
  }
  const occurredAt = entry.occurredAt ?? new Date();
  if (Number.isNaN(occurredAt.getTime())) {
    throw invalid('occurredAt must be a valid date');
  }
  const text = (value: string | null | undefined, maxLength: number) =>
    value === null || value === undefined ? null : cleanText(value, maxLength);
  return {
    id: randomUUID(),
    tenantId: entry.tenantId.toLowerCase(),
    occurredAt,
    actorType: entry.actor.type,
    actorUserId: text(entry.actor.userId, 200),
    actorDisplayName: text(entry.actor.displayName, 200),
    actorRole: text(entry.actor.role, 100),
    actorIp: text(entry.actor.ip, 64),
    actorUserAgent: text(entry.actor.userAgent, 512),
    action: entry.action,
    resourceType: entry.resource.type,
    resourceId: text(entry.resource.id, 200),
    outcome,
    reason: entry.reason === null || entry.reason === undefined ? null : redactText(entry.reason, 2000),
    requestId: text(entry.requestId, 128),
    before: redactPersonalData(entry.before),
    after: redactPersonalData(entry.after),
  };
}

/** `audit_append`'s parameters, in order: the record's columns, then its canonical content JSON. */
export const AUDIT_APPEND_SQL =
  'SELECT sequence, previous_hash, hash FROM audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)';

export function auditAppendParameters(content: AuditContentSource, contentJson: string): unknown[] {
  return [
    content.id,
    content.tenantId,
    content.occurredAt.toISOString(),
    content.actorType,
    content.actorUserId,
    content.actorDisplayName,
    content.actorRole,
    content.actorIp,
    content.actorUserAgent,
    content.action,
    content.resourceType,
    content.resourceId,
    content.outcome,
    content.reason,
    content.requestId,
    content.before === null ? null : JSON.stringify(content.before),
    content.after === null ? null : JSON.stringify(content.after),
    contentJson,
  ];
}
