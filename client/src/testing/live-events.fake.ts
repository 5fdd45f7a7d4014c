import { signal } from '@angular/core';
import type { EventEnvelope, EventStream, LiveEventMessage } from '@trustops/contracts';
import { Observable, type Subscriber } from 'rxjs';
import type { LiveConnectionState } from '../app/core/live/live-events.service';

/**
 * Stands in for `LiveEventsService` in component tests: records what is watched, and lets the
 * test push events to the watchers as the server would.
 */
export class FakeLiveEvents {
  readonly state = signal<LiveConnectionState>('live');
  readonly watches: Array<{ stream: EventStream; afterSeq: number | undefined; closed: boolean }> = [];
  private readonly subscribers: Array<{ stream: EventStream; subscriber: Subscriber<LiveEventMessage> }> = [];

  watch(stream: EventStream, afterSeq?: number): Observable<LiveEventMessage> {
    return new Observable<LiveEventMessage>((subscriber) => {
      const watch = { stream, afterSeq, closed: false };
      this.watches.push(watch);
      const entry = { stream, subscriber };
      this.subscribers.push(entry);
      return () => {
        watch.closed = true;
        this.subscribers.splice(this.subscribers.indexOf(entry), 1);
      };
    });
  }

  /** Delivers `event` to everyone watching `stream`. */
  push(stream: EventStream, event: EventEnvelope): void {
    for (const entry of this.subscribers) {
      if (JSON.stringify(entry.stream) === JSON.stringify(stream)) entry.subscriber.next({ ...event, stream });
    }
  }
}
