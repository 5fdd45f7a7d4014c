/**
 * The event envelope (ARCHITECTURE.md, "Event"). Appended to the `events` table first with a
 * monotonic `seq` per stream, then published on Redis; the WebSocket gateway forwards it to
 * subscribers, who resume from their last `seq` after a reconnect.
 */
export interface EventEnvelope<Payload = Record<string, unknown>> {
  id: string;
  /** Monotonic within the event's stream (see `EventStream`), starting at 1, without gaps. */
  seq: number;
  type: string;
  tenantId: string;
  runId?: string | null;
  batchId?: string | null;
  incidentId?: string | null;
  actor: { type: 'person' | 'system'; userId: string | null; displayName: string };
  /** The module that emitted it: `runs`, `approvals`, `runners`, `incidents`, ... */
  source: string;
  /** ISO 8601. */
  ts: string;
  payload: Payload;
}

/** What a client can subscribe to; each is one ordered stream of events. */
export type EventStream =
  | { kind: 'run'; id: string }
  | { kind: 'incident'; id: string }
  | { kind: 'batch'; id: string }
  /** Pending decisions of the subscriber's tenant (the supervisors' inbox). */
  | { kind: 'inbox' }
  /** Every incident of a tenant as the dashboard lists it (`id` is the tenant's id): reported, and each change of status or cause. */
  | { kind: 'incidents'; id: string };

/** Socket.io message names. */
export const SOCKET_EVENTS = {
  /** client → server: `{ stream: EventStream, afterSeq?: number }`, acknowledged with `SubscribeAck`. */
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  /** server → client: one `EventEnvelope`, with `stream` added. */
  event: 'event',
} as const;

export interface SubscribeRequest {
  stream: EventStream;
  /** The last `seq` the client has; it receives everything after it, in order. */
  afterSeq?: number;
}

export type SubscribeAck =
  { ok: true; lastSeq: number } | { ok: false; statusCode: 401 | 403 | 404 | 400; message: string };

/** Event types the runs engine emits (payloads in comments). */
export const RUN_EVENT_TYPES = {
  runQueued: 'run.queued', // { runbookId, version, title }
  runStarted: 'run.started',
  runWaiting: 'run.waiting', // { stepId, decisionId }
  runSucceeded: 'run.succeeded', // { outputs }
  runFailed: 'run.failed', // { error }
  runCancelled: 'run.cancelled', // { reason }
  stepQueued: 'step.queued', // { stepId, attempt }
  stepStarted: 'step.started', // { stepId, attempt }
  stepSucceeded: 'step.succeeded', // { stepId, attempt, output }
  stepFailed: 'step.failed', // { stepId, attempt, error, willRetry, nextAttemptAt? }
  stepSkipped: 'step.skipped', // { stepId, reason }
  stepLog: 'step.log', // { stepId, level, message }
  stepDeadLettered: 'step.dead_lettered', // { stepId, attempts, error }
  decisionRequested: 'decision.requested', // DecisionView
  decisionUpdated: 'decision.updated', // DecisionView (a vote or comment arrived)
  decisionResolved: 'decision.resolved', // DecisionView
  decisionEscalated: 'decision.escalated', // DecisionView
  notification: 'notification', // { stepId, effectKey, title, message, level: info|warning|urgent, channels } from a notify step
} as const;

/** server → client (`SOCKET_EVENTS.event`): one envelope and the subscribed stream it belongs to. */
export type LiveEventMessage<Payload = Record<string, unknown>> = EventEnvelope<Payload> & { stream: EventStream };

/** Largest JSON size of an event's payload; bigger ones are refused (store a reference instead). */
export const MAX_EVENT_PAYLOAD_BYTES = 256 * 1024;
