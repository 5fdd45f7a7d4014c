import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { RUN_EVENT_TYPES, type DecisionView, type EventEnvelope } from '@trustops/contracts';
import type { Subscription } from 'rxjs';
import { LiveEventsService } from '../core/live/live-events.service';
import { ApprovalsApi } from './approvals-api';
import { byUrgency } from './decision-text';

const DECISION_EVENTS: ReadonlySet<string> = new Set([
  RUN_EVENT_TYPES.decisionRequested,
  RUN_EVENT_TYPES.decisionUpdated,
  RUN_EVENT_TYPES.decisionResolved,
  RUN_EVENT_TYPES.decisionEscalated,
]);

/** How far along a decision is, so that an older copy never replaces a newer one. */
function progressOf(decision: DecisionView): number {
  return (decision.state === 'pending' ? 0 : 1_000_000) + decision.votes.length * 1000 + decision.comments.length;
}

/**
 * The pending decisions of the person's organisation, kept up to date from the `inbox` stream:
 * new requests appear, votes and comments update them, and decided ones leave, without a reload.
 * The stream is followed first and the list read second, so nothing that happens in between is lost.
 */
@Injectable()
export class ApprovalsInbox {
  private readonly api = inject(ApprovalsApi);
  private readonly live = inject(LiveEventsService);
  private subscription: Subscription | undefined;

  private readonly decisions = signal<ReadonlyMap<string, DecisionView>>(new Map());
  readonly loaded = signal(false);
  private readonly failure = signal<unknown>(undefined);
  /** Why the list could not be read (an HTTP error), for `to-load-state`. */
  readonly error = this.failure.asReadonly();
  readonly isLoading = computed(() => !this.loaded() && this.failure() === undefined);
  /** The latest change someone else made, for the screen-reader announcement. */
  readonly announcement = signal('');

  readonly pending = computed(() =>
    [...this.decisions().values()].filter((decision) => decision.state === 'pending').sort(byUrgency),
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  async open(): Promise<void> {
    this.subscription?.unsubscribe();
    this.failure.set(undefined);
    this.subscription = this.live.watch({ kind: 'inbox' }).subscribe((event) => this.onEvent(event));
    try {
      const pending = await this.api.pending();
      this.merge(pending);
      this.loaded.set(true);
    } catch (error) {
      this.failure.set(error);
    }
  }

  /** Reads the list again (the retry of `to-load-state`). */
  reload(): boolean {
    void this.open();
    return true;
  }

  /** Takes in a decision as the API returned it after this person's own vote. */
  merge(decisions: readonly DecisionView[]): void {
    this.decisions.update((current) => {
      const next = new Map(current);
      for (const decision of decisions) {
        const held = next.get(decision.id);
        if (!held || progressOf(decision) >= progressOf(held)) {
          next.set(decision.id, decision);
        }
      }
      return next;
    });
  }

  private onEvent(event: EventEnvelope): void {
    if (!DECISION_EVENTS.has(event.type)) return;
    const decision = event.payload as unknown as DecisionView;
    if (typeof decision.id !== 'string') return;
    const known = this.decisions().has(decision.id);
    this.merge([decision]);
    if (event.type === RUN_EVENT_TYPES.decisionRequested && !known) {
      this.announcement.set(`New request: ${decision.title}`);
    } else if (event.type === RUN_EVENT_TYPES.decisionResolved) {
      this.announcement.set(`'${decision.title}' has been decided and left the list`);
    }
  }
}
