import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { DecisionView } from '@trustops/contracts';
import { describeHttpError } from '../core/http-error';
import { RunInputsFormComponent } from '../runs/run-inputs-form/run-inputs-form.component';
import { MarkdownViewComponent } from '../shared/markdown/markdown-view.component';
import { ApprovalsApi } from './approvals-api';
import {
  describeDue,
  describePolicy,
  formAsInputs,
  whyCannotApprove,
  whyCannotDecide,
  type Decider,
} from './decision-text';

let nextCardId = 0;

/**
 * One decision waiting in the inbox: what is asked, by when, the context to decide with, any form
 * to fill in, and approve / reject with a comment. Says up front why the person cannot decide
 * when they cannot, and shows the server's reason when it refuses.
 */
@Component({
  selector: 'to-decision-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MarkdownViewComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    RouterLink,
    RunInputsFormComponent,
  ],
  host: { '[attr.data-decision-id]': 'decision().id', '[class.overdue]': 'due()?.overdue' },
  template: `
    <article [attr.aria-labelledby]="headingId">
      <header>
        <div class="kind">
          <mat-icon [svgIcon]="decision().kind === 'approval' ? 'approval' : 'info'" aria-hidden="true" />
          {{ decision().kind === 'approval' ? 'Approval' : 'Information needed' }}
        </div>
        @if (due(); as due) {
          <span class="due" [class.overdue]="due.overdue" [class.soon]="due.soon" data-testid="due">
            <mat-icon [svgIcon]="due.overdue ? 'warning' : 'schedule'" aria-hidden="true" />
            {{ due.text }}
          </span>
        } @else {
          <span class="due none">No deadline</span>
        }
      </header>
      <h2 [id]="headingId">{{ decision().title }}</h2>
      <p class="meta">
        From {{ decision().requestedBy.displayName }}'s run · asked
        <time [attr.datetime]="decision().requestedAt">{{ decision().requestedAt | date: 'd MMM, HH:mm' }}</time>
        @if (decision().runId; as runId) {
          · <a [routerLink]="['/runs', runId]">Open the run</a>
        }
      </p>
      <p class="policy">{{ policy() }}</p>

      @if (decision().context) {
        <to-markdown-view class="context" [markdown]="decision().context" />
      }

      @if (decision().votes.length > 0 || decision().comments.length > 0) {
        <ul class="conversation" aria-label="Votes and comments">
          @for (vote of decision().votes; track vote.by.userId + vote.at) {
            <li>
              <strong>{{ vote.by.displayName }}</strong> {{ vote.verdict === 'approve' ? 'approved' : 'rejected'
              }}{{ vote.comment ? ': “' + vote.comment + '”' : '' }}
            </li>
          }
          @for (comment of decision().comments; track comment.at + comment.by.userId) {
            <li>
              <strong>{{ comment.by.displayName }}</strong>: “{{ comment.text }}”
            </li>
          }
        </ul>
      }

      @if (cannotDecide(); as reason) {
        <p class="notice" role="note">
          <mat-icon svgIcon="lock" aria-hidden="true" />
          <span>{{ reason }}</span>
        </p>
      } @else {
        @if (formInputs().length > 0) {
          <h3>Your answer</h3>
          <to-run-inputs-form [inputs]="formInputs()" />
        }
        <mat-form-field class="comment" subscriptSizing="dynamic">
          <mat-label>Comment {{ decision().kind === 'approval' ? '(needed to reject)' : '(optional)' }}</mat-label>
          <textarea
            matInput
            rows="2"
            [value]="comment()"
            (input)="comment.set($any($event.target).value)"
            data-testid="decision-comment"
          ></textarea>
          <mat-hint>Everyone who can see this decision, and the audit trail, will see your comment.</mat-hint>
        </mat-form-field>
        @if (cannotApprove(); as reason) {
          <p class="notice" role="note">
            <mat-icon svgIcon="lock" aria-hidden="true" />
            <span>{{ reason }}</span>
          </p>
        }
        @if (error(); as message) {
          <p class="form-error" role="alert">
            <mat-icon svgIcon="warning" />
            <span>{{ message }}</span>
          </p>
        }
        <div class="actions">
          <button
            mat-flat-button
            type="button"
            class="approve"
            [disabled]="busy() || !!cannotApprove()"
            (click)="decide('approve')"
          >
            <mat-icon svgIcon="check" />
            {{ decision().kind === 'approval' ? 'Approve' : 'Send answer' }}
          </button>
          <button mat-stroked-button type="button" class="reject" [disabled]="busy()" (click)="decide('reject')">
            <mat-icon svgIcon="close" />
            {{ decision().kind === 'approval' ? 'Reject' : 'Decline' }}
          </button>
          <button mat-button type="button" [disabled]="busy()" (click)="addComment()">Comment without deciding</button>
        </div>
      }
    </article>
  `,
  styles: `
    :host {
      display: block;
      padding: 1rem 1.25rem 1.25rem;
      border: 1px solid var(--to-color-border);
      border-left: 6px solid var(--to-color-blue);
      border-radius: 4px;
      background: var(--to-color-white);
    }

    :host(.overdue) {
      border-left-color: var(--to-color-red);
    }

    header {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      justify-content: space-between;
    }

    .kind,
    .due {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
      font-size: 0.875rem;
      font-weight: 700;

      mat-icon {
        width: 1.25rem;
        height: 1.25rem;
      }
    }

    .kind {
      color: var(--to-color-dark-blue);
    }

    .due {
      padding: 0.125rem 0.625rem;
      border: 1px solid var(--to-color-mid-grey);
      border-radius: 999px;
      background: var(--to-color-pale-grey);
    }

    .due.soon {
      border-color: #8a5a00;
      background: #fff4d6;
    }

    .due.overdue {
      border-color: var(--to-color-red);
      background: var(--to-color-red);
      color: var(--to-color-white);
    }

    .due.none {
      color: var(--to-color-secondary-text);
      font-weight: 400;
    }

    h2 {
      margin: 0.5rem 0 0.25rem;
      font-size: 1.375rem;
    }

    h3 {
      margin: 1rem 0 0.5rem;
      font-size: 1.125rem;
    }

    .meta {
      margin: 0;
      color: var(--to-color-secondary-text);
    }

    .policy {
      margin: 0.25rem 0 0.75rem;
      font-weight: 700;
    }

    .context {
      padding: 0.25rem 1rem;
      margin-bottom: 1rem;
      border-radius: 4px;
      background: var(--to-color-page);
      overflow-wrap: anywhere;
    }

    .conversation {
      padding-left: 1.25rem;
      margin: 0 0 1rem;
    }

    .comment {
      width: 100%;
      max-width: 40rem;
    }

    .notice {
      display: flex;
      gap: 0.5rem;
      align-items: flex-start;
      padding: 0.75rem 1rem;
      margin: 0.5rem 0;
      border-left: 4px solid var(--to-color-secondary-text);
      background: var(--to-color-pale-grey);

      mat-icon {
        flex: none;
      }
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.75rem;
    }

    .approve:not(:disabled) {
      --mat-button-filled-container-color: var(--to-color-green);
      --mat-button-filled-label-text-color: var(--to-color-white);
    }

    .reject:not(:disabled) {
      --mat-button-outlined-label-text-color: var(--to-color-red);
      --mat-button-outlined-outline-color: var(--to-color-red);
    }
  `,
})
export class DecisionCardComponent {
  readonly decision = input.required<DecisionView>();
  /** The time now, in milliseconds, ticking: the countdown follows it. */
  readonly now = input.required<number>();
  readonly decider = input.required<Decider>();
  /** The decision as it stands after this person's comment. */
  readonly commented = output<DecisionView>();

