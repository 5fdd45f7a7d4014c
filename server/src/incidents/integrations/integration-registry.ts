import { BadRequestException, Injectable } from '@nestjs/common';
import {
  INTEGRATION_KINDS,
  INTEGRATION_LABELS,
  INTEGRATION_NAMES,
  type ActorSummary,
  type IntegrationMode,
  type IntegrationName,
  type IntegrationStatusResponse,
  type IntegrationStatusView,
} from '@trustops/contracts';
import { AppConfig } from '../../platform/config/app-config.js';
import type { IntegrationModeChoice } from './integration-mode-choice.entity.js';
import { IntegrationModeChoices } from './integration-mode-choices.js';
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
 * Picks `mock` or `live` for each integration, per tenant: the mode an admin chose for the tenant
 * on the settings page (`IntegrationModeChoices`), else configuration: `INCIDENT_INTEGRATIONS_MODE`,
 * overridden per integration by `INTEGRATION_<NAME>_MODE`. Live clients live in
 * integrations/live/ and register a factory here (`registerLive`) when their module starts; an
 * integration configured `live` whose client is not registered reports itself unavailable and
 * its calls fail with a clear message rather than silently answering from fixtures. Choosing
 * `live` is refused while the live client lacks its settings.
 */
@Injectable()
export class IntegrationRegistry {
  private readonly liveFactories = new Map<IntegrationName, LiveProviderFactory<IntegrationName>>();
  private readonly liveProviders = new Map<IntegrationName, ProvidersByName[IntegrationName]>();

  constructor(
    private readonly config: AppConfig,
    private readonly mocks: MockProviders,
    private readonly choices: IntegrationModeChoices,
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

  /** The mode configuration gives `name`, whatever a tenant chose. */
  configuredMode(name: IntegrationName): IntegrationMode {
    const override = this.config.env[MODE_OVERRIDES[name]] as IntegrationMode | undefined;
    return override ?? this.defaultMode;
  }

  /** Every provider in the mode the tenant uses, read once for a piece of work. */
  async providers(call: IntegrationCall): Promise<ProvidersByName> {
    const chosen = await this.choices.ofTenant(call.tenantId);
    const mode = (name: IntegrationName) => chosen.get(name)?.mode ?? this.configuredMode(name);
    return {
      servicenow: this.provider('servicenow', mode('servicenow')),
      jira: this.provider('jira', mode('jira')),
      datadog: this.provider('datadog', mode('datadog')),
      pagerduty: this.provider('pagerduty', mode('pagerduty')),
      aws: this.provider('aws', mode('aws')),
      slack: this.provider('slack', mode('slack')),
    };
  }

  /** The provider of `name` in `mode`; live clients are built once, from configuration. */
  provider<Name extends IntegrationName>(name: Name, mode: IntegrationMode): ProvidersByName[Name] {
    if (mode === 'mock') return this.mocks.provider(name);
    let live = this.liveProviders.get(name);
    if (!live) {
      const factory = this.liveFactories.get(name);
      if (!factory) return this.mocks.unavailable(name);
      live = factory(this.config);
      this.liveProviders.set(name, live);
    }
    return live as ProvidersByName[Name];
  }

  /** Why `name` cannot go live (its settings are missing, or no live client), or null. */
  liveUnavailableReason(name: IntegrationName): string | null {
    return this.provider(name, 'live').missing ?? null;
  }

  async status(call: IntegrationCall): Promise<IntegrationStatusResponse> {
    const chosen = await this.choices.ofTenant(call.tenantId);
    const items = await Promise.all(INTEGRATION_NAMES.map((name) => this.statusView(call, name, chosen.get(name))));
    return { defaultMode: this.defaultMode, items };
  }

  /**
   * Chooses the tenant's mode of `name` (null: back to configuration) and answers its new status.
   * `live` needs the live client's settings, so that nobody switches to a mode that can only fail.
   */
  async choose(
    call: IntegrationCall,
    name: IntegrationName,
    mode: IntegrationMode | null,
    by: ActorSummary,
  ): Promise<IntegrationStatusView> {
    const reason = mode === 'live' ? this.liveUnavailableReason(name) : null;
    if (reason) {
      throw new BadRequestException(
        `${reason} Ask whoever runs TrustOps to add these settings to its configuration, then choose live again.`,
      );
    }
    await this.choices.choose(call.tenantId, name, mode, by);
    return this.statusView(call, name, (await this.choices.ofTenant(call.tenantId)).get(name));
  }

  private async statusView(
    call: IntegrationCall,
    name: IntegrationName,
    choice: IntegrationModeChoice | undefined,
  ): Promise<IntegrationStatusView> {
    const mode = choice?.mode ?? this.configuredMode(name);
    return {
      name,
      label: INTEGRATION_LABELS[name],
      kind: INTEGRATION_KINDS[name],
      mode,
      health: await this.provider(name, mode).health(call),
      configuredMode: this.configuredMode(name),
      modeChosen: choice
        ? {
            by: { userId: choice.chosenByUserId, displayName: choice.chosenByName },
            at: choice.updatedAt.toISOString(),
          }
        : null,
      liveUnavailableReason: this.liveUnavailableReason(name),
    };
  }
}
