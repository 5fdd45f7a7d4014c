import { Injectable } from '@nestjs/common';
import { PERMISSION_LABELS, type EventStream, type Permission } from '@trustops/contracts';
import type { Principal } from '../../rbac/principal.js';

/** Says whether `principal` may see the stream of this kind with this id (the tenant is already checked). */
export type StreamAccessCheck = (principal: Principal, id: string | undefined) => Promise<boolean>;

/** The permission each stream kind needs before its own checker is asked. */
export const STREAM_PERMISSIONS: Record<EventStream['kind'], Permission> = {
  run: 'runs:read',
  incident: 'incidents:read',
  incidents: 'incidents:read',
  batch: 'rcm:read',
  inbox: 'decisions:read',
};

/** What a refusal calls a stream of each kind. */
const STREAM_NOUNS: Record<EventStream['kind'], string> = {
  run: 'run',
  incident: 'incident',
  incidents: 'list of incidents',
  batch: 'batch',
  inbox: 'inbox',
};

export type StreamAccessDecision = { allowed: true } | { allowed: false; statusCode: 403 | 404; message: string };

/**
 * Who may subscribe to which stream. Each domain module registers a checker for the kind it owns
 * (runs for `run`, incidents for `incident` and `incidents`, …), typically "the row exists in the principal's
 * tenant". A kind without a checker is refused as not found, so nothing is visible by accident.
 */
@Injectable()
export class StreamAccess {
  private readonly checks = new Map<EventStream['kind'], StreamAccessCheck>();

  /** One check per kind; registering again replaces it (tests use that to stand in for a module). */
  register(kind: EventStream['kind'], check: StreamAccessCheck): void {
    this.checks.set(kind, check);
  }

  async decide(principal: Principal, stream: EventStream): Promise<StreamAccessDecision> {
    const permission = STREAM_PERMISSIONS[stream.kind];
    if (!principal.permissions.has(permission)) {
      return {
        allowed: false,
        statusCode: 403,
        message: `You do not have permission to follow this: it needs "${PERMISSION_LABELS[permission]}" (${permission}).`,
      };
    }
    const check = this.checks.get(stream.kind);
    // The inbox is the principal's own tenant's: unless a module adds a check, the permission is enough.
    const allowed = check
      ? await check(principal, stream.kind === 'inbox' ? undefined : stream.id)
      : stream.kind === 'inbox';
    return allowed
      ? { allowed: true }
      : {
          allowed: false,
          statusCode: 404,
          message: `There is no such ${STREAM_NOUNS[stream.kind]}, or it is not in your organisation.`,
        };
  }
}
