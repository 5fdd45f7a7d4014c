import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatRadioModule } from '@angular/material/radio';
import type { IntegrationStatusResponse, IntegrationStatusView, ScenarioResponse } from '@trustops/contracts';
import { areaById } from '../core/areas';
import { describeHttpError } from '../core/http-error';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { IncidentTagComponent } from '../incidents/incident-tag.component';
import { describeIntegrationHealth, type Described } from '../incidents/incident-text';
import { OutcomeMessagesComponent } from '../incidents/outcome-messages.component';
import { INCIDENT_INTEGRATIONS_URL, INCIDENT_SCENARIO_URL, IncidentsApi } from '../incidents/incidents-api';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { IntegrationModeComponent } from './integration-mode.component';
import { INTEGRATION_MODES } from './integration-mode-text';

/**
 * Platform settings: each incident integration's mode (practice or live) and whether it is
 * working, and the practice scenario the pretend integrations act out. People who may change
 * settings can choose each integration's mode for their organisation and switch the scenario.
 */
@Component({
  selector: 'to-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    IncidentTagComponent,
    IntegrationModeComponent,
    LoadStateComponent,
    MatButtonModule,
    MatIconModule,
    MatRadioModule,
    OutcomeMessagesComponent,
    AreaHeaderComponent,
  ],
  template: `
    <to-area-header [area]="area" />

    <section aria-labelledby="integrations-heading">
      <div class="section-toolbar">
        <div>
          <h2 id="integrations-heading">Connections</h2>
          @if (integrations.hasValue()) {
            <p class="hint">
              Unless a connection is set otherwise, connections are
              {{ integrations.value().defaultMode === 'mock' ? 'practice (pretend)' : 'live' }}.
            </p>
          }
        </div>
        <button mat-stroked-button type="button" (click)="integrations.reload()" [disabled]="integrations.isLoading()">
          <mat-icon svgIcon="retry" />
          Check again
        </button>
      </div>
      <to-load-state
        [resource]="integrations"
        loadingLabel="Checking the connections"
        failureMessage="We could not check the connections."
      />
      <ul class="integrations" aria-label="Connections">
        @for (integration of items(); track integration.name) {
          <li [attr.data-integration]="integration.name">
            <h3>{{ integration.label }}</h3>
            <p class="kind">{{ kindLabel(integration.kind) }}</p>
            <div class="tags">
              <to-incident-tag prefix="Mode:" [described]="mode(integration)" />
              <to-incident-tag prefix="Health:" [described]="health(integration)" />
            </div>
            <p class="explain">{{ modeExplanation(integration) }}</p>
            <p class="health-message">
              {{ integration.health.message }}
              <span class="checked">
                Checked
                <time [attr.datetime]="integration.health.checkedAt">{{
                  integration.health.checkedAt | date: 'HH:mm:ss'
                }}</time>
                @if (integration.health.latencyMs !== null) {
                  · answered in {{ integration.health.latencyMs }} ms
                }
              </span>
            </p>
            <to-integration-mode [integration]="integration" [canChange]="canChange()" (changed)="replace($event)" />
          </li>
        }
      </ul>
    </section>

    <section aria-labelledby="scenario-heading">
      <h2 id="scenario-heading">Practice scenario</h2>
      <p class="hint">
        The pretend connections act out one problem, so that people can practise troubleshooting it safely. Choosing
        another one starts it afresh.
      </p>
      <to-load-state
        [resource]="scenario"
        loadingLabel="Loading the practice scenarios"
        failureMessage="We could not load the practice scenarios."
      />
      @if (scenario.hasValue()) {
        <mat-radio-group
          class="scenarios"
          aria-labelledby="scenario-heading"
          [value]="chosen()"
          (change)="chosen.set($event.value)"
          [disabled]="!canChange() || saving()"
        >
          @for (option of scenario.value().scenarios; track option.id) {
            <mat-radio-button [value]="option.id">
              <span class="option-title">
                {{ option.title }}
                @if (option.id === scenario.value().active) {
                  <strong class="active">(in use now)</strong>
                }
              </span>
              <span class="option-description">{{ option.description }}</span>
              <span class="option-sample">Try reporting: “{{ option.sampleReport }}”</span>
            </mat-radio-button>
          }
        </mat-radio-group>
        @if (canChange()) {
          <button
            mat-flat-button
            type="button"
            (click)="useScenario()"
            [disabled]="saving() || chosen() === scenario.value().active"
          >
            <mat-icon svgIcon="check" />
            Use this scenario
          </button>
        } @else {
          <p class="notice" role="note">
            <mat-icon svgIcon="lock" aria-hidden="true" />
            <span>Changing the practice scenario needs a role such as Administrator.</span>
          </p>
        }
        <to-outcome-messages [success]="saved()" [problem]="problem()" />
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
    }

    section {
      margin-bottom: 2.5rem;
    }

    h2 {
      margin: 0 0 0.25rem;
    }

    .hint {
      margin: 0 0 1rem;
      color: var(--to-color-secondary-text);
    }

    .integrations {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(19rem, 1fr));
      gap: 1rem;
      padding: 0;
      margin: 0;
      list-style: none;

      li {
        padding: 1rem 1.25rem;
        border: 1px solid var(--to-color-border);
        border-radius: 4px;
        background: var(--to-color-white);
      }

      h3 {
        margin: 0;
        font-size: 1.1875rem;
      }

      p {
        margin: 0.5rem 0 0;
      }
    }

    .kind,
    .checked,
    .explain {
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }

    .kind {
      margin-top: 0 !important;
    }

    .checked {
      display: block;
    }

    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }

    .scenarios {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      margin-bottom: 1rem;

      mat-radio-button {
        padding: 0.5rem 0.75rem 0.5rem 0.25rem;
        border: 1px solid var(--to-color-border);
        border-radius: 4px;
        background: var(--to-color-white);
      }
    }

    .option-title,
    .option-description,
    .option-sample {
      display: block;
    }

    .option-title {
      font-weight: 700;
    }

    .active {
      color: var(--to-color-green);
    }

    .option-sample {
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }

    .notice {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }

    to-outcome-messages {
      margin-top: 1rem;
    }
  `,
})
export class SettingsPageComponent {
  private readonly session = inject(SessionService);
  private readonly api = inject(IncidentsApi);

