import { TestBed } from '@angular/core/testing';
import type { LiveEventMessage, SubscribeAck, SubscribeRequest } from '@trustops/contracts';
import type { Socket } from 'socket.io-client';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { LINGER_MS, LiveEventsService, LiveSocketFactory } from './live-events.service';
import { LiveSubscriptionError } from './live-stream-channels';

const RUN = { kind: 'run', id: '3f1c2a9e-0000-4000-8000-000000000001' } as const;

/** Just the part of a socket.io-client socket the service uses, driven by the test. */
class FakeSocket {
  connected = false;
  active = true;
  readonly subscribes: SubscribeRequest[] = [];
  readonly emitted: Array<{ name: string; body: unknown }> = [];
  ack: (request: SubscribeRequest) => SubscribeAck = () => ({ ok: true, lastSeq: 0 });
  private readonly handlers = new Map<string, Array<(...args: unknown[]) => void>>();

  on(name: string, handler: (...args: unknown[]) => void): this {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
    return this;
  }
  connect(): this {
    return this;
  }
  disconnect(): this {
    this.connected = false;
    this.active = false;
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  emit(name: string, body: unknown): this {
    this.emitted.push({ name, body });
    return this;
  }
  timeout(): { emitWithAck: (name: string, request: SubscribeRequest) => Promise<SubscribeAck> } {
    return {
      emitWithAck: (_name, request) => {
        this.subscribes.push(request);
        return Promise.resolve(this.ack(request));
      },
    };
  }

  /** The server side: fire a socket event. */
  fire(name: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(name) ?? []) handler(...args);
  }
  up(): void {
    this.connected = true;
    this.fire('connect');
  }
  down(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }
}

function event(seq: number): LiveEventMessage {
  return {
    id: `e${seq}`,
    seq,
    type: 'step.log',
    tenantId: 't',
    actor: { type: 'system', userId: null, displayName: 'TrustOps' },
    source: 'runs',
    ts: '2026-12-02T12:00:00.000Z',
    payload: {},
    stream: RUN,
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe(LiveEventsService.name, () => {
  let socket: FakeSocket;
  let created: number;
  let service: LiveEventsService;

  beforeEach(() => {
    socket = new FakeSocket();
    created = 0;
    TestBed.configureTestingModule({
      providers: [
        ...provideTestEnvironment(),
        {
          provide: LiveSocketFactory,
          useValue: {
            create: () => {
              created++;
              return socket as unknown as Socket;
            },
          },
        },
      ],
    });
    service = TestBed.inject(LiveEventsService);
  });

  it('should connect on the first watch, say when it is live, and resume after the last seq when the connection comes back', async () => {
    expect(service.state()).toBe('idle');
    const seqs: number[] = [];
    const subscription = service.watch(RUN, 0).subscribe((received) => seqs.push(received.seq));
    expect(service.state()).toBe('connecting');

    socket.up();
    await settle();
    expect(service.state()).toBe('live');
    expect(socket.subscribes).toEqual([{ stream: RUN, afterSeq: 0 }]);
    for (const seq of [1, 2, 2, 3]) socket.fire('event', event(seq));

    socket.down();
    expect(service.state()).toBe('reconnecting');
    socket.up();
    await settle();
    expect(socket.subscribes.at(-1)).toEqual({ stream: RUN, afterSeq: 3 });
    for (const seq of [3, 4]) socket.fire('event', event(seq));

    expect(seqs).toEqual([1, 2, 3, 4]);
    expect(created).toBe(1);
    subscription.unsubscribe();
  });

  it('should keep the connection a few seconds after the last watch ends, then close it', () => {
    vi.useFakeTimers();
    try {
      service.watch(RUN, 0).subscribe().unsubscribe();
      socket.up();
      vi.advanceTimersByTime(LINGER_MS - 1);
      service.watch({ kind: 'inbox' }).subscribe().unsubscribe(); // the next page, straight away
      vi.advanceTimersByTime(LINGER_MS - 1);
      expect(service.state()).toBe('live');
      expect(created).toBe(1);

      vi.advanceTimersByTime(1);
      expect(service.state()).toBe('idle');
      expect(socket.connected).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('should say live updates are unavailable when the server refuses the connection', () => {
    service.watch(RUN, 0).subscribe();
    socket.active = false; // socket.io does not retry a refusal by the server
    socket.fire('connect_error', new Error('Sign in to use TrustOps.'));
    expect(service.state()).toBe('unavailable');
  });

  it('should end the watch with the reason when the subscription is refused', async () => {
    socket.ack = () => ({ ok: false, statusCode: 403, message: 'You do not have permission to follow this.' });
    let failure: unknown;
    service.watch({ kind: 'inbox' }).subscribe({ error: (error: unknown) => (failure = error) });
    socket.up();
    await settle();

    expect(failure).toBeInstanceOf(LiveSubscriptionError);
    expect((failure as LiveSubscriptionError).statusCode).toBe(403);
  });
});
