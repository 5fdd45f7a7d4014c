import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-adapter';
import { SOCKET_EVENTS, type SubscribeAck } from '@trustops/contracts';
import type { Redis } from 'ioredis';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import { SocketAuthenticationError, SocketAuthenticator } from '../../auth/socket-authenticator.js';
import type { Principal } from '../../rbac/principal.js';
import { EventBus } from './event-bus.js';
import { parseEventStream } from './event-stream-key.js';
import { EventsService } from './events.service.js';
import { LocalSubscriptions } from './local-subscriptions.js';
import { StreamAccess } from './stream-access.js';
import { StreamSubscription } from './stream-subscription.js';

/**
 * How often each connection's session or token is checked again, and each subscription reads the
 * table for anything a failed publish kept from it (so nothing is late by more than this).
 */
const REVALIDATE_INTERVAL_MS = 60_000;

interface SocketData {
  principal?: Principal;
}

type EventsSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;

/**
 * Live events for browsers and API clients: socket.io namespace `/events` at `/socket.io`.
 * Every connection is authenticated like an HTTP request (session cookie from our own origin,
 * or an API token); every subscription is authorised against the stream's tenant and permission.
 * A refusal is an acknowledgement `{ ok: false, statusCode, message }`; another tenant's stream
 * is refused exactly like one that does not exist (404).
 */
