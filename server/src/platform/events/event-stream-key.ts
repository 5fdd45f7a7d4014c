import type { EventStream } from '@trustops/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `stream` column of an event: `run:<uuid>`, `incident:<uuid>`, `batch:<uuid>`,
 * `incidents:<tenantId>` (a tenant's incidents list), or `inbox:<tenantId>` (the inbox is one
 * stream per tenant).
 */
export function eventStreamKey(tenantId: string, stream: EventStream): string {
  return stream.kind === 'inbox' ? `inbox:${tenantId}` : `${stream.kind}:${stream.id.toLowerCase()}`;
}

/**
 * A stream from untrusted input (a socket message), or a sentence saying what is wrong.
 * Ids are UUIDs: anything else cannot name a stream, so it is refused before any query.
 */
export function parseEventStream(value: unknown): EventStream | string {
  if (typeof value !== 'object' || value === null) return 'Say which stream to follow: { kind, id }.';
  const { kind, id } = value as { kind?: unknown; id?: unknown };
  switch (kind) {
    case 'inbox':
      return { kind };
    case 'run':
    case 'incident':
    case 'batch':
      if (typeof id !== 'string' || !UUID.test(id)) return `A ${kind} stream needs the ${kind}'s id (a UUID).`;
      return { kind, id: id.toLowerCase() };
    case 'incidents':
      if (typeof id !== 'string' || !UUID.test(id)) return "An incidents stream needs your organisation's id (a UUID).";
      return { kind, id: id.toLowerCase() };
    default:
      return 'The stream kind must be run, incident, incidents, batch or inbox.';
  }
}
