import type { EventStream, LiveEventMessage, SubscribeAck, SubscribeRequest } from '@trustops/contracts';
import { LiveStreamChannels, LiveSubscriptionError, type LiveTransport } from './live-stream-channels';

const RUN: EventStream = { kind: 'run', id: '3f1c2a9e-0000-4000-8000-000000000001' };

/** The server side of the socket as the channels see it: requests to answer, one at a time. */
class FakeTransport implements LiveTransport {
  readonly requests: Array<{
    request: SubscribeRequest;
    answer: (ack: SubscribeAck) => Promise<void>;
    fail: () => Promise<void>;
  }> = [];
  readonly unsubscribed: EventStream[] = [];

  subscribe(request: SubscribeRequest): Promise<SubscribeAck> {
    return new Promise((resolve, reject) => {
      this.requests.push({
        request,
        answer: async (ack) => {
          resolve(ack);
          await settle();
        },
        fail: async () => {
          reject(new Error('Not connected'));
          await settle();
        },
      });
    });
  }

  unsubscribe(stream: EventStream): void {
    this.unsubscribed.push(stream);
  }

  last(): FakeTransport['requests'][number] {
    const request = this.requests.at(-1);
    if (!request) throw new Error('nothing was requested');
    return request;
  }
}

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function message(seq: number, stream: EventStream = RUN): LiveEventMessage {
  return {
    id: `event-${seq}`,
    seq,
    type: 'step.log',
    tenantId: 'tenant-1',
    runId: stream.kind === 'run' ? stream.id : null,
    actor: { type: 'system', userId: null, displayName: 'TrustOps' },
    source: 'runs',
    ts: '2026-12-02T12:00:00.000Z',
    payload: {},
    stream,
  };
}

function collector(): {
  seqs: number[];
  errors: LiveSubscriptionError[];
  watcher: { next(event: LiveEventMessage): void; error(error: LiveSubscriptionError): void };
} {
  const seqs: number[] = [];
  const errors: LiveSubscriptionError[] = [];
  return { seqs, errors, watcher: { next: (event) => seqs.push(event.seq), error: (error) => errors.push(error) } };
}

