import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatStepperModule } from '@angular/material/stepper';
import { Router, RouterLink } from '@angular/router';
import type { WizardWorkspaceOption } from '@trustops/contracts';
import { validateRunInputs, type RunbookInput } from '@trustops/runbook';
import { describeHttpError } from '../core/http-error';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { WIZARD_WORKSPACES_URL } from '../documents/documents-api';
import { runbookUrl, type RunbookView } from '../runbooks/runbooks-api';
import { RunInputsFormComponent } from '../runs/run-inputs-form/run-inputs-form.component';
import { RunsApi } from '../runs/runs-api';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { BackLinkComponent } from '../shared/back-link/back-link.component';
import { wizardByKey } from './wizard-catalogue';
import { wizardPages, type WizardPage } from './wizard-form';

/**
 * A guided wizard: the runbook's inputs as a Material stepper (one page per input group), a page
 * to check the answers, then the run starts and the progress page follows it. `?request=` (from
 * "What do you need?" on the home page) fills in the wizard's main question.
 */
@Component({
  selector: 'to-wizard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AreaHeaderComponent,
    BackLinkComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatStepperModule,
    RouterLink,
    RunInputsFormComponent,
  ],
  template: `
    <to-back-link link="/wizards">All wizards</to-back-link>
    @if (wizard(); as info) {
      <to-area-header [icon]="info.icon" [heading]="info.title" [lead]="info.blurb" />
      <p class="produces"><strong>You will get:</strong> {{ info.produces }}</p>
      @if (runbook.isLoading() || workspaces.isLoading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the wizard" />
      }
      @if (loadError(); as message) {
        <p class="form-error" role="alert">{{ message }}</p>
      }
      @if (workspaces.hasValue() && pages().length > 0) {
        <mat-stepper
          class="panel"
          [linear]="true"
          orientation="vertical"
          #stepper
          (selectionChange)="reviewTick.set(reviewTick() + 1)"
        >
          <!-- TrustOps draws its icons as SVG (no icon font): the stepper's own icons too. -->
          <ng-template matStepperIcon="edit"><mat-icon svgIcon="check" /></ng-template>
          <ng-template matStepperIcon="done"><mat-icon svgIcon="check" /></ng-template>
          @for (page of pages(); track page.title; let index = $index) {
            <mat-step [stepControl]="page.form" [label]="page.title">
              <form (submit)="$event.preventDefault(); stepper.next()">
                <to-run-inputs-form [inputs]="page.inputs" [form]="page.form" [workspaces]="workspaceOptions()" />
                <div class="actions">
                  @if (index > 0) {
                    <button mat-button type="button" matStepperPrevious>Back</button>
                  }
                  <button mat-flat-button type="submit" (click)="page.form.markAllAsTouched()">Next</button>
                </div>
              </form>
            </mat-step>
          }
          <mat-step label="Check and start">
            <h2 class="review-heading">Check your answers</h2>
            <dl class="review">
              @for (answer of answers(); track answer.label) {
                <dt>{{ answer.label }}</dt>
                <dd>{{ answer.value }}</dd>
              }
            </dl>
            <p class="hint">
              The agent reads the code and writes the document; you can watch it work. Nothing is changed in the
              codebase. The document stays a draft until you submit it for review.
            </p>
            @if (startError(); as message) {
              <p class="form-error" role="alert">{{ message }}</p>
            }
            <div class="actions">
              <button mat-button type="button" matStepperPrevious>Back</button>
              <button mat-flat-button type="button" (click)="start()" [disabled]="starting()">
                <mat-icon svgIcon="run" />
                Start the wizard
              </button>
              <a mat-button routerLink="/wizards">Cancel</a>
            </div>
          </mat-step>
        </mat-stepper>
      }
    } @else {
      <p role="alert">There is no wizard called "{{ key() }}". <a routerLink="/wizards">See all wizards</a>.</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }

    .produces {
      max-width: 48rem;
    }

    .panel {
      max-width: 52rem;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
      background: var(--to-color-white);
    }

    to-run-inputs-form {
      display: block;
      padding-top: 0.5rem;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 1rem;
    }

    .hint {
      color: var(--to-color-secondary-text);
    }

    .review-heading {
      font-size: 1.25rem;
      margin: 0.5rem 0;
    }

    .review {
      display: grid;
      grid-template-columns: minmax(10rem, max-content) 1fr;
      gap: 0.5rem 1rem;
    }

    .review dt {
      font-weight: 700;
    }

    .review dd {
      margin: 0;
      white-space: pre-wrap;
    }
  `,
})
export class WizardPageComponent {
  /** `:key` from the address. */
  readonly key = input.required<string>();
  /** `?request=` from the home page's "What do you need?". */
  readonly request = input<string | undefined>(undefined);

