import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collectPages, LiveHttpClient, retryDelayMs, type ProductDialect } from './live-http.js';
import { FAST_OPTIONS } from './testing/fake-api.js';
import { FakeSlack } from './testing/fake-slack.js';
import { CALL, rejection } from './testing/resilience-cases.js';

describe(LiveHttpClient.name, () => {
  const fake = new FakeSlack();
  const dialect: ProductDialect = {
    integration: 'slack',
    authorize: () => ({ authorization: `Bearer ${fake.botToken}` }),
    authFailure: () => 'refused',
    errorDetail: () => undefined,
  };

  before(() => fake.start());
  after(() => fake.close());

  it('reads Retry-After as seconds or as a date, and caps the wait', () => {
    assert.equal(retryDelayMs('2', 1, 30_000), 2000);
    assert.equal(retryDelayMs('120', 1, 30_000), 30_000);
    const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
    assert.ok(Math.abs(retryDelayMs(inFiveSeconds, 1, 30_000) - 5000) <= 1000);
    // Absent: exponential backoff from half a second.
    assert.equal(retryDelayMs(null, 1, 30_000), 500);
    assert.equal(retryDelayMs(null, 3, 30_000), 2000);
  });

  it('waits what Retry-After asks before trying again, up to the cap', async () => {
    const client = new LiveHttpClient(fake.apiUrl, dialect, { ...FAST_OPTIONS, maxRetryWaitMs: 400 });
    fake.rateLimitNext(1, '1');
    let started = Date.now();
    await client.send(CALL, { path: '/auth.test' });
    const cappedWait = Date.now() - started;
    assert.ok(cappedWait >= 390 && cappedWait < 900, `waited ${cappedWait} ms for Retry-After: 1 capped at 400 ms`);
    fake.rateLimitNext(1, '0');
    started = Date.now();
    await client.send(CALL, { path: '/auth.test' });
    assert.ok(Date.now() - started < 300);
  });

  it('stops at once, saying so, when the caller cancels (a step timeout or a cancelled run)', async () => {
    fake.delayMs = 1000;
    const controller = new AbortController();
    const client = new LiveHttpClient(fake.apiUrl, dialect, { ...FAST_OPTIONS, timeoutMs: 5000 });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await rejection(client.send({ ...CALL, signal: controller.signal }, { path: '/auth.test' }));
    assert.equal(error.message, 'The call to Slack was cancelled.');
    assert.ok(Date.now() - started < 900);
    fake.delayMs = 0;
  });

  it('says when the product cannot be reached at all', async () => {
    // A port that was just free: nothing listens there.
    const closed = await new FakeSlack().start();
    await closed.close();
    const client = new LiveHttpClient(closed.url, dialect, FAST_OPTIONS);
    const error = await rejection(client.send(CALL, { path: '/auth.test' }));
    assert.equal(error.message, `Could not reach Slack at ${closed.url} (ECONNREFUSED). Check its address.`);
    assert.equal(error.retryable, true);
  });

  it('collects pages until there is no next one, or enough items', async () => {
    const pages: Record<number, number[]> = { 0: [1, 2], 2: [3, 4], 4: [5] };
    const fetchPage = (cursor = 0) =>
      Promise.resolve({ items: pages[cursor], next: cursor < 4 ? cursor + 2 : undefined });
    assert.deepEqual(await collectPages(fetchPage), [1, 2, 3, 4, 5]);
    assert.deepEqual(await collectPages(fetchPage, 3), [1, 2, 3]);
  });
});