  protected readonly area = areaById('settings');
  protected readonly canChange = computed(() => this.session.can('settings:write'));

  protected readonly integrations = httpResource<IntegrationStatusResponse>(() =>
    forActiveTenant(this.session, { url: INCIDENT_INTEGRATIONS_URL }),
  );
  protected readonly items = computed(() => valueOr(this.integrations, undefined)?.items ?? []);

  protected readonly scenario = httpResource<ScenarioResponse>(() =>
    forActiveTenant(this.session, { url: INCIDENT_SCENARIO_URL }),
  );
  /** The scenario picked in the list; the one in use until the person picks another. */
  protected readonly chosen = linkedSignal(() => valueOr(this.scenario, undefined)?.active ?? '');
  protected readonly saving = signal(false);
  protected readonly saved = signal<string | undefined>(undefined);
  protected readonly problem = signal<string | undefined>(undefined);

  protected mode(integration: IntegrationStatusView): Described {
    return INTEGRATION_MODES[integration.mode];
  }

  protected modeExplanation(integration: IntegrationStatusView): string {
    return INTEGRATION_MODES[integration.mode].explanation;
  }

  /** Shows an integration as the server answered it after its mode changed. */
  protected replace(updated: IntegrationStatusView): void {
    this.integrations.update(
      (response) =>
        response && {
          ...response,
          items: response.items.map((item) => (item.name === updated.name ? updated : item)),
        },
    );
  }

  protected health(integration: IntegrationStatusView): Described {
    return describeIntegrationHealth(integration.health.status);
  }

  protected kindLabel(kind: IntegrationStatusView['kind']): string {
    switch (kind) {
      case 'ticketing':
        return 'Tickets and changes';
      case 'monitoring':
        return 'Monitoring: alerts, measurements and logs';
      case 'alerting':
        return 'On-call paging';
      case 'cloud':
        return 'Servers and services';
      case 'communication':
        return 'Team messages';
    }
  }

  protected async useScenario(): Promise<void> {
    const id = this.chosen();
    this.saving.set(true);
    this.saved.set(undefined);
    this.problem.set(undefined);
    try {
      const response = await this.api.selectScenario(id);
      this.scenario.set(response);
      const title = response.scenarios.find((option) => option.id === response.active)?.title ?? response.active;
      this.saved.set(`The pretend connections now act out “${title}”.`);
      this.integrations.reload();
    } catch (error) {
      this.problem.set(describeHttpError(error, 'The practice scenario could not be changed. Try again.'));
    } finally {
      this.saving.set(false);
    }
  }
}