  private readonly api = inject(ApprovalsApi);
  private readonly form = viewChild(RunInputsFormComponent);

  protected readonly headingId = `decision-heading-${nextCardId++}`;
  protected readonly comment = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | undefined>(undefined);

  protected readonly due = computed(() => describeDue(this.decision().dueAt, this.now()));
  protected readonly policy = computed(() => describePolicy(this.decision()));
  protected readonly formInputs = computed(() => formAsInputs(this.decision().form));
  protected readonly cannotDecide = computed(() => whyCannotDecide(this.decision(), this.decider()));
  protected readonly cannotApprove = computed(() => whyCannotApprove(this.decision(), this.decider()));

  protected async addComment(): Promise<void> {
    if (!this.comment().trim()) {
      this.error.set('Write your comment in the box first.');
      return;
    }
    this.busy.set(true);
    this.error.set(undefined);
    try {
      const decision = await this.api.comment(this.decision().id, this.comment().trim());
      this.comment.set('');
      this.commented.emit(decision);
    } catch (error) {
      this.error.set(describeHttpError(error, 'Your comment could not be added. Try again.'));
    } finally {
      this.busy.set(false);
    }
  }

  protected async decide(verdict: 'approve' | 'reject'): Promise<void> {
    const comment = this.comment().trim();
    if (verdict === 'reject' && this.decision().kind === 'approval' && !comment) {
      this.error.set('Say why you are rejecting it in the comment, so the person who asked knows what to change.');
      return;
    }
    let response: Record<string, unknown> | undefined;
    if (verdict === 'approve' && this.formInputs().length > 0) {
      response = this.form()?.submit();
      if (response === undefined) {
        this.error.set('Check the answers marked above, then try again.');
        return;
      }
    }
    this.busy.set(true);
    this.error.set(undefined);
    try {
      // The page hears of the verdict from `ApprovalsApi.decided$`, even if this card is gone by then.
      await this.api.decide(this.decision().id, {
        verdict,
        ...(comment ? { comment } : {}),
        ...(response ? { response } : {}),
      });
    } catch (error) {
      this.error.set(describeHttpError(error, 'Your decision could not be recorded. Try again.'));
    } finally {
      this.busy.set(false);
    }
  }
}
