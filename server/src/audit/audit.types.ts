import type { AuditActorType, AuditOutcome } from '@trustops/contracts';

// The API shapes live in libs/contracts, shared with the client; what only the server uses stays here.
export {
  AUDIT_ACTOR_TYPES,
  AUDIT_EXPORT_FORMATS,
  AUDIT_OUTCOMES,
  type AuditActorType,
  type AuditChainBreak,
  type AuditExportFormat,
  type AuditOutcome,
  type AuditPage,
  type AuditRecordView,
  type AuditVerifyResult,
} from '@trustops/contracts';

export interface AuditActor {
  type: AuditActorType;
  /** The user's id; for `system`, the component acting (e.g. `scheduler`). */
  userId?: string | null;
  displayName?: string | null;
  /** The role the actor was acting in. */
  role?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/** What a caller hands to `AuditService.record`. */
export interface AuditEntry {
  tenantId: string;
  actor: AuditActor;
  /** `<resource>.<past-tense verb>`, e.g. `role.granted`, `run.started`, `auth.login-failed`. */
  action: string;
  resource: { type: string; id?: string | null };
  /** Defaults to `success`. */
  outcome?: AuditOutcome;
  reason?: string | null;
  requestId?: string | null;
  /** Summaries of the state before and after; personal data is redacted before storing. */
  before?: unknown;
  after?: unknown;
  /** Defaults to now. */
  occurredAt?: Date;
}

export interface AuditFilters {
  userId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export interface AuditPageRequest {
  /** 1 to 500; defaults to 50. */
  limit?: number;
  /** Return records older than this sequence (the previous page's `nextBeforeSequence`). */
  beforeSequence?: number;
}
