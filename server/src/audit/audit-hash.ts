import { createHash } from 'node:crypto';
import type { AuditActorType, AuditOutcome } from './audit.types.js';
import { canonicalJson, type JsonValue } from './canonical-json.js';

/** The stored fields a record's hash covers (everything except `sequence`, `previousHash`, `hash`). */
export interface AuditContentSource {
  id: string;
  tenantId: string;
  occurredAt: Date;
  actorType: AuditActorType;
  actorUserId: string | null;
  actorDisplayName: string | null;
  actorRole: string | null;
  actorIp: string | null;
  actorUserAgent: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: AuditOutcome;
  reason: string | null;
  requestId: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
}

/**
 * The canonical JSON of a record's content. Built from stored columns only, so `verify` can
 * recompute it from what is in the table; every key is always present (null when empty).
 */
export function auditContentJson(source: AuditContentSource): string {
  return canonicalJson({
    id: source.id,
    tenantId: source.tenantId,
    occurredAt: source.occurredAt,
    actor: {
      type: source.actorType,
      userId: source.actorUserId,
      displayName: source.actorDisplayName,
      role: source.actorRole,
      ip: source.actorIp,
      userAgent: source.actorUserAgent,
    },
    action: source.action,
    resource: { type: source.resourceType, id: source.resourceId },
    outcome: source.outcome,
    reason: source.reason,
    requestId: source.requestId,
    before: source.before,
    after: source.after,
  });
}

/**
 * The text that is hashed: the canonical JSON of `{ content, previousHash, sequence }`. Written
 * out by concatenation because the database builds exactly the same text in `audit_append`
 * (hex hashes and integers need no escaping); a unit test holds the two forms equal.
 */
export function auditChainText(contentJson: string, previousHash: string | null, sequence: number): string {
  return `{"content":${contentJson},"previousHash":${previousHash === null ? 'null' : `"${previousHash}"`},"sequence":${sequence}}`;
}

/** SHA-256, lower-case hex, of the chain text. */
export function auditHash(contentJson: string, previousHash: string | null, sequence: number): string {
  return createHash('sha256')
    .update(auditChainText(contentJson, previousHash, sequence), 'utf8')
    .digest('hex');
}
