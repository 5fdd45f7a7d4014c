import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import {
  SOCKET_EVENTS,
  type EventStream,
  type LiveEventMessage,
  type SubscribeAck,
  type SubscribeRequest,
} from '@trustops/contracts';
import { Observable } from 'rxjs';
import { io, type Socket } from 'socket.io-client';
import { LiveStreamChannels, type LiveTransport } from './live-stream-channels';

/**
 * - `idle`: nothing is being followed, so there is no connection.
 * - `connecting`: the first connection is being made.
 * - `live`: connected; events arrive as they happen.
 * - `reconnecting`: the connection dropped; it comes back by itself and resumes where it was.
 * - `unavailable`: the server refused the connection (signed out, or from another site).
 */
export type LiveConnectionState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'unavailable';

export interface LiveWatchOptions {
  /**
   * Called once when the server has the subscription (with the stream's seq at that moment).
   * Read a list over HTTP from here, not before, and nothing falls between the list and the events.
   */
  subscribed?: (lastSeq: number) => void;
}

/** How long a subscription may wait for the server's answer before it is asked again. */
const SUBSCRIBE_TIMEOUT_MS = 15_000;

/** How long the connection stays open once nothing is watched, so moving between live pages keeps it. */
export const LINGER_MS = 5_000;

/** Makes the socket; a separate injectable so that tests can connect somewhere else. */
@Injectable({ providedIn: 'root' })
export class LiveSocketFactory {
  create(): Socket {
    return io('/events', { path: '/socket.io', withCredentials: true, autoConnect: false });
  }
}

/**
 * Live events from the server's `/events` WebSocket: one connection for the whole app, opened
 * when something is first watched and closed when nothing is. `watch` resumes after the last
 * seq it delivered whenever the connection comes back, and never delivers a seq twice.
 */
@Injectable({ providedIn: 'root' })
export class LiveEventsService {
  private readonly factory = inject(LiveSocketFactory);
  private socket: Socket | undefined;
  private readonly transport: LiveTransport = {
    subscribe: (request) => this.subscribe(request),
    unsubscribe: (stream) => {
      if (this.socket?.connected) this.socket.emit(SOCKET_EVENTS.unsubscribe, { stream });
    },
  };
  private readonly channels = new LiveStreamChannels(this.transport);
  private watchers = 0;
  private lingering: ReturnType<typeof setTimeout> | undefined;

  private readonly connection = signal<LiveConnectionState>('idle');
  /** For the "Live / Reconnecting…" indicator. */
  readonly state = this.connection.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.close());
  }

  /**
   * The events of `stream` after `afterSeq`, in order, each once; without `afterSeq`, those from
   * now on. Errors with a `LiveSubscriptionError` when the server refuses (403, 404).
   */
  watch(stream: EventStream, afterSeq?: number, options: LiveWatchOptions = {}): Observable<LiveEventMessage> {
    return new Observable<LiveEventMessage>((subscriber) => {
      this.open();
      this.watchers++;
      const stop = this.channels.watch(stream, afterSeq, {
        next: (event) => subscriber.next(event),
        error: (error) => subscriber.error(error),
        subscribed: options.subscribed,
      });
      return () => {
        stop();
        this.watchers--;
        if (this.watchers === 0) this.lingering = setTimeout(() => this.close(), LINGER_MS);
      };
    });
  }

  private open(): void {
    clearTimeout(this.lingering);
    if (this.socket) return;
    const socket = this.factory.create();
    this.socket = socket;
    this.connection.set('connecting');
    socket.on('connect', () => {
      this.connection.set('live');
      this.channels.connected();
    });
    socket.on('disconnect', () => {
      if (this.socket === socket) this.connection.set(socket.active ? 'reconnecting' : 'unavailable');
    });
    socket.on('connect_error', () => {
      // socket.io retries network failures by itself (`active`); a refusal by the server it does not.
      if (this.socket === socket) this.connection.set(socket.active ? 'reconnecting' : 'unavailable');
    });
    socket.on(SOCKET_EVENTS.event, (message: LiveEventMessage) => this.channels.receive(message));
    socket.connect();
  }

  private close(): void {
    clearTimeout(this.lingering);
    const socket = this.socket;
    this.socket = undefined;
    socket?.removeAllListeners();
    socket?.disconnect();
    this.connection.set('idle');
  }

  private async subscribe(request: SubscribeRequest): Promise<SubscribeAck> {
    const socket = this.socket;
    if (!socket?.connected) throw new Error('Not connected');
    return (await socket.timeout(SUBSCRIBE_TIMEOUT_MS).emitWithAck(SOCKET_EVENTS.subscribe, request)) as SubscribeAck;
  }
}
