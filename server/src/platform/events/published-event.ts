import type { LiveEventMessage } from '@trustops/contracts';

/** What travels on the Redis channel: the event, and the stream row key it was appended to. */
export interface PublishedEvent {
  /** `eventStreamKey(tenantId, stream)`. */
  key: string;
  event: LiveEventMessage;
}
