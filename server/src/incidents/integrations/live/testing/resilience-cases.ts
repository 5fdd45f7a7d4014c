import assert from 'node:assert/strict';
import { it } from 'node:test';
import { IntegrationError, type AnyProvider, type IntegrationCall } from '../../providers.js';
import type { FakeApi } from './fake-api.js';

export const CALL: IntegrationCall = { tenantId: 'tenant-live-tests' };

export interface ResilienceCase<Provider extends AnyProvider> {
  /** The fake, started; reset between cases by the helper (no throttling, no delay). */
  fake: () => FakeApi;
  /** A provider with the fake's credentials (FAST_OPTIONS timing). */
  provider: () => Provider;
  /** A provider whose secret the fake refuses. */
  withWrongSecret: () => Provider;
  /** One representative read call. */
  read: (provider: Provider) => Promise<unknown>;
  /** The plain-English sentence for refused credentials. */
  authMessage: RegExp;
  /** The secret given to `withWrongSecret`, which must never appear in a message. */
  wrongSecret: string;
}

async function rejection(promise: Promise<unknown>): Promise<IntegrationError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof IntegrationError, `expected an IntegrationError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

/**
 * The cases every live provider must pass against its fake: refused credentials (clear message,
 * no secret, health unavailable), throttling (retried then answered; exhausted → clear error,
 * health degraded) and a slow product (timeout → clear error). Called inside a `describe`.
 */
export function itHandlesFailuresLikeAnyLiveProvider<Provider extends AnyProvider>(
  cases: ResilienceCase<Provider>,
): void {
  const reset = (): FakeApi => {
    const fake = cases.fake();
    fake.rateLimitNext(0);
    fake.delayMs = 0;
    return fake;
  };

  it('says plainly that the credentials were refused, without repeating them', async () => {
    reset();
    const provider = cases.withWrongSecret();
    const error = await rejection(cases.read(provider));
    assert.match(error.message, cases.authMessage);
    assert.equal(error.retryable, false);
    assert.ok(!error.message.includes(cases.wrongSecret));
    const health = await provider.health(CALL);
    assert.equal(health.status, 'unavailable');
    assert.match(health.message, cases.authMessage);
  });

  it('waits out a rate limit (Retry-After) and then answers', async () => {
    const fake = reset();
    const before = fake.requests.length;
    fake.rateLimitNext(2, '0');
    await cases.read(cases.provider());
    assert.ok(fake.requests.length > before, 'the call reached the product after the throttled attempts');
  });

  it('gives up on a rate limit that lasts, with a clear message', async () => {
    const fake = reset();
    fake.rateLimitNext(3, '1');
    const error = await rejection(cases.read(cases.provider()));
    assert.match(error.message, /is limiting how often TrustOps may call it and still refused after 3 attempts/);
    assert.equal(error.retryable, true);
    fake.rateLimitNext(3, '0');
    assert.equal((await cases.provider().health(CALL)).status, 'degraded');
    fake.rateLimitNext(0);
  });

  it('stops waiting for a slow answer, with a clear message', async () => {
    const fake = reset();
    fake.delayMs = 1000;
    const error = await rejection(cases.read(cases.provider()));
    assert.match(error.message, /did not answer within 0\.3 seconds/);
    assert.equal(error.retryable, true);
    fake.delayMs = 0;
  });

  it('reports a healthy product with a latency', async () => {
    reset();
    const health = await cases.provider().health(CALL);
    assert.equal(health.status, 'healthy', health.message);
    assert.equal(typeof health.latencyMs, 'number');
  });
}

export { rejection };
