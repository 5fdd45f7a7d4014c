import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { areaById } from '../core/areas';
import { SessionService } from '../core/session.service';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { ApprovalsInbox } from './approvals-inbox';
import { ApprovalsApi, type DecidedEvent } from './approvals-api';
import { DecisionCardComponent } from './decision-card.component';
import { currentDecider, describeDue } from './decision-text';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { LiveStatusComponent } from '../core/live/live-status.component';

/** How often the countdowns move on. */
const TICK_MS = 15_000;

/**
 * The supervisors' inbox: every decision waiting in the organisation, the most urgent first, with
 * its deadline counting down; updated live as requests arrive and others decide.
 */
@Component({
  selector: 'to-approvals-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DecisionCardComponent,
    LiveStatusComponent,
    LoadStateComponent,
    MatButtonModule,
    MatIconModule,
    AreaHeaderComponent,
    RouterLink,
  ],
  providers: [ApprovalsInbox],
  template: `
    <to-area-header [area]="area">
      <to-live-status />
    </to-area-header>

    @if (confirmation(); as message) {
      <div class="confirmation" role="status">
        <mat-icon svgIcon="status-up" aria-hidden="true" />
        <span>{{ message.text }}</span>
        @if (message.runId) {
          <a [routerLink]="['/runs', message.runId]">Follow the run</a>
        }
      </div>
    }

    @if (!canSeeInbox()) {
      <div class="empty-state" data-testid="no-inbox">
        <h3>Requests for you appear on your runs</h3>
        <p>
          When a run you started needs an answer from you, such as a security code, the run's page asks for it. The list
          of every decision waiting in your organisation is for supervisors.
        </p>
      </div>
    } @else {
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading" class="summary">{{ summary() }}</h2>
        <to-load-state
          [resource]="inbox"
          loadingLabel="Loading decisions"
          failureMessage="We could not load the decisions waiting for you."
        />
        @if (inbox.loaded() && inbox.pending().length === 0) {
          <div class="empty-state">
            <h3>Nothing is waiting for a decision</h3>
            <p>New requests appear here as soon as a run asks for one; you do not need to reload the page.</p>
          </div>
        }
        <ol class="decisions">
          @for (decision of inbox.pending(); track decision.id) {
            <li>
              <to-decision-card
                [decision]="decision"
                [now]="now()"
                [decider]="decider()"
                (commented)="inbox.merge([$event])"
              />
            </li>
          }
        </ol>
      </section>
    }
    <p class="visually-hidden" aria-live="polite">{{ inbox.announcement() }}</p>
  `,
  styles: `
    :host {
      display: block;
    }

    .summary {
      margin: 0 0 1rem;
      font-size: 1.375rem;
    }

    .decisions {
      display: flex;
      flex-direction: column;
      gap: 1rem;
      max-width: 56rem;
      padding: 0;
      margin: 0;
      list-style: none;
    }

    .confirmation {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      padding: 0.75rem 1rem;
      margin-bottom: 1.5rem;
      border-left: 6px solid var(--to-color-green);
      background: #e5f2ea;

      mat-icon {
        color: var(--to-color-green);
      }

      a {
        font-weight: 700;
      }
    }
  `,
})
export class ApprovalsPageComponent {
  private readonly session = inject(SessionService);
  protected readonly inbox = inject(ApprovalsInbox);
  protected readonly area = areaById('approvals');

  protected readonly now = signal(Date.now());
  protected readonly confirmation = signal<{ text: string; runId: string | null } | undefined>(undefined);

  /** The inbox is for people who may see every decision; others answer theirs on the run's page. */
  protected readonly canSeeInbox = computed(() => this.session.can('decisions:read'));

  protected readonly decider = computed(() => currentDecider(this.session));

  protected readonly summary = computed(() => {
    const pending = this.inbox.pending();
    if (pending.length === 0) return 'Waiting for a decision';
    const overdue = pending.filter((decision) => describeDue(decision.dueAt, this.now())?.overdue).length;
    const count = `${pending.length} ${pending.length === 1 ? 'decision is' : 'decisions are'} waiting`;
    return overdue === 0 ? count : `${count}, ${overdue} overdue`;
  });

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    if (this.canSeeInbox()) {
      void this.inbox.open();
    }
    inject(ApprovalsApi)
      .decided$.pipe(takeUntilDestroyed())
      .subscribe((event) => this.onDecided(event));
  }

  private onDecided({ decision, verdict }: DecidedEvent): void {
    this.inbox.merge([decision]);
    const what =
      decision.kind === 'input'
        ? verdict === 'approve'
          ? 'You answered'
          : 'You declined'
        : verdict === 'approve'
          ? 'You approved'
          : 'You rejected';
    const next =
      decision.state === 'pending'
        ? 'It now needs a second person to approve it.'
        : verdict === 'approve'
          ? 'The run carries on.'
          : 'The run has been told.';
    this.confirmation.set({ text: `${what} '${decision.title}'. ${next}`, runId: decision.runId });
  }
}
