import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppConfig } from '../../platform/config/app-config.js';
import { loadConfig } from '../../platform/config/load-config.js';
import { IntegrationRegistry } from './integration-registry.js';
import { MockProviders } from './mock/mock-providers.js';
import type { MockScenarios } from './mock/mock-scenarios.js';
import { IntegrationError, type MonitoringProvider } from './providers.js';

// Mode selection never reads the scenarios; the mocks' own behaviour is covered by incidents.integration-spec.ts.
const noScenarios = {} as MockScenarios;

function registry(env: Record<string, string>): IntegrationRegistry {
  return new IntegrationRegistry(
    new AppConfig(loadConfig({ NODE_ENV: 'test', ...env })),
    new MockProviders(noScenarios),
  );
}

describe(IntegrationRegistry.name, () => {
  it('should use mock for every integration by default', () => {
    const sut = registry({});
    assert.equal(sut.defaultMode, 'mock');
    for (const name of ['servicenow', 'jira', 'datadog', 'pagerduty', 'aws', 'slack'] as const) {
      assert.equal(sut.modeOf(name), 'mock');
      assert.equal(sut.provider(name).mode, 'mock');
    }
  });

  it('should let one integration go live while the others follow INCIDENT_INTEGRATIONS_MODE', () => {
    const sut = registry({ INTEGRATION_DATADOG_MODE: 'live' });
    assert.equal(sut.modeOf('datadog'), 'live');
    assert.equal(sut.modeOf('aws'), 'mock');
    const everythingLive = registry({ INCIDENT_INTEGRATIONS_MODE: 'live', INTEGRATION_SLACK_MODE: 'mock' });
    assert.equal(everythingLive.modeOf('jira'), 'live');
    assert.equal(everythingLive.modeOf('slack'), 'mock');
  });

  it('should refuse an invalid mode at start-up', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'test', INTEGRATION_AWS_MODE: 'sandbox' }),
      /INTEGRATION_AWS_MODE must be mock or live/,
    );
  });

  it('should build the live client of a live integration, which says what is missing when it is not configured', async () => {
    const datadog = registry({ INTEGRATION_DATADOG_MODE: 'live' }).provider('datadog');
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
    assert.equal(sut.provider('datadog').mode, 'live');
    assert.equal((await sut.provider('datadog').health({ tenantId: 'tenant' })).status, 'healthy');
    assert.deepEqual(built, ['https://api.datadoghq.example']);
  });
});
