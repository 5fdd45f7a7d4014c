import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PagerDutyProvider } from './pagerduty-provider.js';
import { FAST_OPTIONS } from './testing/fake-api.js';
import { FakePagerDuty } from './testing/fake-pagerduty.js';
import { CALL, itHandlesFailuresLikeAnyLiveProvider, rejection } from './testing/resilience-cases.js';

describe(PagerDutyProvider.name, () => {
  const fake = new FakePagerDuty();
  const provider = (apiToken = fake.apiToken) =>
    new PagerDutyProvider({ url: fake.url, apiToken, fromEmail: 'oncall@example.nhs.uk', pageSize: 2 }, FAST_OPTIONS);

  before(async () => {
    await fake.start();
    fake.seed('P1', 'Checkout 5xx', 'checkout');
    fake.seed('P2', 'Checkout latency', 'checkout', 'acknowledged');
    fake.seed('P3', 'Checkout payments', 'checkout');
    fake.seed('P4', 'Web CPU', 'web');
    fake.seed('P5', 'Old one', 'checkout', 'resolved');
  });
  after(() => fake.close());

  it('lists open incidents of a service by name, following offset/more', async () => {
    const incidents = await provider().listIncidents(CALL, { service: 'checkout' });
    assert.deepEqual(
      incidents.map((incident) => incident.id),
      ['P1', 'P2', 'P3'],
    );
    assert.deepEqual(incidents[0], {
      id: 'P1',
      title: 'Checkout 5xx',
      urgency: 'high',
      status: 'triggered',
      service: 'checkout',
      assignee: 'Ada On-Call',
      createdAt: incidents[0].createdAt,
    });
    const offsets = fake.requests
      .filter((request) => request.url.pathname === '/incidents')
      .map((request) => request.url.searchParams.get('offset'));
    assert.deepEqual(offsets, ['0', '2']);
    assert.deepEqual(await provider().listIncidents(CALL, { service: 'nothing-called-this' }), []);
  });

  it('acknowledges as the configured PagerDuty user and notes who asked', async () => {
    const acknowledged = await provider().acknowledge(CALL, 'P1', 'Grace Supervisor');
    assert.equal(acknowledged.status, 'acknowledged');
    const incident = fake.incidents.find((candidate) => candidate.id === 'P1');
    assert.deepEqual(incident?.notes, [
      { content: 'Acknowledged from TrustOps by Grace Supervisor.', from: 'oncall@example.nhs.uk' },
    ]);
    const error = await rejection(provider().addNote(CALL, 'P404', 'hello'));
    assert.equal(error.message, 'PagerDuty has no incident P404.');
  });

  it('refuses to write without PAGERDUTY_FROM_EMAIL, saying so', async () => {
    const error = await rejection(
      new PagerDutyProvider({ url: fake.url, apiToken: fake.apiToken }, FAST_OPTIONS).addNote(CALL, 'P1', 'hello'),
    );
    assert.match(error.message, /PAGERDUTY_FROM_EMAIL/);
  });

  itHandlesFailuresLikeAnyLiveProvider({
    fake: () => fake,
    provider: () => provider(),
    withWrongSecret: () => provider('expired-pd-token'),
    wrongSecret: 'expired-pd-token',
    read: (subject) => subject.listIncidents(CALL, {}),
    authMessage: /PagerDuty refused the API token \(401\)\. Check PAGERDUTY_API_TOKEN\./,
  });
});
