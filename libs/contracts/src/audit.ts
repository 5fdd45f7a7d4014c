/** Who acted: a signed-in person, a component of the platform itself, or a machine client with an API token. */
export const AUDIT_ACTOR_TYPES = ['person', 'system', 'api-token'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/** `denied` is an attempt refused by access control; `failure` is an attempt that went wrong. */
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** `fhir` is a FHIR R4 Bundle of AuditEvent resources. */
export const AUDIT_EXPORT_FORMATS = ['csv', 'json', 'fhir'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** A value that survives a trip through JSON unchanged: the before/after summaries are stored as such. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One audit record as the API shows it. */
export interface AuditRecordView {
  id: string;
  tenantId: string;
  /** Position in the tenant's chain, from 1. */
  sequence: number;
  occurredAt: string;
  actor: {
    type: AuditActorType;
    userId: string | null;
    displayName: string | null;
    /** The role(s) the actor was acting in. */
    role: string | null;
    ip: string | null;
    userAgent: string | null;
  };
  /** `<resource>.<past-tense verb>`, e.g. `role.granted`, `auth.signed-in`. */
  action: string;
  resource: { type: string; id: string | null };
  outcome: AuditOutcome;
  reason: string | null;
  requestId: string | null;
  /** Summaries of the state before and after, with personal data redacted. */
  before: JsonValue | null;
  after: JsonValue | null;
  /** SHA-256 of the previous record in the tenant's chain; null for the first. */
  previousHash: string | null;
  hash: string;
}

/** `GET /api/audit`: newest first. */
export interface AuditPage {
  records: AuditRecordView[];
  /** Pass as `beforeSequence` for the next (older) page; null on the last page. */
  nextBeforeSequence: number | null;
}

export const AUDIT_CHAIN_BREAKS = ['sequence-gap', 'previous-hash-mismatch', 'hash-mismatch'] as const;
export type AuditChainBreak = (typeof AUDIT_CHAIN_BREAKS)[number];

/** `GET /api/audit/verify`: the tenant's chain recomputed from its first record. */
export interface AuditVerifyResult {
  valid: boolean;
  /** Records examined, up to and including the first broken one. */
  checked: number;
  firstBrokenRecord?: { id: string; sequence: number; reason: AuditChainBreak; detail: string };
}

/** The filters of `GET /api/audit` and `GET /api/audit/export`, as query strings. All optional. */
export interface AuditFilterQuery {
  userId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  /** ISO 8601; inclusive. */
  from?: string;
  /** ISO 8601; exclusive. */
  to?: string;
}

/** `GET /api/audit` query strings. */
export interface AuditListQuery extends AuditFilterQuery {
  /** 1 to 500; 50 when omitted. */
  limit?: string;
  /** Records older than this sequence: the previous page's `nextBeforeSequence`. */
  beforeSequence?: string;
}

/** `GET /api/audit/export` query strings: the matching records, oldest first, as a file download. */
export interface AuditExportQuery extends AuditFilterQuery {
  format: AuditExportFormat;
}
