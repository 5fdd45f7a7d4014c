import { Logger } from '@nestjs/common';
import { SOCKET_EVENTS, type EventStream, type LiveEventMessage } from '@trustops/contracts';
import type { EventsService } from './events.service.js';
import { MAX_EVENTS_PER_READ } from './events.service.js';

/** Where a subscription sends events: one socket (socket.io's `Socket` fits). */
export interface EventSink {
  readonly id: string;
  emit(event: string, message: LiveEventMessage): unknown;
}

/**
 * One socket following one stream. Everything it sends goes through one queue, in order:
 * first the catch-up from the table (everything after the client's `afterSeq`), then each live
 * event as it arrives from Redis. A live event at or below the last `seq` sent is a duplicate
 * and is dropped; one that skips ahead (a publish lost, or publishers racing) makes it read the
 * missing ones from the table first. The table is the truth and it never shows N+1 before N,
 * so the client sees every `seq` once, in order, without gaps.
 */
export class StreamSubscription {
  private static readonly logger = new Logger(StreamSubscription.name);
  private lastSent: number;
  private queue: Promise<void>;
  private release: () => void = () => undefined;
  private closed = false;

  /**
   * Offered events wait until `start`. `afterSeq` undefined means "only what is new": `start`
   * then gives the stream's head as the starting point.
   */
  constructor(
    private readonly sink: EventSink,
    readonly tenantId: string,
    readonly stream: EventStream,
    afterSeq: number | undefined,
    private readonly events: EventsService,
  ) {
    this.lastSent = afterSeq ?? 0;
    const started = new Promise<void>((resolve) => (this.release = resolve));
    this.queue = started;
    this.enqueue(() => this.catchUp());
  }

  /** Sends what the client missed (after `headSeq` when it asked for only what is new), then live events. */
  start(headSeq?: number): void {
    if (headSeq !== undefined) this.lastSent = Math.max(this.lastSent, headSeq);
    this.release();
  }

  /** Reads the table for anything not yet sent (after Redis was unreachable, say). */
  resync(): void {
    this.enqueue(() => this.catchUp());
  }

  offer(event: LiveEventMessage): void {
    this.enqueue(() => this.deliver(event));
  }

  close(): void {
    this.closed = true;
  }

  /** Resolves once everything queued so far has been handled (for tests and shutdown). */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.closed) return;
      try {
        await work();
      } catch (error) {
        // The next live event (or a resubscription) retries the catch-up from lastSent.
        StreamSubscription.logger.warn(
          `Sending ${this.stream.kind} events to socket ${this.sink.id} failed: ${(error as Error).message}`,
        );
      }
    });
  }

  private async deliver(event: LiveEventMessage): Promise<void> {
    if (event.seq <= this.lastSent) return;
    if (event.seq === this.lastSent + 1) this.send(event);
    else await this.catchUp();
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.events.list(this.tenantId, this.stream, this.lastSent, MAX_EVENTS_PER_READ);
      for (const event of page) this.send(event);
      if (page.length < MAX_EVENTS_PER_READ || this.closed) return;
    }
  }

  private send(event: LiveEventMessage): void {
    if (this.closed || event.seq <= this.lastSent) return;
    this.lastSent = event.seq;
    this.sink.emit(SOCKET_EVENTS.event, { ...event, stream: this.stream });
  }
}