// Clients only send small subscribe requests: a tight message limit leaves nothing to abuse.
@WebSocketGateway({ namespace: '/events', path: '/socket.io', serveClient: false, maxHttpBufferSize: 64 * 1024 })
export class EventsGateway
  implements OnGatewayInit<Namespace>, OnGatewayDisconnect<EventsSocket>, OnApplicationShutdown
{
  private readonly logger = new Logger(EventsGateway.name);
  private adapterSubscriber: Redis | undefined;
  private namespace: Namespace | undefined;
  private revalidation: NodeJS.Timeout | undefined;

  constructor(
    private readonly authenticator: SocketAuthenticator,
    private readonly access: StreamAccess,
    private readonly events: EventsService,
    private readonly subscriptions: LocalSubscriptions,
    private readonly bus: EventBus,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    this.revalidation = setInterval(() => {
      for (const subscription of this.subscriptions.all()) subscription.resync();
      this.revalidateConnections().catch((error: unknown) =>
        this.logger.warn(`Checking live connections failed: ${(error as Error).message}`),
      );
    }, REVALIDATE_INTERVAL_MS);
    this.revalidation.unref();
    // The Redis adapter lets socket.io features that span instances (rooms, fetchSockets) work
    // across API instances. Events themselves are forwarded per socket by each instance.
    this.adapterSubscriber = this.bus.connect('socket.io-subscriber');
    namespace.server.adapter(
      createAdapter(this.bus.publishingConnection(), this.adapterSubscriber, { key: `${this.bus.channel}:socket.io` }),
    );
    namespace.use((socket, next) => {
      this.authenticator.authenticate(socket.handshake).then(
        (principal) => {
          (socket.data as SocketData).principal = principal;
          next();
        },
        (error: unknown) => next(refusal(error)),
      );
    });
  }

  handleDisconnect(socket: EventsSocket): void {
    this.subscriptions.removeSocket(socket.id);
  }

  @SubscribeMessage(SOCKET_EVENTS.subscribe)
  async subscribe(
    @ConnectedSocket() socket: EventsSocket,
    @MessageBody() body: unknown,
    @Ack() ack: (response: SubscribeAck) => void,
  ): Promise<void> {
    const request = (typeof body === 'object' && body !== null ? body : {}) as { stream?: unknown; afterSeq?: unknown };
    const stream = parseEventStream(request.stream);
    if (typeof stream === 'string') return reply(ack, { ok: false, statusCode: 400, message: stream });
    const afterSeq = parseAfterSeq(request.afterSeq);
    if (afterSeq === null) {
      return reply(ack, {
        ok: false,
        statusCode: 400,
        message: 'afterSeq must be a whole number, 0 or more: the last seq you have.',
      });
    }

    const principal = await this.currentPrincipal(socket);
    if (!principal) return reply(ack, { ok: false, statusCode: 401, message: 'Sign in to use TrustOps.' });
    const decision = await this.access.decide(principal, stream);
    if (!decision.allowed) return reply(ack, { ok: false, statusCode: decision.statusCode, message: decision.message });
    if (!socket.connected) return;
    if (
      !this.subscriptions.has(socket.id, principal.tenantId, stream) &&
      this.subscriptions.count(socket.id) >= LocalSubscriptions.MAX_PER_SOCKET
    ) {
      return reply(ack, {
        ok: false,
        statusCode: 400,
        message: `You can follow at most ${LocalSubscriptions.MAX_PER_SOCKET} things at once on one connection.`,
      });
    }

    // Listening before reading: whatever is committed from here on arrives live and waits
    // behind the catch-up, so nothing falls between the two.
    const subscription = new StreamSubscription(socket, principal.tenantId, stream, afterSeq, this.events);
    this.subscriptions.add(socket.id, subscription);
    const lastSeq = await this.events.lastSeq(principal.tenantId, stream);
    reply(ack, { ok: true, lastSeq });
    subscription.start(afterSeq === undefined ? lastSeq : undefined);
  }

  @SubscribeMessage(SOCKET_EVENTS.unsubscribe)
  unsubscribe(
    @ConnectedSocket() socket: EventsSocket,
    @MessageBody() body: unknown,
    @Ack() ack: (response: { ok: boolean }) => void,
  ): void {
    const stream = parseEventStream(
      (typeof body === 'object' && body !== null ? (body as { stream?: unknown }) : {}).stream,
    );
    const principal = socket.data.principal;
    const removed =
      typeof stream !== 'string' &&
      principal !== undefined &&
      this.subscriptions.remove(socket.id, principal.tenantId, stream);
    reply(ack, { ok: removed });
  }

  connectionCount(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  /**
   * Disconnects this instance's sockets whose session has ended (signed out, timed out) or whose
   * token was revoked since they connected, so a live feed does not outlive its sign-in.
   */
  async revalidateConnections(): Promise<number> {
    let disconnected = 0;
    for (const socket of [...(this.namespace?.sockets.values() ?? [])]) {
      if (await this.currentPrincipal(socket as EventsSocket)) continue;
      this.subscriptions.removeSocket(socket.id);
      socket.disconnect(true);
      disconnected++;
    }
    return disconnected;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.revalidation);
    const connection = this.adapterSubscriber;
    this.adapterSubscriber = undefined;
    if (!connection) return;
    try {
      await connection.quit();
    } catch (error) {
      this.logger.warn(`Closing the socket.io adapter subscriber failed: ${(error as Error).message}`);
      connection.disconnect();
    }
  }

  /**
   * The connection's principal, checked again: a session signed out (or a token revoked) since
   * the connection opened cannot start new subscriptions.
   */
  private async currentPrincipal(socket: EventsSocket): Promise<Principal | undefined> {
    try {
      const principal = await this.authenticator.authenticate(socket.handshake);
      socket.data.principal = principal;
      return principal;
    } catch (error) {
      if (!(error instanceof SocketAuthenticationError)) {
        // The database is unreachable, say: keep the socket; the next check decides.
        this.logger.warn(`Checking a live connection's sign-in failed: ${(error as Error).message}`);
        return socket.data.principal;
      }
      return undefined;
    }
  }
}

/** The client's last seq; undefined (only what is new from now on) when absent; null when invalid. */
function parseAfterSeq(value: unknown): number | undefined | null {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function reply<Response>(ack: ((response: Response) => void) | undefined, response: Response): void {
  if (typeof ack === 'function') ack(response);
}

/** A refused handshake, as socket.io-client's `connect_error` shows it. */
function refusal(error: unknown): Error & { data: { statusCode: number } } {
  const message =
    error instanceof SocketAuthenticationError ? error.message : 'Sign-in could not be checked; try again.';
  return Object.assign(new Error(message), {
    data: { statusCode: error instanceof SocketAuthenticationError ? 401 : 500 },
  });
}
