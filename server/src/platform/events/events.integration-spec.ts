import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type {
  CreateApiTokenResponse,
  EventStream,
  LiveEventMessage,
  RunDetail,
  SubscribeAck,
} from '@trustops/contracts';
import { SOCKET_EVENTS } from '@trustops/contracts';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { startAuthTestApp, type AuthTestApp } from '../../auth/testing/auth-test-app.js';
import { signIn, withCsrf } from '../../auth/testing/sign-in.js';
import { TestBrowser } from '../../auth/testing/test-browser.js';
import { SESSION_COOKIE } from '../../auth/auth-settings.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { TEST_REDIS_URL, uniqueQueuePrefix } from '../testing/test-services.js';
import { EventsGateway } from './events.gateway.js';
import { EventsService, type NewEvent } from './events.service.js';
import { StreamAccess } from './stream-access.js';

const SYSTEM = { type: 'system', userId: null, displayName: 'TrustOps' } as const;

/** A socket.io client on `/events`, as a browser (cookie) or a machine (API token) connects. */
function connect(url: string, credentials: { cookie?: string; token?: string }): Socket {
  return io(`${url}/events`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: credentials.cookie ? { cookie: `${SESSION_COOKIE}=${credentials.cookie}` } : {},
    auth: credentials.token ? { token: credentials.token } : {},
  });
}

async function connected(socket: Socket): Promise<void> {
  if (socket.connected) return;
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}

/** Everything a socket receives on one stream, in arrival order. */
function collect(socket: Socket): LiveEventMessage[] {
  const received: LiveEventMessage[] = [];
  socket.on(SOCKET_EVENTS.event, (message: LiveEventMessage) => received.push(message));
  return received;
}

