import { Injectable } from '@nestjs/common';
import {
  INTEGRATION_KINDS,
  INTEGRATION_LABELS,
  INTEGRATION_NAMES,
  type IntegrationMode,
  type IntegrationName,
  type IntegrationStatusResponse,
  type IntegrationStatusView,
} from '@trustops/contracts';
import { AppConfig } from '../../platform/config/app-config.js';
import { LIVE_PROVIDER_FACTORIES } from './live/live-providers.js';
import { MockProviders } from './mock/mock-providers.js';
import type { IntegrationCall, ProvidersByName } from './providers.js';

/** Builds the live client of one integration from the validated configuration. */
export type LiveProviderFactory<Name extends IntegrationName> = (config: AppConfig) => ProvidersByName[Name];

const MODE_OVERRIDES: Record<IntegrationName, keyof AppConfig['env']> = {
  servicenow: 'INTEGRATION_SERVICENOW_MODE',
  jira: 'INTEGRATION_JIRA_MODE',
  datadog: 'INTEGRATION_DATADOG_MODE',
  pagerduty: 'INTEGRATION_PAGERDUTY_MODE',
  aws: 'INTEGRATION_AWS_MODE',
  slack: 'INTEGRATION_SLACK_MODE',
};

/**
 * Picks `mock` or `live` for each integration from configuration: `INCIDENT_INTEGRATIONS_MODE`,
 * overridden per integration by `INTEGRATION_<NAME>_MODE`. Live clients live in
 * integrations/live/ and register a factory here (`registerLive`) when their module starts; an
 * integration configured `live` whose client is not registered reports itself unavailable and
 * its calls fail with a clear message rather than silently answering from fixtures.
 */
@Injectable()
export class IntegrationRegistry {
  private readonly liveFactories = new Map<IntegrationName, LiveProviderFactory<IntegrationName>>();
  private readonly liveProviders = new Map<IntegrationName, ProvidersByName[IntegrationName]>();

  constructor(
    private readonly config: AppConfig,
    private readonly mocks: MockProviders,
  ) {
    // The built-in live clients (integrations/live/); registerLive can still replace one.
    for (const name of INTEGRATION_NAMES) this.registerLive(name, LIVE_PROVIDER_FACTORIES[name]);
  }

  registerLive<Name extends IntegrationName>(name: Name, factory: LiveProviderFactory<Name>): void {
    this.liveFactories.set(name, factory);
    this.liveProviders.delete(name);
  }

  get defaultMode(): IntegrationMode {
    return this.config.env.INCIDENT_INTEGRATIONS_MODE;
  }

  modeOf(name: IntegrationName): IntegrationMode {
    const override = this.config.env[MODE_OVERRIDES[name]] as IntegrationMode | undefined;
    return override ?? this.defaultMode;
  }

  /** The provider of `name` in its configured mode. */
  provider<Name extends IntegrationName>(name: Name): ProvidersByName[Name] {
    if (this.modeOf(name) === 'mock') return this.mocks.provider(name);
    let live = this.liveProviders.get(name);
    if (!live) {
      const factory = this.liveFactories.get(name);
      if (!factory) return this.mocks.unavailable(name);
      live = factory(this.config);
      this.liveProviders.set(name, live);
    }
    return live as ProvidersByName[Name];
  }

  async status(call: IntegrationCall): Promise<IntegrationStatusResponse> {
    const items = await Promise.all(
      INTEGRATION_NAMES.map(async (name): Promise<IntegrationStatusView> => {
        const provider = this.provider(name);
        return {
          name,
          label: INTEGRATION_LABELS[name],
          kind: INTEGRATION_KINDS[name],
          mode: this.modeOf(name),
          health: await provider.health(call),
        };
      }),
    );
    return { defaultMode: this.defaultMode, items };
  }
}
