import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SlackProvider } from './slack-provider.js';
import { FAST_OPTIONS } from './testing/fake-api.js';
import { FakeSlack } from './testing/fake-slack.js';
import { CALL, itHandlesFailuresLikeAnyLiveProvider, rejection } from './testing/resilience-cases.js';

describe(SlackProvider.name, () => {
  const fake = new FakeSlack();
  const provider = (botToken = fake.botToken) =>
    new SlackProvider({ url: fake.apiUrl, botToken, pageSize: 2 }, FAST_OPTIONS);

  before(() => fake.start());
  after(() => fake.close());

  it('posts to a channel named #incidents, found over conversations.list pages, and in a thread', async () => {
    const subject = provider();
    const posted = await subject.postMessage(CALL, {
      channel: '#incidents',
      text: 'Checkout is failing after the deploy',
    });
    assert.equal(posted.channel, 'C003');
    assert.match(posted.id, /^\d+\.\d{6}$/);
    assert.equal(posted.text, 'Checkout is failing after the deploy');
    const cursors = fake.requests
      .filter((request) => request.url.pathname === '/api/conversations.list')
      .map((request) => request.url.searchParams.get('cursor'));
    assert.deepEqual(cursors, [null, '2']);

    await subject.postMessage(CALL, { channel: '#incidents', text: 'Rolled back', threadId: posted.id });
    assert.equal(fake.posted.at(-1)?.thread_ts, posted.id);
    assert.equal(
      fake.requests.filter((request) => request.url.pathname === '/api/conversations.list').length,
      2,
      'the channel id is cached',
    );
  });

  it('explains Slack’s ok:false refusals', async () => {
    const missing = await rejection(provider().postMessage(CALL, { channel: '#nowhere', text: 'x' }));
    assert.equal(
      missing.message,
      'Slack has no channel #nowhere that the bot can see. Check SLACK_INCIDENT_CHANNEL, or invite the bot to it.',
    );
    const outside = await rejection(provider().postMessage(CALL, { channel: 'C004', text: 'x' }));
    assert.equal(outside.message, 'The Slack bot is not a member of C004. Invite it to the channel.');
  });

  itHandlesFailuresLikeAnyLiveProvider({
    fake: () => fake,
    provider: () => provider(),
    withWrongSecret: () => provider('xoxb-revoked'),
    wrongSecret: 'xoxb-revoked',
    read: (subject) => subject.postMessage(CALL, { channel: 'C001', text: 'hello' }),
    authMessage: /Slack refused the bot token \(invalid_auth\)\. Check SLACK_BOT_TOKEN\./,
  });
});
