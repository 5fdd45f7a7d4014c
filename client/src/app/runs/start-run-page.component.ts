import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import type { RunbookSummary } from '@trustops/contracts';
import { describeHttpError } from '../core/http-error';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { RUNBOOKS_URL, runbookUrl, type RunbookView } from '../runbooks/runbooks-api';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { RunInputsFormComponent } from './run-inputs-form/run-inputs-form.component';
import { RunsApi } from './runs-api';
import { BackLinkComponent } from '../shared/back-link/back-link.component';

/**
 * Start a run: pick a runbook, fill in what it asks for, start. `?runbook=<id>` picks one up front.
 * One idempotency key per visit, so a double click (or a retry after a lost answer) starts one run.
 */
@Component({
  selector: 'to-start-run-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    BackLinkComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    AreaHeaderComponent,
    RouterLink,
    RunInputsFormComponent,
  ],
  template: `
    <to-back-link link="/runs">All runs</to-back-link>
    <to-area-header
      icon="run"
      heading="Start a run"
      lead="Choose what to run and tell it what it needs. You can follow every step once it starts."
    />

    <form class="panel" (submit)="$event.preventDefault(); start()" aria-labelledby="runbook-heading">
      <h2 id="runbook-heading">1. What to run</h2>
      @if (runbooks.isLoading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading runbooks" />
      }
      <mat-form-field class="runbook-field">
        <mat-label>Runbook</mat-label>
        <mat-select [value]="runbookId()" (valueChange)="runbookId.set($event)" data-testid="runbook-select">
          @for (runbook of runbookOptions(); track runbook.id) {
            <mat-option [value]="runbook.id">{{ runbook.title }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      @if (runbookError(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }

      @if (selected.hasValue() && runbookId()) {
        @let chosen = selected.value();
        <p class="description">{{ chosen.description }}</p>
        <h2 id="inputs-heading">2. What it needs</h2>
        @if (chosen.definition.inputs.length === 0) {
          <p class="hint">This runbook needs nothing from you.</p>
        } @else {
          <to-run-inputs-form [inputs]="chosen.definition.inputs" />
        }
        <p class="hint">
          It has {{ chosen.definition.steps.length }} {{ chosen.definition.steps.length === 1 ? 'step' : 'steps'
          }}{{ approvals(chosen) }}.
        </p>
        @if (startError(); as message) {
          <p class="form-error" role="alert">{{ message }}</p>
        }
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="starting()">
            <mat-icon svgIcon="run" />
            Start the run
          </button>
          <a mat-button routerLink="/runs">Cancel</a>
        </div>
      } @else if (selected.isLoading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the runbook" />
      }
    </form>
  `,
  styles: `
    :host {
      display: block;
    }

    .panel {
      max-width: 48rem;
      padding: 1rem 1.5rem 1.5rem;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
      background: var(--to-color-white);
    }

    h2 {
      margin: 1rem 0 0.75rem;
      font-size: 1.375rem;
    }

    .runbook-field {
      width: 100%;
      max-width: 40rem;
    }

    .description {
      margin: 0 0 1rem;
    }

    .hint {
      color: var(--to-color-secondary-text);
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 1rem;
    }
  `,
})
export class StartRunPageComponent {
  /** `?runbook=` from the address. */
  readonly runbook = input<string | undefined>(undefined);

  private readonly session = inject(SessionService);
  private readonly api = inject(RunsApi);
  private readonly router = inject(Router);
  private readonly inputsForm = viewChild(RunInputsFormComponent);
  private readonly idempotencyKey = crypto.randomUUID();

  protected readonly runbookId = signal<string>('');
  protected readonly starting = signal(false);
  protected readonly startError = signal<string | undefined>(undefined);

  protected readonly runbooks = httpResource<RunbookSummary[]>(() =>
    forActiveTenant(this.session, { url: RUNBOOKS_URL }),
  );
  protected readonly runbookOptions = computed(() =>
    [...(valueOr(this.runbooks, undefined) ?? [])].sort((a, b) => a.title.localeCompare(b.title, 'en-GB')),
  );
  protected readonly selected = httpResource<RunbookView>(() =>
    this.runbookId() ? forActiveTenant(this.session, { url: runbookUrl(this.runbookId()) }) : undefined,
  );
  protected readonly runbookError = computed(() => {
    const error = this.runbooks.error() ?? this.selected.error();
    return error ? describeHttpError(error, 'We could not load the runbooks.') : undefined;
  });

  constructor() {
    effect(() => {
      const fromAddress = this.runbook();
      if (fromAddress) this.runbookId.set(fromAddress);
    });
  }

  protected approvals(runbook: RunbookView): string {
    const gates = runbook.definition.steps.filter((step) => step.type === 'approval' || step.type === 'input').length;
    if (gates === 0) return '';
    return gates === 1 ? ', one of which waits for a person to decide' : `, ${gates} of which wait for a person`;
  }

  protected async start(): Promise<void> {
    if (this.starting() || !this.selected.hasValue()) return;
    const definition = this.selected.value().definition;
    const form = this.inputsForm();
    const inputs = definition.inputs.length === 0 ? {} : form?.submit();
    if (inputs === undefined) {
      this.startError.set('Check the answers marked above, then try again.');
      return;
    }
    this.starting.set(true);
    this.startError.set(undefined);
    try {
      const run = await this.api.start({
        runbookId: this.selected.value().id,
        inputs,
        idempotencyKey: this.idempotencyKey,
      });
      await this.router.navigate(['/runs', run.id]);
    } catch (error) {
      this.startError.set(describeHttpError(error, 'The run could not be started. Try again.'));
    } finally {
      this.starting.set(false);
    }
  }
}
