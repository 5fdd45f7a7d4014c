import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { inject } from '@angular/core';
import { classifyRequest } from '../wizards/request-classifier';
import { wizardByKey, type WizardInfo, type WizardKey } from '../wizards/wizard-catalogue';

/** Requests people can start from with one click. */
const QUICK_ACTIONS: ReadonlyArray<{ label: string; request: string }> = [
  { label: 'What does this integration do?', request: 'What does the ADT feed do?' },
  { label: 'Generate documentation for…', request: 'Document the lab results interface' },
  { label: 'What changes are needed for…', request: 'What happens if we change the NHS number format?' },
  { label: 'Test plan for…', request: 'Generate a test plan for the discharge notification' },
];

/**
 * "What do you need?": a plain-English request taken to the wizard that fits it (the request fills
 * in the wizard's main question). When two wizards fit alike, or none does, it asks which was meant.
 */
@Component({
  selector: 'to-what-do-you-need',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <section class="need" aria-labelledby="need-heading">
      <h2 id="need-heading">What do you need?</h2>
      <form (submit)="$event.preventDefault(); ask()">
        <mat-form-field subscriptSizing="dynamic" class="request">
          <mat-label>Describe it in your own words</mat-label>
          <input
            matInput
            name="request"
            [ngModel]="request()"
            (ngModelChange)="request.set($event); clarify.set(undefined)"
            placeholder="For example: what happens if we change the NHS number format?"
            autocomplete="off"
            data-testid="what-do-you-need"
          />
        </mat-form-field>
        <button mat-flat-button type="submit">
          <mat-icon svgIcon="arrow-forward" />
          Go
        </button>
      </form>
      @if (clarify(); as question) {
        <div class="clarify" role="status">
          <p>{{ question.text }}</p>
          <div class="choices">
            @for (wizard of question.candidates; track wizard.key) {
              <button mat-stroked-button type="button" (click)="go(wizard.key)">{{ wizard.title }}</button>
            }
          </div>
        </div>
      }
      <p class="quick-heading">Or start from one of these:</p>
      <ul class="quick">
        @for (action of quickActions; track action.label) {
          <li>
            <button mat-button type="button" (click)="request.set(action.request); ask()">“{{ action.label }}”</button>
          </li>
        }
      </ul>
    </section>
  `,
  styles: `
    .need {
      padding: 1.25rem 1.5rem;
      border: 1px solid var(--to-color-border);
      border-left: 6px solid var(--to-color-blue);
      border-radius: 4px;
      background: var(--to-color-white);
    }

    h2 {
      margin: 0 0 0.75rem;
    }

    form {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      flex-wrap: wrap;
    }

    .request {
      flex: 1;
      min-width: 16rem;
    }

    .clarify {
      margin-top: 1rem;
      padding: 0.75rem 1rem;
      background: var(--to-color-pale-blue);
      border-radius: 4px;
    }

    .clarify p {
      margin: 0 0 0.5rem;
      font-weight: 700;
    }

    .choices {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
    }

    .quick-heading {
      margin: 1rem 0 0.25rem;
      color: var(--to-color-secondary-text);
    }

    .quick {
      list-style: none;
      padding: 0;
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.5rem;
    }
  `,
})
export class WhatDoYouNeedComponent {
  private readonly router = inject(Router);

  protected readonly quickActions = QUICK_ACTIONS;
  protected readonly request = signal('');
  protected readonly clarify = signal<{ text: string; candidates: WizardInfo[] } | undefined>(undefined);

  protected ask(): void {
    const request = this.request().trim();
    if (!request) return;
    const result = classifyRequest(request);
    if (result.kind === 'wizard') {
      this.go(result.wizard);
      return;
    }
    this.clarify.set({
      text: result.question,
      candidates: result.candidates.map((key) => wizardByKey(key)).filter((wizard) => wizard !== undefined),
    });
  }

  protected go(key: WizardKey): void {
    void this.router.navigate(['/wizards', key], { queryParams: { request: this.request().trim() || null } });
  }
}
