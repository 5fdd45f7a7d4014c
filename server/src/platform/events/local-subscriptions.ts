import { Injectable } from '@nestjs/common';
import type { EventStream } from '@trustops/contracts';
import { eventStreamKey } from './event-stream-key.js';
import type { PublishedEvent } from './published-event.js';
import type { StreamSubscription } from './stream-subscription.js';

/**
 * The subscriptions of this instance's sockets, by stream. Each instance hears every published
 * event and hands it only to its own subscribers, so no event reaches a socket twice.
 */
@Injectable()
export class LocalSubscriptions {
  private readonly byStream = new Map<string, Set<StreamSubscription>>();
  private readonly bySocket = new Map<string, Map<string, StreamSubscription>>();

  /** The number of streams one socket may follow at once. */
  static readonly MAX_PER_SOCKET = 50;

  count(socketId: string): number {
    return this.bySocket.get(socketId)?.size ?? 0;
  }

  has(socketId: string, tenantId: string, stream: EventStream): boolean {
    return this.bySocket.get(socketId)?.has(mapKey(tenantId, eventStreamKey(tenantId, stream))) ?? false;
  }

  /** Adds (or replaces) the socket's subscription to the subscription's stream. */
  add(socketId: string, subscription: StreamSubscription): void {
    const key = mapKey(subscription.tenantId, eventStreamKey(subscription.tenantId, subscription.stream));
    this.remove(socketId, subscription.tenantId, subscription.stream);
    let streamSet = this.byStream.get(key);
    if (!streamSet) this.byStream.set(key, (streamSet = new Set<StreamSubscription>()));
    streamSet.add(subscription);
    let socketMap = this.bySocket.get(socketId);
    if (!socketMap) this.bySocket.set(socketId, (socketMap = new Map<string, StreamSubscription>()));
    socketMap.set(key, subscription);
  }

  remove(socketId: string, tenantId: string, stream: EventStream): boolean {
    const key = mapKey(tenantId, eventStreamKey(tenantId, stream));
    const subscription = this.bySocket.get(socketId)?.get(key);
    if (!subscription) return false;
    this.forget(socketId, key, subscription);
    return true;
  }

  removeSocket(socketId: string): void {
    for (const [key, subscription] of this.bySocket.get(socketId) ?? new Map<string, StreamSubscription>())
      this.forget(socketId, key, subscription);
  }

  /** Whether no socket of this instance is subscribed to anything. */
  get isEmpty(): boolean {
    return this.byStream.size === 0;
  }

  dispatch(published: PublishedEvent): void {
    for (const subscription of this.byStream.get(mapKey(published.event.tenantId, published.key)) ?? [])
      subscription.offer(published.event);
  }

  all(): StreamSubscription[] {
    return [...this.byStream.values()].flatMap((set) => [...set]);
  }

  private forget(socketId: string, key: string, subscription: StreamSubscription): void {
    subscription.close();
    const streamSet = this.byStream.get(key);
    streamSet?.delete(subscription);
    if (streamSet?.size === 0) this.byStream.delete(key);
    const socketMap = this.bySocket.get(socketId);
    socketMap?.delete(key);
    if (socketMap?.size === 0) this.bySocket.delete(socketId);
  }
}

// Run and incident ids are UUIDs, but the tenant is part of the key all the same.
function mapKey(tenantId: string, streamKey: string): string {
  return `${tenantId} ${streamKey}`;
}
