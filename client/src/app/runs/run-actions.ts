import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { RunDetail } from '@trustops/contracts';
import { firstValueFrom } from 'rxjs';
import { SessionService } from '../core/session.service';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../shared/confirm-dialog/confirm-dialog.component';
import { RunsApi } from './runs-api';

/**
 * Retry, cancel and re-run: each asks the person to confirm in plain English, then calls the API
 * from the dialog (so a refusal shows where they are looking). Resolves with the run as the API
 * returned it, or undefined when they changed their mind.
 */
@Injectable({ providedIn: 'root' })
export class RunActions {
  private readonly api = inject(RunsApi);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(SessionService);

  /** Retrying a step and re-running start work again, so they need the right to start runs. */
  canRetry(): boolean {
    return this.session.can('runs:start');
  }

  canRerun(): boolean {
    return this.session.can('runs:start');
  }

  canCancel(): boolean {
    return this.session.can('runs:cancel');
  }

  retryStep(runId: string, step: { stepId: string; title: string }): Promise<RunDetail | undefined> {
    return this.confirm(
      {
        title: `Retry '${step.title}'?`,
        message: [
          `TrustOps will run the step '${step.title}' again from the start, then carry on with the steps after it.`,
          'If it failed because of something outside TrustOps, such as a system being down, check that is fixed first.',
        ],
        confirmLabel: 'Retry the step',
      },
      () => this.api.retryStep(runId, step.stepId),
    );
  }

  cancel(runId: string, title: string): Promise<RunDetail | undefined> {
    return this.confirm(
      {
        title: `Cancel '${title}'?`,
        message: [
          'The run stops: steps that have not started will not run, and decisions it is waiting for are withdrawn.',
          'Steps that have already finished are not undone.',
        ],
        confirmLabel: 'Cancel the run',
        destructive: true,
      },
      () => this.api.cancel(runId),
    );
  }

  rerun(runId: string, title: string): Promise<RunDetail | undefined> {
    return this.confirm(
      {
        title: `Run '${title}' again?`,
        message: ['TrustOps starts a new run of the same runbook with the same inputs. This run stays as it is.'],
        confirmLabel: 'Start a new run',
      },
      () => this.api.rerun(runId),
    );
  }

  private async confirm(
    text: Omit<ConfirmDialogData, 'action'>,
    request: () => Promise<RunDetail>,
  ): Promise<RunDetail | undefined> {
    let result: RunDetail | undefined;
    const confirmed = await confirmThenDo(this.dialog, {
      ...text,
      action: async () => {
        result = await request();
      },
    });
    return confirmed ? result : undefined;
  }
}

/** Opens the "are you sure?" dialog that also does the thing; true once it has been done. */
export async function confirmThenDo(dialog: MatDialog, data: ConfirmDialogData): Promise<boolean> {
  const confirmed = await firstValueFrom(ConfirmDialogComponent.ask(dialog, data));
  return confirmed === true;
}
