import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatRadioModule } from '@angular/material/radio';
import type { IntegrationMode, IntegrationStatusView } from '@trustops/contracts';
import { describeHttpError } from '../core/http-error';
import { IncidentsApi } from '../incidents/incidents-api';
import { OutcomeMessagesComponent } from '../incidents/outcome-messages.component';
import { INTEGRATION_MODES } from './integration-mode-text';

/**
 * Where one integration's mode comes from, and, for people who may change settings, the choice
 * of practice or live for their organisation, or going back to the configured mode. Live cannot
 * be picked while the server lacks the integration's settings; the reason says which.
 */
@Component({
  selector: 'to-integration-mode',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatIconModule, MatRadioModule, OutcomeMessagesComponent],
  template: `
    @let current = integration();
    <div class="summary">
      <p class="source">
        @if (current.modeChosen; as chosen) {
          Chosen for this organisation by {{ chosen.by.displayName }},
          <time [attr.datetime]="chosen.at">{{ chosen.at | date: 'd MMM y, HH:mm' }}</time>.
        } @else {
          Set by the server's configuration.
        }
      </p>
      @if (canChange()) {
        <button
          mat-button
          type="button"
          [attr.aria-label]="'Change ' + current.label + ' mode'"
          [attr.aria-expanded]="open()"
          [attr.aria-controls]="ids().panel"
          (click)="open.set(!open())"
        >
          <mat-icon [svgIcon]="open() ? 'close' : 'admin'" />
          Change
        </button>
      }
    </div>
    @if (canChange() && open()) {
      <div class="choose" [id]="ids().panel">
        <span class="label" [id]="ids().label">For this organisation:</span>
        <mat-radio-group
          [attr.aria-labelledby]="ids().label"
          [value]="choice()"
          (change)="choice.set($event.value)"
          [disabled]="saving()"
        >
          <mat-radio-button value="mock">{{ modeText('mock') }}</mat-radio-button>
          <mat-radio-button
            value="live"
            [disabled]="current.liveUnavailableReason !== null"
            [aria-describedby]="current.liveUnavailableReason ? ids().reason : ''"
            >{{ modeText('live') }}</mat-radio-button
          >
        </mat-radio-group>
      </div>
      @if (current.liveUnavailableReason; as reason) {
        <p class="reason" [id]="ids().reason">
          <mat-icon svgIcon="lock" aria-hidden="true" />
          <span>{{ reason }}</span>
        </p>
      }
      <div class="actions">
        @if (choice() !== current.mode) {
          <button mat-flat-button type="button" (click)="save(choice())" [disabled]="saving()">
            <mat-icon svgIcon="check" />
            Save {{ current.label }} mode
          </button>
        }
        @if (current.modeChosen && choice() === current.mode) {
          <button mat-stroked-button type="button" (click)="save(null)" [disabled]="saving()">
            Go back to the configured mode: {{ modeText(current.configuredMode) }}
          </button>
        }
      </div>
      <to-outcome-messages [success]="done()" [problem]="problem()" />
    }
  `,
  styles: `
    :host {
      display: block;
      margin-top: 0.75rem;
    }

    p {
      margin: 0.5rem 0 0;
    }

    .source,
    .reason {
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }

    .summary {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5rem;
      align-items: center;
      justify-content: space-between;

      p {
        margin: 0;
      }
    }

    .choose {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5rem;
      align-items: center;
      margin-top: 0.25rem;
    }

    .label {
      font-weight: 700;
    }

    mat-radio-group {
      display: flex;
      flex-wrap: wrap;
    }

    .reason {
      display: flex;
      gap: 0.5rem;
      align-items: flex-start;
      margin-top: 0;

      .mat-icon {
        flex: none;
      }
    }

    .actions:not(:empty) {
      margin-top: 0.75rem;
    }

    to-outcome-messages {
      margin-top: 0.75rem;
    }
  `,
})
export class IntegrationModeComponent {
  private readonly api = inject(IncidentsApi);

  readonly integration = input.required<IntegrationStatusView>();
  readonly canChange = input(false);
  /** The integration as the server answers it after the change. */
  readonly changed = output<IntegrationStatusView>();

  protected readonly ids = computed(() => ({
    panel: `mode-panel-${this.integration().name}`,
    label: `mode-label-${this.integration().name}`,
    reason: `live-reason-${this.integration().name}`,
  }));
  /** The mode picked in the list; the one in use until the person picks another. */
  protected readonly choice = linkedSignal<IntegrationMode>(() => this.integration().mode);
  /** Whether the choice is shown; most people only need to see where the mode comes from. */
  protected readonly open = signal(false);
  protected readonly saving = signal(false);
  protected readonly done = signal<string | undefined>(undefined);
  protected readonly problem = signal<string | undefined>(undefined);

  protected modeText(mode: IntegrationMode): string {
    return INTEGRATION_MODES[mode].text;
  }

  /** Uses `mode` for the organisation; null goes back to the configured mode. */
  protected async save(mode: IntegrationMode | null): Promise<void> {
    const { name, label } = this.integration();
    this.saving.set(true);
    this.done.set(undefined);
    this.problem.set(undefined);
    try {
      const updated = await this.api.setIntegrationMode(name, mode);
      this.changed.emit(updated);
      const now = this.modeText(updated.mode).toLowerCase();
      this.done.set(
        mode === null
          ? `${label} follows the configuration again: ${now}.`
          : `${label} is now ${now} for this organisation.`,
      );
    } catch (error) {
      this.problem.set(describeHttpError(error, `The mode of ${label} could not be changed. Try again.`));
    } finally {
      this.saving.set(false);
    }
  }
}
