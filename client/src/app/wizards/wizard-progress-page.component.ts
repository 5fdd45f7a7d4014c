import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { StepRunView } from '@trustops/contracts';
import { DocumentDetailComponent } from '../documents/document-detail.component';
import { DocumentsApi } from '../documents/documents-api';
import { BackLinkComponent } from '../shared/back-link/back-link.component';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { RunLive } from '../runs/run-live';
import { TranscriptComponent } from '../runs/transcript/transcript.component';
import { wizardByKey } from './wizard-catalogue';

const STEP_WORDS: Record<StepRunView['state'], string> = {
  pending: 'To do',
  queued: 'Starting',
  running: 'Working…',
  waiting: 'Waiting',
  succeeded: 'Done',
  failed: 'Did not work',
  skipped: 'Skipped',
  cancelled: 'Stopped',
};

/**
 * A wizard at work: its steps in plain English, the agent's transcript live, and at the end the
 * document it wrote, rendered in the page with its diagrams and ready to submit for review.
 */
@Component({
  selector: 'to-wizard-progress-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [RunLive],
  imports: [
    BackLinkComponent,
    DocumentDetailComponent,
    MatIconModule,
    MatProgressBarModule,
    AreaHeaderComponent,
    RouterLink,
    TranscriptComponent,
  ],
  template: `
    <to-back-link link="/wizards">All wizards</to-back-link>
    <to-area-header [icon]="wizard()?.icon ?? 'wizard'" [heading]="wizard()?.title ?? 'Wizard'" [lead]="lead()" />
    @if (live.run(); as run) {
      <section class="panel" aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress</h2>
        @if (!finished()) {
          <mat-progress-bar mode="indeterminate" aria-label="The wizard is working" />
        }
        <ol class="steps">
          @for (step of run.steps; track step.stepId) {
            <li [attr.data-state]="step.state">
              <span class="state">{{ stepWords(step) }}</span>
              <span class="title">{{ step.title }}</span>
              @if (step.error) {
                <span class="error">{{ step.error }}</span>
              }
            </li>
          }
        </ol>
        @if (run.state === 'failed' || run.state === 'cancelled') {
          <p class="form-error" role="alert">
            The wizard could not finish{{ run.error ? ': ' + run.error : '.' }}
            <a [routerLink]="['/runs', run.id]">See the run</a>.
          </p>
        }
      </section>
      @if (documentId(); as id) {
        <to-document-detail [documentId]="id" />
      }
      <section class="panel">
        <to-transcript [runId]="run.id" [events]="live.events()" />
      </section>
    } @else if (live.error()) {
      <p class="form-error" role="alert">
        We could not load this wizard's progress. <a routerLink="/wizards">Back to the wizards</a>.
      </p>
    } @else {
      <mat-progress-bar mode="indeterminate" aria-label="Loading" />
    }
  `,
  styles: `
    :host {
      display: block;
    }

    .panel {
      padding: 1rem 1.5rem;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
      background: var(--to-color-white);
      margin-bottom: 1rem;
    }

    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.375rem;
    }

    .steps {
      padding-left: 1.25rem;
    }

    .steps li {
      margin: 0.375rem 0;
    }

    .state {
      display: inline-block;
      min-width: 7rem;
      font-weight: 700;
    }

    li[data-state='succeeded'] .state {
      color: var(--to-color-green);
    }

    li[data-state='failed'] .state {
      color: var(--to-color-red);
    }

    .error {
      display: block;
      color: var(--to-color-red);
    }
  `,
})
export class WizardProgressPageComponent {
  readonly key = input.required<string>();
  readonly runId = input.required<string>();

  protected readonly live = inject(RunLive);
  private readonly documents = inject(DocumentsApi);

  protected readonly wizard = computed(() => wizardByKey(this.key()));
  protected readonly documentId = signal<string | undefined>(undefined);
  protected readonly finished = computed(() =>
    ['succeeded', 'failed', 'cancelled'].includes(this.live.run()?.state ?? ''),
  );
  protected readonly lead = computed(() => {
    const state = this.live.run()?.state;
    if (state === 'succeeded') return 'Finished. Read the document below, then submit it for review.';
    if (state === 'failed' || state === 'cancelled') return 'The wizard stopped before the document was ready.';
    return 'The agent is reading the code and writing your document. This usually takes under a minute.';
  });

  constructor() {
    effect(() => {
      void this.live.open(this.runId());
    });
    effect(() => {
      const run = this.live.run();
      if (run?.state === 'succeeded' && !this.documentId()) void this.findDocument(run.id);
    });
  }

  protected stepWords(step: StepRunView): string {
    return STEP_WORDS[step.state];
  }

  private async findDocument(runId: string): Promise<void> {
    const list = await this.documents.list(runId).catch(() => undefined);
    const id = list?.items[0]?.id;
    if (id) this.documentId.set(id);
  }
}
