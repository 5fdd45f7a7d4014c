import type { EventStream, LiveEventMessage, SubscribeAck, SubscribeRequest } from '@trustops/contracts';

/** How the channels talk to the server: the socket, or a stand-in in tests. */
export interface LiveTransport {
  /** Rejects when the request could not be sent or answered (not connected, timed out). */
  subscribe(request: SubscribeRequest): Promise<SubscribeAck>;
  unsubscribe(stream: EventStream): void;
}

export interface LiveWatcher {
  next(event: LiveEventMessage): void;
  /** The server refused the subscription (401/403/404/400); the watch is over. */
  error(error: LiveSubscriptionError): void;
  /**
   * Once, when the server has the subscription: from here on nothing new is missed, so a list
   * read now (over HTTP) and the events that follow add up to the whole picture.
   */
  subscribed?(lastSeq: number): void;
}

/** A refused subscription, with the server's status code and plain-English message. */
export class LiveSubscriptionError extends Error {
  override readonly name = 'LiveSubscriptionError';
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export function liveStreamKey(stream: EventStream): string {
  return stream.kind === 'inbox' ? 'inbox' : `${stream.kind}:${stream.id}`;
}

interface Watch {
  watcher: LiveWatcher;
  /** Whether `watcher.subscribed` has been called. */
  announced: boolean;
  /** The last seq this watcher has; undefined until the server says where "now" is. */
  cursor: number | undefined;
}

interface Channel {
  stream: EventStream;
  watches: Set<Watch>;
  /** Subscribe requests sent and not yet answered. */
  pending: number;
  /** The stream's head as last acknowledged by the server, once subscribed. */
  head: number | undefined;
}

/**
 * The client side of "resume from the last seq": one server subscription per stream, shared by
 * every watcher of that stream, each with its own cursor.
 *
 * - A watcher takes only the next seq after its cursor: older ones are duplicates (a replay),
 *   and a newer one means it missed something, so the stream is requested again from the
 *   lowest cursor and the server replays the rest in order.
 * - After a reconnect, every stream is requested again from its lowest cursor.
 * - A watcher without a starting seq takes what is new from when the server answers.
 */
export class LiveStreamChannels {
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly transport: LiveTransport) {}

  /** Follows `stream` after `afterSeq` (or from now); returns the function that stops. */
  watch(stream: EventStream, afterSeq: number | undefined, watcher: LiveWatcher): () => void {
    const key = liveStreamKey(stream);
    let channel = this.channels.get(key);
    const isNew = !channel;
    if (!channel) {
      channel = { stream, watches: new Set(), pending: 0, head: undefined };
      this.channels.set(key, channel);
    }
    // Where the shared subscription is: the others' lowest cursor.
    const position = lowestCursor(channel);
    const watch: Watch = {
      watcher,
      announced: false,
      cursor: afterSeq ?? (channel.pending === 0 ? channel.head : undefined),
    };
    channel.watches.add(watch);
    // A new stream, or a watcher wanting events from before where the subscription is.
    if (isNew || (afterSeq !== undefined && (position === undefined || afterSeq < position))) this.request(channel);
    else if (channel.pending === 0 && channel.head !== undefined) announce(watch, channel.head);
    const subscribed = channel;
    return () => this.stop(key, subscribed, watch);
  }

  /** One event from the server. */
  receive(message: LiveEventMessage): void {
    const channel = this.channels.get(liveStreamKey(message.stream));
    if (!channel) return;
    channel.head = Math.max(channel.head ?? 0, message.seq);
    let missed = false;
    for (const watch of [...channel.watches]) {
      if (watch.cursor === undefined || message.seq <= watch.cursor) continue;
      if (message.seq === watch.cursor + 1) {
        watch.cursor = message.seq;
        watch.watcher.next(message);
      } else {
        missed = true;
      }
    }
    if (missed && channel.pending === 0) this.request(channel);
  }

  /** The connection is (back) up: every stream is requested again from its lowest cursor. */
  connected(): void {
    for (const channel of this.channels.values()) this.request(channel);
  }

  /** The streams being followed, for tests and diagnostics. */
  streams(): EventStream[] {
    return [...this.channels.values()].map((channel) => channel.stream);
  }

  /** The seq a watcher of `stream` would resume after, the lowest cursor (undefined: none known). */
  resumeFrom(stream: EventStream): number | undefined {
    const channel = this.channels.get(liveStreamKey(stream));
    return channel ? lowestCursor(channel) : undefined;
  }

  private request(channel: Channel): void {
    channel.pending++;
    const afterSeq = lowestCursor(channel);
    this.transport
      .subscribe(afterSeq === undefined ? { stream: channel.stream } : { stream: channel.stream, afterSeq })
      .then(
        (ack) => this.answered(channel, ack),
        () => {
          // Not sent or not answered: `connected()` asks again when the connection comes back.
          channel.pending--;
        },
      );
  }

  private answered(channel: Channel, ack: SubscribeAck): void {
    channel.pending--;
    if (this.channels.get(liveStreamKey(channel.stream)) !== channel) return;
    if (!ack.ok) {
      this.channels.delete(liveStreamKey(channel.stream));
      const error = new LiveSubscriptionError(ack.statusCode, ack.message);
      for (const watch of channel.watches) watch.watcher.error(error);
      return;
    }
    channel.head = Math.max(channel.head ?? 0, ack.lastSeq);
    // Watchers that asked for "from now": now is the head the server just gave.
    for (const watch of channel.watches) {
      watch.cursor ??= ack.lastSeq;
      announce(watch, ack.lastSeq);
    }
  }

  private stop(key: string, channel: Channel, watch: Watch): void {
    channel.watches.delete(watch);
    if (channel.watches.size > 0 || this.channels.get(key) !== channel) return;
    this.channels.delete(key);
    this.transport.unsubscribe(channel.stream);
  }
}

function announce(watch: Watch, lastSeq: number): void {
  if (watch.announced) return;
  watch.announced = true;
  watch.watcher.subscribed?.(lastSeq);
}

function lowestCursor(channel: Channel): number | undefined {
  let lowest: number | undefined;
  for (const watch of channel.watches)
    if (watch.cursor !== undefined && (lowest === undefined || watch.cursor < lowest)) lowest = watch.cursor;
  return lowest;
}
