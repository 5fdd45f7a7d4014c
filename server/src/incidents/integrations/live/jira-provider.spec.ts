import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adfOf, JiraProvider, textOf } from './jira-provider.js';
import { FAST_OPTIONS } from './testing/fake-api.js';
import { FakeJira } from './testing/fake-jira.js';
import { CALL, itHandlesFailuresLikeAnyLiveProvider, rejection } from './testing/resilience-cases.js';

describe(JiraProvider.name, () => {
  const fake = new FakeJira();
  const provider = (apiToken = fake.apiToken) =>
    new JiraProvider(
      { url: fake.url, email: fake.email, apiToken, projectKey: fake.projectKey, issueType: 'Incident', pageSize: 2 },
      FAST_OPTIONS,
    );

  before(async () => {
    await fake.start();
    for (const summary of ['checkout errors', 'checkout latency', 'checkout 502s']) fake.seed(summary);
    fake.seed('checkout old', { status: { name: 'Done', category: 'done' } });
  });
  after(() => fake.close());

  it('searches open issues by JQL, following nextPageToken', async () => {
    const found = await provider().searchIncidents(CALL, { service: 'checkout' });
    assert.deepEqual(found.map((issue) => issue.title).sort(), [
      'checkout 502s',
      'checkout errors',
      'checkout latency',
    ]);
    assert.equal(found[0].url, `${fake.url}/browse/${found[0].key}`);
    const searches = fake.requests.filter((request) => request.url.pathname === '/rest/api/3/search/jql');
    assert.deepEqual(
      searches.map((request) => (request.json as { nextPageToken?: string }).nextPageToken),
      [undefined, '2'],
    );
    assert.match(
      (searches[0].json as { jql: string }).jql,
      /^project = "OPS" AND statusCategory != Done AND text ~ "checkout"/,
    );
  });

  it('files an issue once per correlation id, comments in ADF (read back page by page) and transitions it', async () => {
    const input = {
      title: 'Checkout failing',
      description: 'After the deploy\nv3.1.0',
      priority: 1 as const,
      service: 'checkout',
      correlationId: 'inc 7',
    };
    const created = await provider().createIncident(CALL, input);
    assert.equal(created.priority, 1);
    assert.equal(created.status, 'To Do');
    assert.equal(created.description, 'After the deploy\nv3.1.0\n\nService: checkout');
    assert.equal((await provider().createIncident(CALL, input)).key, created.key);
    assert.deepEqual(fake.issues.find((issue) => issue.key === created.key)?.labels, ['trustops-inc-7', 'trustops']);

    for (const note of ['one', 'two', 'three']) await provider().addComment(CALL, created.key, note);
    const commented = await provider().getIncident(CALL, created.key);
    assert.deepEqual(
      commented.comments.map((comment) => comment.text),
      ['one', 'two', 'three'],
    );
    const commentPages = fake.requests.filter(
      (request) => request.url.pathname.endsWith('/comment') && request.method === 'GET',
    );
    assert.ok(commentPages.some((request) => request.url.searchParams.get('startAt') === '2'));

    const resolved = await provider().updateIncident(CALL, created.key, {
      status: 'resolved',
      priority: 2,
      resolutionNote: 'Rolled back',
    });
    assert.equal(resolved.status, 'Done');
    assert.equal(resolved.priority, 2);
    assert.equal(resolved.comments.at(-1)?.text, 'Rolled back');
    const again = await provider().updateIncident(CALL, created.key, { status: 'closed' });
    assert.equal(again.status, 'Done', 'closing a done issue is a no-op, not an error');
  });

  it('says which issue does not exist', async () => {
    const error = await rejection(provider().getIncident(CALL, 'OPS-999'));
    assert.equal(error.message, 'Jira has no issue OPS-999 (or this account may not see it).');
  });

  it('converts text to ADF and back', () => {
    assert.equal(textOf(adfOf('a\n\nb')), 'a\n\nb');
  });

  itHandlesFailuresLikeAnyLiveProvider({
    fake: () => fake,
    provider: () => provider(),
    withWrongSecret: () => provider('not-the-token-456'),
    wrongSecret: 'not-the-token-456',
    read: (subject) => subject.searchIncidents(CALL, { text: 'checkout' }),
    authMessage: /Jira refused the email and API token \(401\)\. Check JIRA_EMAIL and JIRA_API_TOKEN\./,
  });
});
