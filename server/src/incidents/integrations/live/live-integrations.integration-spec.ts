import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { IntegrationStatusResponse } from '@trustops/contracts';
import { startAuthTestApp, type AuthTestApp } from '../../../auth/testing/auth-test-app.js';
import { signIn } from '../../../auth/testing/sign-in.js';
import { TestBrowser } from '../../../auth/testing/test-browser.js';
import { RunsApi } from '../../../runs/testing/runs-api.js';
import { IntegrationRegistry } from '../integration-registry.js';
import { SlackProvider } from './slack-provider.js';
import { FakeAws } from './testing/fake-aws.js';
import { FakeDatadog } from './testing/fake-datadog.js';
import { FakePagerDuty } from './testing/fake-pagerduty.js';
import { FakeServiceNow } from './testing/fake-servicenow.js';
import { FakeSlack } from './testing/fake-slack.js';

/**
 * The whole app configured `live` against the fake products: the registry builds the live
 * clients from configuration, the settings endpoint reports each one's real health (healthy,
 * refused credentials, not configured), a per-integration override still picks the mock, and no
 * secret reaches the answer or the logs.
 */
describe('live incident integrations (integration)', { timeout: 120_000 }, () => {
  const servicenow = new FakeServiceNow();
  const datadog = new FakeDatadog();
  const aws = new FakeAws();
  const slack = new FakeSlack();
  const pagerduty = new FakePagerDuty();
  let testApp: AuthTestApp;
  let admin: RunsApi;

  before(async () => {
    await Promise.all([servicenow.start(), datadog.start(), aws.start(), slack.start(), pagerduty.start()]);
    testApp = await startAuthTestApp({
      env: {
        INCIDENT_INTEGRATIONS_MODE: 'live',
        INTEGRATION_PAGERDUTY_MODE: 'mock',
        SERVICENOW_URL: servicenow.url,
        SERVICENOW_USERNAME: servicenow.username,
        SERVICENOW_PASSWORD: servicenow.password,
        // Jira left without settings: it must say so rather than fail obscurely.
        DATADOG_URL: datadog.url,
        DATADOG_API_KEY: datadog.apiKey,
        DATADOG_APP_KEY: 'an-application-key-datadog-refuses',
        AWS_ENDPOINT_URL: aws.url,
        AWS_ACCESS_KEY_ID: aws.accessKeyId,
        AWS_SECRET_ACCESS_KEY: aws.secretAccessKey,
        SLACK_API_URL: slack.apiUrl,
        SLACK_BOT_TOKEN: slack.botToken,
        INTEGRATION_HTTP_TIMEOUT_SECONDS: '5',
        INTEGRATION_HTTP_RETRY_MAX_WAIT_SECONDS: '0',
      },
    });
    const browser = new TestBrowser(testApp.url);
    admin = new RunsApi(browser, await signIn(browser, 'admin'));
  });

  after(async () => {
    await testApp?.close();
    await Promise.all([servicenow.close(), datadog.close(), aws.close(), slack.close(), pagerduty.close()]);
  });

  it('reports each live client’s health on the settings endpoint', async () => {
    const status = await admin.json<IntegrationStatusResponse>(admin.get('/api/incidents/integrations'), 200);
    assert.equal(status.defaultMode, 'live');
    assert.deepEqual(
      status.items.map((item) => [item.name, item.mode, item.health.status]),
      [
        ['servicenow', 'live', 'healthy'],
        ['jira', 'live', 'not_configured'],
        ['datadog', 'live', 'unavailable'],
        ['pagerduty', 'mock', 'healthy'],
        ['aws', 'live', 'healthy'],
        ['slack', 'live', 'healthy'],
      ],
    );
    const byName = new Map(status.items.map((item) => [item.name, item.health]));
    assert.equal(
      byName.get('jira')?.message,
      'Jira is not configured for live use: set JIRA_URL, JIRA_EMAIL and JIRA_API_TOKEN.',
    );
    assert.match(byName.get('datadog')?.message ?? '', /Datadog refused the API key or application key \(403\)/);
    assert.equal(typeof byName.get('aws')?.latencyMs, 'number');
    assert.ok(servicenow.requests.length > 0 && aws.requests.length > 0 && slack.requests.length > 0);
    assert.equal(pagerduty.requests.length, 0, 'PagerDuty is overridden to mock');

    const said = JSON.stringify(status) + testApp.logText();
    for (const secret of [servicenow.password, datadog.apiKey, aws.secretAccessKey, slack.botToken]) {
      assert.ok(!said.includes(secret), 'no secret in the answer or the logs');
    }
  });

  it('hands out the live client, which talks to the product', async () => {
    const registry = testApp.app.get(IntegrationRegistry, { strict: false });
    // A tenant nobody chose modes for follows configuration.
    const { slack: provider } = await registry.providers({ tenantId: randomUUID() });
    assert.ok(provider instanceof SlackProvider);
    const posted = await provider.postMessage(
      { tenantId: 'any' },
      { channel: '#incidents', text: 'Live from TrustOps' },
    );
    assert.equal(posted.channel, 'C003');
    assert.equal(slack.posted.at(-1)?.text, 'Live from TrustOps');
  });
});