async function subscribe(socket: Socket, stream: EventStream, afterSeq?: number): Promise<SubscribeAck> {
  return (await socket.timeout(10_000).emitWithAck(SOCKET_EVENTS.subscribe, { stream, afterSeq })) as SubscribeAck;
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

function seqs(events: LiveEventMessage[]): number[] {
  return events.map((event) => event.seq);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

describe('live events', () => {
  const queuePrefix = uniqueQueuePrefix();
  let testApp: AuthTestApp;
  let secondInstance: TestApp;
  let events: EventsService;
  let tenantId: string;
  let otherTenantId: string;
  let operator: TestBrowser;
  let operatorCsrf: string;
  let operatorCookie: string;
  let clinicianCookie: string;
  let operatorToken: string;
  /** Batches as the RCM module would know them: id → tenant (the run tests use real runs). */
  const batches = new Map<string, string>();
  const sockets: Socket[] = [];

  function event(stream: EventStream, type: string, payload: Record<string, unknown> = {}): NewEvent {
    return {
      tenantId,
      stream,
      type,
      batchId: stream.kind === 'batch' ? stream.id : undefined,
      actor: SYSTEM,
      source: 'tests',
      payload,
    };
  }

  function newBatch(owner = tenantId): EventStream {
    const id = randomUUID();
    batches.set(id, owner);
    return { kind: 'batch', id };
  }

  function socketFor(url: string, credentials: { cookie?: string; token?: string }): Socket {
    const socket = connect(url, credentials);
    sockets.push(socket);
    return socket;
  }

  const batchChecker = (principal: { tenantId: string }, id: string | undefined): Promise<boolean> =>
    Promise.resolve(id !== undefined && batches.get(id) === principal.tenantId);

  before(async () => {
    testApp = await startAuthTestApp({ env: { QUEUE_PREFIX: queuePrefix } });
    events = testApp.app.get(EventsService);
    testApp.app.get(StreamAccess).register('batch', batchChecker);

    operator = new TestBrowser(testApp.url);
    const operatorSession = await signIn(operator, 'operator');
    operatorCsrf = operatorSession.csrfToken;
    tenantId = operatorSession.activeTenant.id;
    operatorCookie = operator.sessionCookie ?? assert.fail('no session cookie');
    const clinician = new TestBrowser(testApp.url);
    await signIn(clinician, 'clinician');
    clinicianCookie = clinician.sessionCookie ?? assert.fail('no session cookie');
    const created = await operator.request(
      '/api/tokens',
      withCsrf(operatorSession.csrfToken, {
        method: 'POST',
        body: { name: 'live events', permissions: ['rcm:read'] },
      }),
    );
    assert.equal(created.status, 201);
    operatorToken = ((await created.json()) as CreateApiTokenResponse).secret;
    [{ id: otherTenantId }] = await testApp.query<{ id: string }>(
      "INSERT INTO tenants (slug, name, ods_code) VALUES ('riverside', 'Riverside Community NHS Trust', 'RZY') RETURNING id",
    );

    // A second API instance of the same deployment: same database, same Redis prefix.
    secondInstance = await startTestApp({
      database: testApp.database,
      env: { QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'warn' },
    });
    secondInstance.app.get(StreamAccess).register('batch', batchChecker);
  });

  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await secondInstance?.close();
    await testApp?.close();
  });

  describe('the event log', () => {
    it('should number the events of 8 concurrent appenders 1..N without gaps, a rolled-back append giving its number back', async () => {
      const stream = newBatch();
      const dataSource = testApp.app.get(DataSource);
      const perAppender = 20;
      await Promise.all(
        range(1, 8).map(async (appender) => {
          for (let index = 1; index <= perAppender; index++) {
            if (index % 5 === 0) {
              // In a caller's transaction that holds the stream a little while before committing.
              await dataSource.transaction(async (manager) => {
                await events.append(event(stream, 'test.appended', { appender, index }), manager);
                await sleep(2);
              });
            } else if (index % 7 === 0) {
              await dataSource
                .transaction(async (manager) => {
                  await events.append(event(stream, 'test.rolled_back', { appender, index }), manager);
                  throw new Error('roll back');
                })
                .catch(() => undefined);
            } else {
              await events.emit(event(stream, 'test.appended', { appender, index }));
            }
          }
        }),
      );
      const stored = await events.list(tenantId, stream, 0);
      const expected = 8 * (perAppender - Math.floor(perAppender / 7));
      assert.deepEqual(seqs(stored), range(1, expected));
      assert.ok(stored.every((stored) => stored.type === 'test.appended'));
      assert.equal(await events.lastSeq(tenantId, stream), expected);
      for (const appender of range(1, 8)) {
        const mine = stored
          .filter((stored) => stored.payload['appender'] === appender)
          .map((stored) => stored.payload['index'] as number);
        assert.deepEqual(
          mine,
          [...mine].sort((a, b) => a - b),
          `appender ${appender}'s events keep their order`,
        );
      }
    });

    it('should append the events of several streams in one statement, numbered in order after concurrent single appends', async () => {
      const stream = newBatch();
      const other = newBatch();
      const dataSource = testApp.app.get(DataSource);
      await Promise.all(
        range(1, 6).map(async (writer) => {
          for (let round = 1; round <= 5; round++) {
            if (writer % 2 === 0) {
              await events.emit(event(stream, 'test.single', { writer, round, index: 0 }));
              continue;
            }
            const appended = await dataSource.transaction((manager) =>
              events.appendMany(
                [
                  event(stream, 'test.many', { writer, round, index: 1 }),
                  event(other, 'test.many', { writer, round, index: 1 }),
                  event(stream, 'test.many', { writer, round, index: 2 }),
                  { ...event(stream, 'test.many', { writer, round, index: 3, token: 'secret-1' }) },
                ],
                manager,
              ),
            );
            // Returned in the order given, each stream's numbers consecutive.
            assert.deepEqual(
              appended.map((envelope) => envelope.payload['index']),
              [1, 1, 2, 3],
            );
            assert.deepEqual([appended[2].seq - appended[0].seq, appended[3].seq - appended[0].seq], [1, 2]);
            assert.equal(appended[3].payload['token'], '[redacted]');
          }
        }),
      );
      const stored = await events.list(tenantId, stream, 0);
      assert.deepEqual(seqs(stored), range(1, 3 * 5 * 3 + 3 * 5));
      assert.equal(await events.lastSeq(tenantId, stream), 60);
      assert.deepEqual(seqs(await events.list(tenantId, other, 0)), range(1, 15));
      // A batch's three events sit together, in order, between other writers' events.
      for (let position = 0; position < stored.length; position++) {
        if (stored[position].payload['index'] === 1 && stored[position].type === 'test.many') {
          assert.deepEqual(
            stored.slice(position, position + 3).map((item) => item.payload['index']),
            [1, 2, 3],
          );
        }
      }
    });

    it('should keep streams and tenants apart', async () => {
      const stream = newBatch();
      await events.append(event(stream, 'test.appended'));
      await events.append({ ...event(stream, 'test.appended'), tenantId: otherTenantId });
      assert.deepEqual(seqs(await events.list(tenantId, stream, 0)), [1]);
      assert.deepEqual(seqs(await events.list(otherTenantId, stream, 0)), [1]);
      assert.equal(await events.lastSeq(tenantId, newBatch()), 0);
    });

    it('should redact secrets and refuse payloads over 256 KB', async () => {
      const stream = newBatch();
      const stored = await events.append(
        event(stream, 'test.appended', {
          url: 'https://example.test',
          headers: { Authorization: 'Bearer abc' },
          nested: [{ password: 'hunter2' }],
        }),
      );
      assert.deepEqual(stored.payload, {
        url: 'https://example.test',
        headers: { Authorization: '[redacted]' },
        nested: [{ password: '[redacted]' }],
      });
      assert.deepEqual((await events.list(tenantId, stream, 0))[0]?.payload, stored.payload);
      await assert.rejects(
        events.append(event(stream, 'test.huge', { text: 'x'.repeat(300 * 1024) })),
        /too large to record.*256 KB/,
      );
      assert.equal(await events.lastSeq(tenantId, stream), 1);
    });
  });

  describe('the WebSocket gateway', () => {
    it('should refuse a connection without a session or token, or with a bad one', async () => {
      for (const credentials of [{}, { cookie: 'not-a-session' }, { token: 'trustops_pat_nonsense' }]) {
        const socket = socketFor(testApp.url, credentials);
        const error = await connected(socket).then(
          () => assert.fail('the connection should be refused'),
          (refused: Error & { data?: { statusCode?: number } }) => refused,
        );
        assert.equal(error.data?.statusCode, 401);
        assert.match(error.message, /sign in|token/i);
      }
    });

    it('should send what was there, then live events, in order', async () => {
      const stream = newBatch();
      await events.emit(event(stream, 'run.queued'));
      await events.emit(event(stream, 'run.started'));
      const socket = socketFor(testApp.url, { cookie: operatorCookie });
      const received = collect(socket);
      await connected(socket);
      assert.deepEqual(await subscribe(socket, stream, 0), { ok: true, lastSeq: 2 });
      for (let index = 0; index < 10; index++) await events.emit(event(stream, 'step.log', { index }));
      await until(() => received.length >= 12, '12 events');
      await sleep(100);
      assert.deepEqual(seqs(received), range(1, 12));
      assert.deepEqual(received[0]?.stream, stream);
      assert.equal(received[0]?.type, 'run.queued');
      assert.equal(received[11]?.payload['index'], 9);
    });

    it('should send only what is new to a subscriber that gives no seq', async () => {
      const stream = newBatch();
      for (let index = 0; index < 3; index++) await events.emit(event(stream, 'step.log', { index }));
      const socket = socketFor(testApp.url, { cookie: operatorCookie });
      const received = collect(socket);
      await connected(socket);
      assert.deepEqual(await subscribe(socket, stream), { ok: true, lastSeq: 3 });
      await events.emit(event(stream, 'step.log', { index: 3 }));
      await until(() => received.length >= 1, 'the new event');
      await sleep(100);
      assert.deepEqual(seqs(received), [4]);
    });

    it('should give a client that comes back with its last seq exactly what it missed', async () => {
      const stream = newBatch();
      const first = socketFor(testApp.url, { cookie: operatorCookie });
      const before = collect(first);
      await connected(first);
      await subscribe(first, stream, 0);
      for (let index = 0; index < 5; index++) await events.emit(event(stream, 'step.log', { index }));
      await until(() => before.length === 5, '5 events');
      first.disconnect();

      for (let index = 5; index < 12; index++) await events.emit(event(stream, 'step.log', { index }));
      const second = socketFor(testApp.url, { cookie: operatorCookie });
      const afterReconnect = collect(second);
      await connected(second);
      const lastSeen = before.at(-1)?.seq ?? 0;
      assert.deepEqual(await subscribe(second, stream, lastSeen), { ok: true, lastSeq: 12 });
      await until(() => afterReconnect.length >= 7, 'the 7 missed events');
      for (let index = 12; index < 15; index++) await events.emit(event(stream, 'step.log', { index }));
      await until(() => afterReconnect.length >= 10, '3 more live events');
      await sleep(100);
      assert.deepEqual(seqs(afterReconnect), range(6, 15));
    });

    it('should miss nothing and repeat nothing when subscribing while events are being appended', async () => {
      const stream = newBatch();
      let appending = true;
      let appended = 0;
      const appenders = range(1, 3).map(async () => {
        while (appending) {
          await events.emit(event(stream, 'step.log'));
          appended++;
        }
      });
      await until(() => appended >= 20, 'some events before subscribing');
      const socket = socketFor(testApp.url, { cookie: operatorCookie });
      const received = collect(socket);
      await connected(socket);
      const ack = await subscribe(socket, stream, 10);
      assert.equal(ack.ok, true);
      await until(() => appended >= 120, 'more events after subscribing');
      appending = false;
      await Promise.all(appenders);
      const last = await events.lastSeq(tenantId, stream);
      await until(() => received.at(-1)?.seq === last, `seq ${last}`);
      await sleep(100);
      assert.deepEqual(seqs(received), range(11, last));
    });

    it('should fill a gap from the table when a publish is lost', async () => {
      const stream = newBatch();
      const socket = socketFor(testApp.url, { cookie: operatorCookie });
      const received = collect(socket);
      await connected(socket);
      await subscribe(socket, stream, 0);
      await events.append(event(stream, 'step.log')); // committed, never published
      await events.emit(event(stream, 'step.log'));
      await until(() => received.length >= 2, '2 events');
      assert.deepEqual(seqs(received), [1, 2]);
    });

    it('should catch up from the table after its Redis subscription was cut', async () => {
      const stream = newBatch();
      const socket = socketFor(testApp.url, { cookie: operatorCookie });
      const received = collect(socket);
      await connected(socket);
      await subscribe(socket, stream, 0);
      await events.append(event(stream, 'step.log')); // committed while "Redis was down": never published
      const redis = new Redis(TEST_REDIS_URL);
      try {
        const clients = await redis.client('LIST');
        const id = /id=(\d+) [^\n]*name=(\S+)/g;
        // Both instances' subscribers (they share the prefix).
        const ours = [...String(clients).matchAll(id)]
          .filter((match) => match[2] === `${queuePrefix}:events-subscriber`)
          .map((match) => match[1] ?? '');
        assert.equal(ours.length, 2, 'the events subscribers are connected under their name');
        for (const client of ours) await redis.client('KILL', 'ID', client);
      } finally {
        redis.disconnect();
      }
      await until(() => received.length === 1, 'the unpublished event after the reconnect');
      assert.deepEqual(seqs(received), [1]);
    });

    it('should refuse a stream the principal lacks the permission for with 403', async () => {
      const socket = socketFor(testApp.url, { cookie: clinicianCookie });
      await connected(socket);
      const ack = await subscribe(socket, { kind: 'inbox' });
      assert.equal(ack.ok, false);
      assert.equal(!ack.ok && ack.statusCode, 403);
      assert.match(!ack.ok ? ack.message : '', /decisions:read/);
    });

    it("should answer 404 for another tenant's batch, exactly as for one that does not exist, and send none of its events", async () => {
      const theirs = newBatch(otherTenantId);
      await events.emit({ ...event(theirs, 'run.queued'), tenantId: otherTenantId });
      const socket = socketFor(testApp.url, { cookie: operatorCookie });
      const received = collect(socket);
      await connected(socket);
      const forTheirs = await subscribe(socket, theirs);
      const forNone = await subscribe(socket, { kind: 'batch', id: randomUUID() });
      assert.deepEqual(forTheirs, forNone);
      assert.equal(!forTheirs.ok && forTheirs.statusCode, 404);
      await events.emit({ ...event(theirs, 'run.started'), tenantId: otherTenantId });
      await sleep(200);
      assert.deepEqual(received, []);
    });

    it('should refuse a malformed subscription with 400', async () => {
      const socket = socketFor(testApp.url, { cookie: operatorCookie });
      await connected(socket);
      const ack = (await socket
        .timeout(10_000)
        .emitWithAck(SOCKET_EVENTS.subscribe, { stream: { kind: 'run', id: "1' OR 1=1" } })) as SubscribeAck;
      assert.equal(!ack.ok && ack.statusCode, 400);
      const negative = await subscribe(socket, newBatch(), -1);
      assert.equal(!negative.ok && negative.statusCode, 400);
    });

    it('should disconnect a connection whose session has ended, and keep the others', async () => {
      const leaving = new TestBrowser(testApp.url);
      const session = await signIn(leaving, 'operator');
      const gone = socketFor(testApp.url, { cookie: leaving.sessionCookie ?? assert.fail('no session cookie') });
      const staying = socketFor(testApp.url, { cookie: operatorCookie });
      await Promise.all([connected(gone), connected(staying)]);
      const reason = new Promise<string>((resolve) => gone.once('disconnect', resolve));

      const signedOut = await leaving.request('/auth/logout', {
        ...withCsrf(session.csrfToken),
        headers: { ...withCsrf(session.csrfToken).headers, accept: 'application/json' },
      });
      assert.equal(signedOut.status, 200);
      assert.equal(await testApp.app.get(EventsGateway).revalidateConnections(), 1);

      assert.equal(await reason, 'io server disconnect');
      assert.equal(staying.connected, true);
      assert.equal((await subscribe(staying, newBatch(), 0)).ok, true);
    });

    it("should count this instance's live connections and subscriptions in /metrics", async () => {
      const socket = socketFor(secondInstance.url, { token: operatorToken });
      await connected(socket);
      await subscribe(socket, newBatch(), 0);
      const metrics = await (await fetch(`${secondInstance.url}/metrics`)).text();
      assert.match(metrics, /^trustops_live_connections\{role="all"\} 1$/m);
      assert.match(metrics, /^trustops_live_subscriptions\{role="all"\} 1$/m);
      socket.disconnect();
    });

    it('should deliver an event emitted on one instance exactly once to a subscriber on another', async () => {
      const stream = newBatch();
      const onSecond = socketFor(secondInstance.url, { token: operatorToken });
      const onFirst = socketFor(testApp.url, { token: operatorToken });
      const receivedOnSecond = collect(onSecond);
      const receivedOnFirst = collect(onFirst);
      await Promise.all([connected(onSecond), connected(onFirst)]);
      assert.deepEqual(await subscribe(onSecond, stream, 0), { ok: true, lastSeq: 0 });
      assert.deepEqual(await subscribe(onFirst, stream, 0), { ok: true, lastSeq: 0 });

      await events.emit(event(stream, 'run.queued'));
      await secondInstance.app.get(EventsService).emit(event(stream, 'run.started'));
      await until(() => receivedOnSecond.length >= 2 && receivedOnFirst.length >= 2, 'both events on both instances');
      await sleep(300);
      assert.deepEqual(seqs(receivedOnSecond), [1, 2]);
      assert.deepEqual(seqs(receivedOnFirst), [1, 2]);
    });

    it('should have no gateway in a worker, whose events still reach the API instances', async () => {
      const worker = await startTestApp({
        database: testApp.database,
        env: { QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'warn', ROLE: 'worker' },
      });
      try {
        const refused = socketFor(worker.url, { token: operatorToken });
        await assert.rejects(connected(refused));
        const stream = newBatch();
        const socket = socketFor(testApp.url, { token: operatorToken });
        const received = collect(socket);
        await connected(socket);
        await subscribe(socket, stream, 0);
        await worker.app.get(EventsService).emit(event(stream, 'step.started'));
        await until(() => received.length === 1, 'the worker’s event');
        assert.equal(received[0]?.type, 'step.started');
      } finally {
        await worker.close();
      }
    });

    describe('with real runs', () => {
      let runId: string;

      before(async () => {
        const started = await operator.request(
          '/api/runs',
          withCsrf(operatorCsrf, {
            method: 'POST',
            body: { runbookId: 'parallel-checks', inputs: { system: 'Patient administration' } },
          }),
        );
        assert.equal(started.status, 201, await started.clone().text());
        runId = ((await started.json()) as RunDetail).id;
      });

      it("should follow a run with the runs module's check, every event once and in order, to the end", async () => {
        const socket = socketFor(testApp.url, { cookie: operatorCookie });
        const received = collect(socket);
        await connected(socket);
        const ack = await subscribe(socket, { kind: 'run', id: runId }, 0);
        assert.equal(ack.ok, true);
        await until(
          () => received.some((event) => event.type === 'run.succeeded' || event.type === 'run.failed'),
          'the run to finish',
          30_000,
        );
        await sleep(200);
        assert.deepEqual(seqs(received), range(1, received.length));
        assert.equal(received.at(0)?.type, 'run.queued');
        assert.ok(
          received.some((event) => event.type === 'run.succeeded'),
          received.map((event) => event.type).join(', '),
        );
        assert.ok(received.every((event) => event.runId === runId && event.stream.kind === 'run'));
      });

      it('should answer 404 for a run of the tenant the person is not working in, exactly as for a run that does not exist', async () => {
        await testApp.query(
          'INSERT INTO tenant_memberships (tenant_id, user_id) SELECT $1, user_id FROM tenant_memberships WHERE tenant_id = $2',
          [otherTenantId, tenantId],
        );
        await testApp.query(
          "INSERT INTO role_assignments (tenant_id, user_id, role, source) SELECT $1, user_id, 'operator', 'admin' FROM role_assignments WHERE tenant_id = $2 AND role = 'operator'",
          [otherTenantId, tenantId],
        );
        const switched = await operator.request(
          '/api/session/tenant',
          withCsrf(operatorCsrf, { method: 'POST', body: { tenantId: otherTenantId } }),
        );
        assert.equal(switched.status, 200);
        try {
          const socket = socketFor(testApp.url, { cookie: operatorCookie });
          await connected(socket);
          const forTheirs = await subscribe(socket, { kind: 'run', id: runId }, 0);
          const forNone = await subscribe(socket, { kind: 'run', id: randomUUID() }, 0);
          assert.equal(!forTheirs.ok && forTheirs.statusCode, 404);
          assert.deepEqual(forTheirs, forNone);
        } finally {
          const back = await operator.request(
            '/api/session/tenant',
            withCsrf(operatorCsrf, { method: 'POST', body: { tenantId } }),
          );
          assert.equal(back.status, 200);
        }
      });
    });
  });
});