describe(LiveStreamChannels.name, () => {
  let transport: FakeTransport;
  let channels: LiveStreamChannels;

  beforeEach(() => {
    transport = new FakeTransport();
    channels = new LiveStreamChannels(transport);
  });

  it('should subscribe after the given seq and pass each event once, in order', async () => {
    const seen = collector();
    channels.watch(RUN, 4, seen.watcher);
    expect(transport.last().request).toEqual({ stream: RUN, afterSeq: 4 });
    await transport.last().answer({ ok: true, lastSeq: 6 });

    for (const seq of [3, 4, 5, 5, 6, 6, 7]) channels.receive(message(seq));

    expect(seen.seqs).toEqual([5, 6, 7]);
  });

  it('should resume after a reconnect from the last seq it delivered, dropping what the replay repeats', async () => {
    const seen = collector();
    channels.watch(RUN, 0, seen.watcher);
    await transport.last().answer({ ok: true, lastSeq: 0 });
    for (const seq of [1, 2, 3]) channels.receive(message(seq));

    channels.connected(); // the connection came back
    expect(transport.last().request).toEqual({ stream: RUN, afterSeq: 3 });
    await transport.last().answer({ ok: true, lastSeq: 6 });
    for (const seq of [3, 4, 5, 6]) channels.receive(message(seq));

    expect(seen.seqs).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('should ask again from its last seq when an event skips ahead, and take the replay in order', async () => {
    const seen = collector();
    channels.watch(RUN, 0, seen.watcher);
    await transport.last().answer({ ok: true, lastSeq: 0 });
    channels.receive(message(1));
    channels.receive(message(3)); // 2 went missing

    expect(transport.requests).toHaveLength(2);
    expect(transport.last().request).toEqual({ stream: RUN, afterSeq: 1 });
    channels.receive(message(4)); // still behind: no second request while one is on its way
    expect(transport.requests).toHaveLength(2);
    await transport.last().answer({ ok: true, lastSeq: 4 });
    for (const seq of [2, 3, 4]) channels.receive(message(seq));

    expect(seen.seqs).toEqual([1, 2, 3, 4]);
  });

  it('should start a watcher without a seq at the head the server gives, ignoring what came before', async () => {
    const seen = collector();
    channels.watch({ kind: 'inbox' }, undefined, seen.watcher);
    expect(transport.last().request).toEqual({ stream: { kind: 'inbox' } });
    channels.receive(message(8, { kind: 'inbox' }));
    await transport.last().answer({ ok: true, lastSeq: 9 });
    for (const seq of [9, 10, 11]) channels.receive(message(seq, { kind: 'inbox' }));

    expect(seen.seqs).toEqual([10, 11]);
  });

  it('should share one subscription between watchers, replaying for the one that is behind without repeating for the other', async () => {
    const ahead = collector();
    const behind = collector();
    channels.watch(RUN, 0, ahead.watcher);
    await transport.last().answer({ ok: true, lastSeq: 0 });
    for (const seq of [1, 2, 3]) channels.receive(message(seq));

    channels.watch(RUN, 1, behind.watcher);
    expect(transport.last().request).toEqual({ stream: RUN, afterSeq: 1 });
    channels.receive(message(4)); // live, before the replay
    await transport.last().answer({ ok: true, lastSeq: 4 });
    for (const seq of [2, 3, 4, 5]) channels.receive(message(seq));

    expect(ahead.seqs).toEqual([1, 2, 3, 4, 5]);
    expect(behind.seqs).toEqual([2, 3, 4, 5]);
  });

  it('should ask again on reconnect when a request was never answered', async () => {
    const seen = collector();
    channels.watch(RUN, 2, seen.watcher);
    await transport.last().fail();
    channels.connected();

    expect(transport.requests.map((request) => request.request)).toEqual([
      { stream: RUN, afterSeq: 2 },
      { stream: RUN, afterSeq: 2 },
    ]);
  });

  it('should say once when the server has the subscription, at once for a watcher joining a subscribed stream', async () => {
    const first: number[] = [];
    const second: number[] = [];
    channels.watch({ kind: 'inbox' }, undefined, {
      ...collector().watcher,
      subscribed: (lastSeq) => first.push(lastSeq),
    });
    expect(first).toEqual([]);
    await transport.last().answer({ ok: true, lastSeq: 7 });
    channels.receive(message(8, { kind: 'inbox' }));
    channels.watch({ kind: 'inbox' }, undefined, {
      ...collector().watcher,
      subscribed: (lastSeq) => second.push(lastSeq),
    });
    channels.connected();
    await transport.last().answer({ ok: true, lastSeq: 9 });

    expect(first).toEqual([7]);
    expect(second).toEqual([8]);
  });

  it('should end every watcher of a refused stream with the reason', async () => {
    const seen = collector();
    channels.watch(RUN, 0, seen.watcher);
    await transport.last().answer({ ok: false, statusCode: 404, message: 'There is no such run.' });

    expect(seen.errors).toHaveLength(1);
    expect(seen.errors[0]?.statusCode).toBe(404);
    expect(seen.errors[0]?.message).toBe('There is no such run.');
    expect(channels.streams()).toEqual([]);
    channels.receive(message(1));
    expect(seen.seqs).toEqual([]);
  });

  it('should unsubscribe when the last watcher stops, and not before', async () => {
    const first = collector();
    const second = collector();
    const stopFirst = channels.watch(RUN, 0, first.watcher);
    const stopSecond = channels.watch(RUN, 0, second.watcher);
    await transport.last().answer({ ok: true, lastSeq: 0 });

    stopFirst();
    channels.receive(message(1));
    expect(transport.unsubscribed).toEqual([]);
    expect(first.seqs).toEqual([]);
    expect(second.seqs).toEqual([1]);

    stopSecond();
    expect(transport.unsubscribed).toEqual([RUN]);
    channels.connected();
    expect(transport.requests).toHaveLength(1);
  });
});
