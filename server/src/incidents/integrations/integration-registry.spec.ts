import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestException } from '@nestjs/common';
import { AppConfig } from '../../platform/config/app-config.js';
import { loadConfig } from '../../platform/config/load-config.js';
import type { IntegrationModeChoice } from './integration-mode-choice.entity.js';
import type { IntegrationModeChoices } from './integration-mode-choices.js';
import { IntegrationRegistry } from './integration-registry.js';
import { MockProviders } from './mock/mock-providers.js';
import type { MockScenarios } from './mock/mock-scenarios.js';
import { IntegrationError, type MonitoringProvider } from './providers.js';

// Mode selection never reads the scenarios; the mocks' own behaviour is covered by incidents.integration-spec.ts.
const noScenarios = {} as MockScenarios;

const TENANT = { tenantId: 'tenant' };

/** Modes chosen on the settings page, as `IntegrationModeChoices` reads them. */
function chosen(modes: Partial<Record<string, 'mock' | 'live'>> = {}): IntegrationModeChoices {
  const rows = Object.entries(modes).map(
    ([integration, mode]) => [integration, { integration, mode } as IntegrationModeChoice] as const,
  );
  return { ofTenant: () => Promise.resolve(new Map(rows)) } as unknown as IntegrationModeChoices;
}

function registry(env: Record<string, string>, choices = chosen()): IntegrationRegistry {
  return new IntegrationRegistry(
    new AppConfig(loadConfig({ NODE_ENV: 'test', ...env })),
    new MockProviders(noScenarios),
    choices,
  );
}

describe(IntegrationRegistry.name, () => {
  it('should use mock for every integration by default', async () => {
    const sut = registry({});
    assert.equal(sut.defaultMode, 'mock');
    const providers = await sut.providers(TENANT);
    for (const name of ['servicenow', 'jira', 'datadog', 'pagerduty', 'aws', 'slack'] as const) {
      assert.equal(sut.configuredMode(name), 'mock');
      assert.equal(providers[name].mode, 'mock');
    }
  });

  it('should let one integration go live while the others follow INCIDENT_INTEGRATIONS_MODE', () => {
    const sut = registry({ INTEGRATION_DATADOG_MODE: 'live' });
    assert.equal(sut.configuredMode('datadog'), 'live');
    assert.equal(sut.configuredMode('aws'), 'mock');
    const everythingLive = registry({ INCIDENT_INTEGRATIONS_MODE: 'live', INTEGRATION_SLACK_MODE: 'mock' });
    assert.equal(everythingLive.configuredMode('jira'), 'live');
    assert.equal(everythingLive.configuredMode('slack'), 'mock');
  });

  it("should follow the tenant's chosen mode over configuration", async () => {
    const sut = registry({ INTEGRATION_DATADOG_MODE: 'live' }, chosen({ datadog: 'mock', slack: 'live' }));
    const providers = await sut.providers(TENANT);
    assert.equal(providers.datadog.mode, 'mock');
    assert.equal(providers.slack.mode, 'live');
    assert.equal(providers.aws.mode, 'mock');
  });

  it('should refuse to switch to live while the live client lacks its settings, naming them', async () => {
    const sut = registry({});
    assert.match(
      sut.liveUnavailableReason('slack') ?? '',
      /^Slack is not configured for live use: set SLACK_BOT_TOKEN\.$/,
    );
    await assert.rejects(
      sut.choose(TENANT, 'slack', 'live', { userId: null, displayName: 'Admin' }),
      (error: unknown) =>
        error instanceof BadRequestException && /SLACK_BOT_TOKEN/.test(error.message) && error.getStatus() === 400,
    );
    assert.equal(registry({ SLACK_BOT_TOKEN: 'xoxb-test' }).liveUnavailableReason('slack'), null);
  });

  it('should refuse an invalid mode at start-up', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'test', INTEGRATION_AWS_MODE: 'sandbox' }),
      /INTEGRATION_AWS_MODE must be mock or live/,
    );
  });

  it('should build the live client of a live integration, which says what is missing when it is not configured', async () => {
    const { datadog } = await registry({ INTEGRATION_DATADOG_MODE: 'live' }).providers(TENANT);
    assert.equal(datadog.mode, 'live');
    const health = await datadog.health({ tenantId: 'tenant' });
    assert.equal(health.status, 'not_configured');
    assert.match(health.message, /DATADOG_API_KEY/);
    await assert.rejects(
      datadog.listAlerts({ tenantId: 'tenant' }, {}),
      (error: unknown) => error instanceof IntegrationError && error.integration === 'datadog' && !error.retryable,
    );
  });

  it('should build a registered live client once, from the configuration', async () => {
    const sut = registry({ INTEGRATION_DATADOG_MODE: 'live', DATADOG_URL: 'https://api.datadoghq.example' });
    const built: string[] = [];
    sut.registerLive('datadog', (config) => {
      built.push(config.env.DATADOG_URL);
      return {
        name: 'datadog',
        kind: 'monitoring',
        mode: 'live',
        health: () =>
          Promise.resolve({ status: 'healthy', message: 'ok', checkedAt: new Date(0).toISOString(), latencyMs: 1 }),
      } as unknown as MonitoringProvider;
    });
    assert.equal(sut.provider('datadog', 'live').mode, 'live');
    assert.equal((await (await sut.providers(TENANT)).datadog.health(TENANT)).status, 'healthy');
    assert.deepEqual(built, ['https://api.datadoghq.example']);
  });
});
