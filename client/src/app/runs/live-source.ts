import { InjectionToken } from '@angular/core';
import {
  SOCKET_EVENTS,
  type EventEnvelope,
  type EventStream,
  type LiveEventMessage,
  type SubscribeAck,
  type SubscribeRequest,
} from '@trustops/contracts';
import { Observable } from 'rxjs';
import { io } from 'socket.io-client';

/**
 * Where the runs and approvals pages get live events: `watch(stream, afterSeq)` emits every event
 * of the stream after `afterSeq` (or from now when it is left out), in order, and carries on after
 * a reconnect from the last one it delivered.
 */
export interface LiveEventSource {
  watch(stream: EventStream, afterSeq?: number): Observable<EventEnvelope>;
}

export const LIVE_EVENT_SOURCE = new InjectionToken<LiveEventSource>('LiveEventSource', {
  providedIn: 'root',
  factory: () => ({ watch: watchOverSocket }),
});

function sameStream(a: EventStream, b: EventStream): boolean {
  return a.kind === b.kind && (a.kind === 'inbox' || (b.kind !== 'inbox' && a.id === b.id));
}

/** One socket.io connection per watch: subscribe, follow, resubscribe from the last seq after a reconnect. */
function watchOverSocket(stream: EventStream, afterSeq?: number): Observable<EventEnvelope> {
  return new Observable<EventEnvelope>((subscriber) => {
    let last = afterSeq;
    const socket = io('/events', { path: '/socket.io', withCredentials: true, transports: ['websocket'] });
    socket.on('connect', () => {
      const request: SubscribeRequest = last === undefined ? { stream } : { stream, afterSeq: last };
      socket.emit(SOCKET_EVENTS.subscribe, request, (ack: SubscribeAck) => {
        if (!ack.ok) {
          subscriber.error(new Error(ack.message));
        } else if (last === undefined) {
          last = ack.lastSeq;
        }
      });
    });
    socket.on(SOCKET_EVENTS.event, (message: LiveEventMessage) => {
      if (!sameStream(message.stream, stream) || (last !== undefined && message.seq <= last)) return;
      last = message.seq;
      const { stream: _stream, ...event } = message;
      subscriber.next(event);
    });
    return () => socket.disconnect();
  });
}
