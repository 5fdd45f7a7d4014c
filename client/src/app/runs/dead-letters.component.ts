import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { DeadLetterView } from '@trustops/contracts';
import { describeHttpError } from '../core/http-error';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { RunActions } from './run-actions';
import { DEAD_LETTERS_URL } from './runs-api';

/**
 * Steps that failed their last attempt and wait for a person: shown above the runs list only when
 * there are some, each with a way to try it again.
 */
@Component({
  selector: 'to-dead-letters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatIconModule, RouterLink],
  template: `
    @if (items().length > 0) {
      <section class="dead-letters" aria-labelledby="dead-letters-heading">
        <h2 id="dead-letters-heading">
          <mat-icon svgIcon="warning" aria-hidden="true" />
          {{ items().length === 1 ? '1 step needs' : items().length + ' steps need' }} someone to retry
        </h2>
        <p class="lead">
          These steps failed every attempt. Check the reason, fix what caused it if you can, then retry.
        </p>
        <ul>
          @for (item of items(); track item.runId + item.stepId) {
            <li [attr.data-step-id]="item.stepId">
              <div class="what">
                <a [routerLink]="['/runs', item.runId]">{{ item.runbookTitle }}: step '{{ item.stepTitle }}'</a>
                <span class="why">{{ item.error }}</span>
                <span class="when"
                  >Gave up after {{ item.attempts }} {{ item.attempts === 1 ? 'attempt' : 'attempts' }},
                  <time [attr.datetime]="item.failedAt">{{ item.failedAt | date: 'd MMM y, HH:mm' }}</time></span
                >
              </div>
              @if (canRetry()) {
                <button mat-stroked-button type="button" (click)="retry(item)">
                  <mat-icon svgIcon="retry" />
                  Retry<span class="visually-hidden"> '{{ item.stepTitle }}'</span>
                </button>
              }
            </li>
          }
        </ul>
      </section>
    } @else if (errorMessage(); as message) {
      <p class="form-error" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }

    .dead-letters {
      padding: 1rem 1.25rem;
      border: 1px solid var(--to-color-border);
      border-left: 6px solid var(--to-color-red);
      border-radius: 4px;
      background: var(--to-color-white);
    }

    h2 {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin: 0 0 0.25rem;
      font-size: 1.1875rem;

      mat-icon {
        color: var(--to-color-red);
      }
    }

    .lead {
      margin: 0 0 0.75rem;
      color: var(--to-color-secondary-text);
    }

    ul {
      padding: 0;
      margin: 0;
      list-style: none;
    }

    li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      justify-content: space-between;
      padding: 0.75rem 0;
      border-top: 1px solid var(--to-color-border);
    }

    .what {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }

    a {
      font-weight: 700;
    }

    .when {
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }
  `,
})
export class DeadLettersComponent {
  private readonly session = inject(SessionService);
  private readonly actions = inject(RunActions);

  protected readonly deadLetters = httpResource<DeadLetterView[]>(() =>
    forActiveTenant(this.session, { url: DEAD_LETTERS_URL }),
  );
  protected readonly items = computed(() => valueOr(this.deadLetters, undefined) ?? []);
  protected readonly canRetry = computed(() => this.actions.canRetry());
  protected readonly errorMessage = computed(() =>
    this.deadLetters.error()
      ? describeHttpError(this.deadLetters.error(), 'We could not check for steps that need retrying.')
      : undefined,
  );

  protected async retry(item: DeadLetterView): Promise<void> {
    if (await this.actions.retryStep(item.runId, { stepId: item.stepId, title: item.stepTitle })) {
      this.deadLetters.reload();
    }
  }
}
