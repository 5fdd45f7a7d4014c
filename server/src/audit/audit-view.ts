import type { AuditRecord } from './audit-record.entity.js';
import type { AuditRecordView } from './audit.types.js';

export function toAuditRecordView(record: AuditRecord): AuditRecordView {
  return {
    id: record.id,
    tenantId: record.tenantId,
    sequence: record.sequence,
    occurredAt: record.occurredAt.toISOString(),
    actor: {
      type: record.actorType,
      userId: record.actorUserId,
      displayName: record.actorDisplayName,
      role: record.actorRole,
      ip: record.actorIp,
      userAgent: record.actorUserAgent,
    },
    action: record.action,
    resource: { type: record.resourceType, id: record.resourceId },
    outcome: record.outcome,
    reason: record.reason,
    requestId: record.requestId,
    before: record.before,
    after: record.after,
    previousHash: record.previousHash,
    hash: record.hash,
  };
}