  private readonly session = inject(SessionService);
  private readonly runs = inject(RunsApi);
  private readonly router = inject(Router);
  private readonly idempotencyKey = crypto.randomUUID();

  protected readonly wizard = computed(() => wizardByKey(this.key()));
  protected readonly starting = signal(false);
  protected readonly startError = signal<string | undefined>(undefined);

  protected readonly runbook = httpResource<RunbookView>(() => {
    const wizard = this.wizard();
    return wizard ? forActiveTenant(this.session, { url: runbookUrl(wizard.runbookId) }) : undefined;
  });
  protected readonly workspaces = httpResource<{ items: WizardWorkspaceOption[] }>(() =>
    forActiveTenant(this.session, { url: WIZARD_WORKSPACES_URL }),
  );
  protected readonly workspaceOptions = computed(() => valueOr(this.workspaces, undefined)?.items ?? []);
  protected readonly loadError = computed(() => {
    const error = this.runbook.error() ?? this.workspaces.error();
    return error ? describeHttpError(error, 'We could not load this wizard. Try again.') : undefined;
  });

  private readonly inputs = computed<RunbookInput[]>(() => valueOr(this.runbook, undefined)?.definition.inputs ?? []);
  protected readonly pages = computed<WizardPage[]>(() => {
    const wizard = this.wizard();
    const request = this.request()?.trim();
    const prefill: Record<string, string> = {};
    if (wizard?.requestInput && request) prefill[wizard.requestInput] = request;
    const pages = wizardPages(this.inputs(), prefill);
    // One codebase imported: nothing to choose.
    const only = this.workspaceOptions().length === 1 ? this.workspaceOptions()[0] : undefined;
    for (const page of pages)
      for (const field of page.inputs)
        if (field.type === 'workspace' && only && !page.form.controls[field.name]?.value)
          page.form.controls[field.name]?.setValue(only.id);
    return pages;
  });

  /** Bumped when the stepper moves, so the check page reads the answers afresh. */
  protected readonly reviewTick = signal(0);
  protected readonly answers = computed(() => {
    this.reviewTick();
    const names = new Map(this.workspaceOptions().map((workspace) => [workspace.id, workspace.name]));
    return this.pages().flatMap((page) =>
      page.inputs.map((field) => {
        const value: unknown = page.form.controls[field.name]?.value;
        const text =
          typeof value === 'string' && value !== ''
            ? value
            : typeof value === 'number' || typeof value === 'boolean'
              ? String(value)
              : '—';
        return { label: field.label, value: field.type === 'workspace' ? (names.get(text) ?? text) : text };
      }),
    );
  });

  protected async start(): Promise<void> {
    const wizard = this.wizard();
    if (!wizard || this.starting()) return;
    const raw = Object.assign({}, ...this.pages().map((page) => page.form.getRawValue())) as Record<string, unknown>;
    const checked = validateRunInputs({ inputs: this.inputs() }, raw);
    if (!checked.ok) {
      this.startError.set(checked.errors.map((problem) => problem.message).join(' '));
      return;
    }
    this.starting.set(true);
    this.startError.set(undefined);
    try {
      const run = await this.runs.start({
        runbookId: wizard.runbookId,
        inputs: checked.values,
        idempotencyKey: this.idempotencyKey,
      });
      await this.router.navigate(['/wizards', wizard.key, 'runs', run.id]);
    } catch (error) {
      this.startError.set(describeHttpError(error, 'The wizard could not be started. Try again.'));
    } finally {
      this.starting.set(false);
    }
  }
}
