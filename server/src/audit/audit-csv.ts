import type { AuditRecordView } from './audit.types.js';

const COLUMNS: ReadonlyArray<readonly [string, (record: AuditRecordView) => string | number | null]> = [
  ['sequence', (record) => record.sequence],
  ['occurred_at', (record) => record.occurredAt],
  ['actor_type', (record) => record.actor.type],
  ['actor_user_id', (record) => record.actor.userId],
  ['actor_display_name', (record) => record.actor.displayName],
  ['actor_role', (record) => record.actor.role],
  ['actor_ip', (record) => record.actor.ip],
  ['actor_user_agent', (record) => record.actor.userAgent],
  ['action', (record) => record.action],
  ['resource_type', (record) => record.resource.type],
  ['resource_id', (record) => record.resource.id],
  ['outcome', (record) => record.outcome],
  ['reason', (record) => record.reason],
  ['request_id', (record) => record.requestId],
  ['before', (record) => (record.before === null ? null : JSON.stringify(record.before))],
  ['after', (record) => (record.after === null ? null : JSON.stringify(record.after))],
  ['tenant_id', (record) => record.tenantId],
  ['id', (record) => record.id],
  ['previous_hash', (record) => record.previousHash],
  ['hash', (record) => record.hash],
];

/** RFC 4180 lines end with CRLF. */
export const CSV_LINE_END = '\r\n';

export function auditCsvHeader(): string {
  return COLUMNS.map(([name]) => name).join(',') + CSV_LINE_END;
}

export function auditCsvRow(record: AuditRecordView): string {
  return COLUMNS.map(([, read]) => csvCell(read(record))).join(',') + CSV_LINE_END;
}

/**
 * One CSV field. Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
 * `@`, tab or carriage return) gets a leading apostrophe; fields with a comma, quote or line
 * break are quoted, with quotes doubled (RFC 4180).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) {
    return '';
  }
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
