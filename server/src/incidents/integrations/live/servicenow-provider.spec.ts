import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ServiceNowProvider } from './servicenow-provider.js';
import { FAST_OPTIONS } from './testing/fake-api.js';
import { FakeServiceNow } from './testing/fake-servicenow.js';
import { CALL, itHandlesFailuresLikeAnyLiveProvider, rejection } from './testing/resilience-cases.js';

describe(ServiceNowProvider.name, () => {
  const fake = new FakeServiceNow();
  const provider = (password = fake.password) =>
    new ServiceNowProvider({ url: fake.url, username: fake.username, password, pageSize: 2 }, FAST_OPTIONS);

  before(async () => {
    await fake.start();
    for (const title of ['checkout 500s', 'checkout slow', 'checkout timeouts']) {
      fake.seed({ short_description: title, description: 'seen by the service desk' });
    }
    fake.seed({ short_description: 'printer jam', description: 'ward 7' });
  });
  after(() => fake.close());

  it('searches open incidents page by page (sysparm_limit / sysparm_offset)', async () => {
    const found = await provider().searchIncidents(CALL, { service: 'checkout' });
    assert.deepEqual(found.map((ticket) => ticket.title).sort(), [
      'checkout 500s',
      'checkout slow',
      'checkout timeouts',
    ]);
    assert.equal(found[0].integration, 'servicenow');
    assert.match(found[0].url ?? '', /nav_to\.do\?uri=incident\.do\?sys_id=/);
    const offsets = fake.requests
      .filter((request) => request.url.searchParams.get('sysparm_query')?.includes('LIKEcheckout'))
      .map((request) => request.url.searchParams.get('sysparm_offset'));
    assert.deepEqual(offsets, ['0', '2']);
  });

  it('files an incident once per correlation id, comments as work notes and resolves it', async () => {
    const input = {
      title: 'Checkout failing',
      description: 'After the deploy',
      priority: 1 as const,
      service: 'checkout',
      correlationId: 'inc-1',
    };
    const created = await provider().createIncident(CALL, input);
    assert.match(created.key, /^INC\d{7}$/);
    assert.equal(created.priority, 1);
    assert.equal(created.status, 'new');
    assert.equal((await provider().createIncident(CALL, input)).key, created.key);
    assert.equal(fake.incidents.filter((row) => row.correlation_id === 'inc-1').length, 1);

    for (const note of ['first', 'second', 'third']) await provider().addComment(CALL, created.key, note);
    const commented = await provider().getIncident(CALL, created.key);
    assert.deepEqual(
      commented.comments.map((comment) => comment.text),
      ['first', 'second', 'third'],
    );
    assert.equal(commented.comments[0].author, fake.username);

    const resolved = await provider().updateIncident(CALL, created.key, {
      status: 'resolved',
      resolutionNote: 'Rolled back',
    });
    assert.equal(resolved.status, 'resolved');
    const row = fake.incidents.find((candidate) => candidate.number === created.key);
    assert.equal(row?.close_notes, 'Rolled back');
  });

  it('authenticates with an OAuth bearer token instead when one is given', async () => {
    const oauth = new ServiceNowProvider({ url: fake.url, oauthToken: fake.oauthToken }, FAST_OPTIONS);
    assert.equal((await oauth.health(CALL)).status, 'healthy');
    const refused = await new ServiceNowProvider({ url: fake.url, oauthToken: 'stale' }, FAST_OPTIONS).health(CALL);
    assert.equal(refused.message, 'ServiceNow refused the credentials (401). Check SERVICENOW_OAUTH_TOKEN.');
  });

  it('says which incident does not exist', async () => {
    const error = await rejection(provider().getIncident(CALL, 'INC9999999'));
    assert.equal(error.message, 'ServiceNow has no incident INC9999999.');
  });

  it('reports itself not configured without an instance address', async () => {
    const health = await new ServiceNowProvider({ username: 'x', password: 'y' }).health(CALL);
    assert.equal(health.status, 'not_configured');
    assert.match(health.message, /SERVICENOW_URL/);
  });

  itHandlesFailuresLikeAnyLiveProvider({
    fake: () => fake,
    provider: () => provider(),
    withWrongSecret: () => provider('wrong-password-123'),
    wrongSecret: 'wrong-password-123',
    read: (subject) => subject.searchIncidents(CALL, { text: 'checkout' }),
    authMessage: /ServiceNow refused the credentials \(401\)\. Check SERVICENOW_USERNAME and SERVICENOW_PASSWORD\./,
  });
});
