import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { parseRunbook, type RunbookProblem } from '@trustops/runbook';
import { describeHttpError } from '../core/http-error';
import { forActiveTenant, SessionService } from '../core/session.service';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { runbookUrl, RunbooksApi, type RunbookSaveRefusal, type RunbookView } from './runbooks-api';
import { BackLinkComponent } from '../shared/back-link/back-link.component';

const STARTER_YAML = `id: my-runbook
version: 1
title: My runbook
description: What this runbook is for, in a sentence.
inputs:
  reason:
    type: text
    label: Why are you running this?
    required: true
steps:
  - id: note
    title: Note the reason
    type: log
    with:
      message: "{{ inputs.reason }}"
`;

/**
 * Write or change a runbook's YAML. "Check" runs the same validation the server runs, in the
 * browser, and lists each problem with its line; "Save" stores it as a new version.
 */
@Component({
  selector: 'to-runbook-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BackLinkComponent, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, AreaHeaderComponent],
  template: `
    <to-back-link [link]="runbookId() ? ['/runbooks', runbookId()] : ['/runbooks']">{{
      runbookId() ? 'Back to the runbook' : 'All runbooks'
    }}</to-back-link>
    <to-area-header
      icon="runbook"
      [heading]="runbookId() ? 'Change ' + (existing.value()?.title ?? 'a runbook') : 'Add a runbook'"
      lead="Saving keeps every earlier version: you can compare them, and go back to one, at any time."
    />

    <form class="editor" (submit)="$event.preventDefault(); save()">
      <mat-form-field class="yaml-field">
        <mat-label>Runbook definition (YAML)</mat-label>
        <textarea
          matInput
          class="yaml"
          rows="24"
          spellcheck="false"
          [value]="yaml()"
          (input)="onEdit($any($event.target).value)"
          data-testid="runbook-yaml"
        ></textarea>
        <mat-hint
          >Its id says which runbook it is: the same id as an existing runbook saves a new version of it.</mat-hint
        >
      </mat-form-field>

      @if (problems().length > 0) {
        <div class="form-error" role="alert">
          <mat-icon svgIcon="warning" />
          <div>
            <strong>{{ problems().length === 1 ? 'One thing to fix' : problems().length + ' things to fix' }}</strong>
            <ul>
              @for (problem of problems(); track $index) {
                <li>{{ describe(problem) }}</li>
              }
            </ul>
          </div>
        </div>
      } @else if (message(); as message) {
        <p class="form-error" role="alert">
          <mat-icon svgIcon="warning" />
          <span>{{ message }}</span>
        </p>
      } @else if (checked()) {
        <p class="checked" role="status">
          <mat-icon svgIcon="status-up" aria-hidden="true" />
          No problems found.
        </p>
      }

      <div class="actions">
        <button mat-stroked-button type="button" (click)="check()">
          <mat-icon svgIcon="check" />
          Check
        </button>
        <button mat-flat-button type="submit" [disabled]="saving()">Save as a new version</button>
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }

    .editor {
      max-width: 60rem;
    }

    .yaml-field {
      width: 100%;
    }

    .yaml {
      font-family: ui-monospace, 'Cascadia Mono', Consolas, 'Liberation Mono', monospace;
      font-size: 0.875rem;
      line-height: 1.5;
    }

    ul {
      padding-left: 1.25rem;
      margin: 0.25rem 0 0;
    }

    .checked {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      color: var(--to-color-green);
      font-weight: 700;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 1rem;
    }
  `,
})
export class RunbookEditorPageComponent {
  /** From the route: set when changing an existing runbook, absent when adding one. */
  readonly runbookId = input<string | undefined>(undefined);

  private readonly session = inject(SessionService);
  private readonly api = inject(RunbooksApi);
  private readonly router = inject(Router);

  protected readonly existing = httpResource<RunbookView>(() => {
    const id = this.runbookId();
    return id ? forActiveTenant(this.session, { url: runbookUrl(id) }) : undefined;
  });

  protected readonly yaml = signal(STARTER_YAML);
  protected readonly problems = signal<RunbookProblem[]>([]);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly checked = signal(false);
  protected readonly saving = signal(false);
  private edited = false;

  constructor() {
    effect(() => {
      const existing = this.existing.value();
      if (existing && !this.edited) this.yaml.set(existing.yaml);
    });
  }

  protected describe(problem: RunbookProblem): string {
    return problem.line > 0 ? `Line ${problem.line}, column ${problem.column}: ${problem.message}` : problem.message;
  }

  protected onEdit(text: string): void {
    this.edited = true;
    this.yaml.set(text);
    this.checked.set(false);
  }

  /** Validates in the browser; true when there is nothing to fix. */
  protected check(): boolean {
    const result = parseRunbook(this.yaml(), 'runbook.yaml');
    this.message.set(undefined);
    this.problems.set(result.ok ? [] : result.problems);
    this.checked.set(result.ok);
    return result.ok;
  }

  protected async save(): Promise<void> {
    if (!this.check()) return;
    this.saving.set(true);
    try {
      const saved = await this.api.save(this.yaml());
      await this.router.navigate(['/runbooks', saved.id]);
    } catch (error) {
      const body = error instanceof HttpErrorResponse ? (error.error as Partial<RunbookSaveRefusal> | null) : null;
      if (body?.details?.length) {
        // Already sentences (the server checks what the browser cannot, such as step parameters).
        this.problems.set(
          body.details.map((detail) => ({ file: 'runbook.yaml', line: 0, column: 0, path: '', message: detail })),
        );
      } else {
        this.message.set(describeHttpError(error, 'The runbook could not be saved. Try again.'));
      }
      this.checked.set(false);
    } finally {
      this.saving.set(false);
    }
  }
}
