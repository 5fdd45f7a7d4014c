import type { AuditChainBreak, AuditOutcome, AuditRecordView, JsonValue } from '@trustops/contracts';
import type { IconName } from '../core/icons';
import { roleLabel } from '../core/session.service';

/** Plain English for the actions TrustOps records; anything else is spelled out from its code. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.signed-in': 'Signed in',
  'auth.signed-out': 'Signed out',
  'auth.sign-in-failed': 'Failed to sign in',
  'auth.login-failed': 'Failed to sign in',
  'session.tenant-switched': 'Switched organisation',
  'role.granted': 'Gave a role',
  'role.revoked': 'Took away a role',
  'role.created': 'Created a custom role',
  'user.added': 'Added a person to the organisation',
  'user.invited': 'Invited a person',
  'invitation.revoked': 'Withdrew an invitation',
  'invitation.accepted': 'Joined the organisation',
  'invitation.declined': 'Declined an invitation',
  'tenant.created': 'Created an organisation',
  'api-token.created': 'Created an API token',
  'api-token.revoked': 'Revoked an API token',
  'audit.viewed': 'Viewed the audit trail',
  'audit.exported': 'Exported audit evidence',
  'audit.verified': 'Checked the audit trail',
  'decision.approved': 'Approved a decision',
  'decision.rejected': 'Rejected a decision',
  'run.started': 'Started a run',
  'run.cancelled': 'Cancelled a run',
  'schedule.fired': 'Ran a schedule',
};

/** What a record can be about, in plain English; the audit viewer's "Resource" filter offers these. */
export const AUDIT_RESOURCE_TYPE_LABELS: Readonly<Record<string, string>> = {
  user: 'Person',
  invitation: 'Invitation',
  role: 'Role',
  'api-token': 'API token',
  tenant: 'Organisation',
  session: 'Session',
  audit: 'Audit trail',
  run: 'Run',
  runbook: 'Runbook',
  decision: 'Decision',
  schedule: 'Schedule',
  workspace: 'Workspace',
  incident: 'Incident',
  task: 'Task',
};

/** "Gave a role", or for an unknown `widget.re-tuned`, "Widget re tuned". */
export function describeAuditAction(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) {
    return known;
  }
  const words = action.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Custom role key → name, so custom roles read as their names too. */
export type RoleNames = Readonly<Record<string, string>>;

/** The action with its subject where the record names one: "Gave the Supervisor role", "Invited a person as Operator". */
export function describeAuditRecordAction(record: AuditRecordView, roleNames: RoleNames = {}): string {
  const role = roleIn(record.action === 'role.revoked' ? record.before : record.after);
  const label = describeAuditAction(record.action);
  if (!role) {
    return label;
  }
  switch (record.action) {
    case 'role.granted':
    case 'role.revoked':
      return `${record.action === 'role.granted' ? 'Gave' : 'Took away'} the ${roleLabel(role, roleNames)} role`;
    case 'user.invited':
    case 'invitation.accepted':
      return `${label} as ${roleLabel(role, roleNames)}`;
    default:
      return label;
  }
}

/** The role(s) someone acted in, as recorded ("admin, compliance"), in plain English. */
export function describeActorRole(role: string | null, roleNames: RoleNames = {}): string {
  return (role ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key.length > 0)
    .map((key) => roleLabel(key, roleNames))
    .join(', ');
}

export function describeResourceType(type: string): string {
  return AUDIT_RESOURCE_TYPE_LABELS[type] ?? describeAuditAction(type);
}

export interface OutcomeView {
  text: string;
  icon: IconName;
  /** The `.status-label` colour. */
  tone: 'good' | 'bad';
}

export function describeOutcome(outcome: AuditOutcome): OutcomeView {
  switch (outcome) {
    case 'success':
      return { text: 'Succeeded', icon: 'status-up', tone: 'good' };
    case 'failure':
      return { text: 'Failed', icon: 'status-down', tone: 'bad' };
    case 'denied':
      return { text: 'Refused', icon: 'denied', tone: 'bad' };
  }
}

/** Who acted, for people: their name; for the platform and for API tokens, says so. */
export function describeActor(actor: AuditRecordView['actor']): string {
  switch (actor.type) {
    case 'person':
      return actor.displayName ?? 'Someone not named';
    case 'api-token':
      return `${actor.displayName ?? 'Someone not named'} (with an API token)`;
    case 'system':
      return actor.userId ? `TrustOps (${actor.userId})` : 'TrustOps';
  }
}

/** "Broken at record #12: its content was changed after it was written". */
export function describeChainBreak(reason: AuditChainBreak): string {
  switch (reason) {
    case 'sequence-gap':
      return 'a record before it is missing';
    case 'previous-hash-mismatch':
      return 'it does not link to the record before it';
    case 'hash-mismatch':
      return 'its content was changed after it was written';
  }
}

export interface ChangeRow {
  field: string;
  before: string;
  after: string;
}

/**
 * The before/after summaries side by side, one row per field. Values that are not objects get a
 * single row; nested values are shown as compact JSON.
 */
export function describeChanges(before: JsonValue | null, after: JsonValue | null): ChangeRow[] {
  if (before === null && after === null) {
    return [];
  }
  if (!isObject(before ?? {}) || !isObject(after ?? {})) {
    return [{ field: 'Value', before: formatValue(before), after: formatValue(after) }];
  }
  const beforeObject = (before ?? {}) as Record<string, JsonValue>;
  const afterObject = (after ?? {}) as Record<string, JsonValue>;
  const fields = [...new Set([...Object.keys(beforeObject), ...Object.keys(afterObject)])];
  return fields.map((field) => ({
    field: humanise(field),
    before: field in beforeObject ? formatValue(beforeObject[field] ?? null) : '—',
    after: field in afterObject ? formatValue(afterObject[field] ?? null) : '—',
  }));
}

function formatValue(value: JsonValue | null | undefined): string {
  if (value === null || value === undefined) {
    return '—';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.join(', ');
  }
  return JSON.stringify(value);
}

/** `tenantId` → "Tenant id", `expires_at` → "Expires at". */
function humanise(field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function roleIn(summary: JsonValue | null): string | undefined {
  return summary !== null && isObject(summary) && typeof summary['role'] === 'string' ? summary['role'] : undefined;
}
