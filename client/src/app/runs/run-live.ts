import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { RUN_EVENT_TYPES, type EventEnvelope, type RunDetail } from '@trustops/contracts';
import type { Subscription } from 'rxjs';
import { LiveEventsService } from '../core/live/live-events.service';
import { applyRunEvents } from './run-live-state';
import { RunsApi } from './runs-api';

/** Events after which the snapshot is read again, for what events do not carry (outputs, progress). */
const REFRESH_AFTER: ReadonlySet<string> = new Set([
  RUN_EVENT_TYPES.runWaiting,
  RUN_EVENT_TYPES.runSucceeded,
  RUN_EVENT_TYPES.runFailed,
  RUN_EVENT_TYPES.runCancelled,
  RUN_EVENT_TYPES.stepDeadLettered,
]);

/**
 * One run, kept up to date: the snapshot from `GET /api/runs/:id`, the events so far from
 * `/events`, then every new event live from the WebSocket (which resumes after the last `seq` it
 * delivered when the connection comes back). Provide it in the page that shows the run.
 */
@Injectable()
export class RunLive {
  private readonly api = inject(RunsApi);
  private readonly live = inject(LiveEventsService);
  private subscription: Subscription | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private runId: string | undefined;

  private readonly snapshot = signal<RunDetail | undefined>(undefined);
  private readonly eventList = signal<EventEnvelope[]>([]);
  private readonly failure = signal<unknown>(undefined);
  private readonly loading = signal(false);
  /** Why the run could not be loaded (an HTTP error), for `to-load-state`. */
  readonly error = this.failure.asReadonly();
  readonly isLoading = this.loading.asReadonly();

  /** The run with every event since the snapshot applied. */
  readonly run = computed(() => {
    const snapshot = this.snapshot();
    return snapshot ? applyRunEvents(snapshot, this.eventList()) : undefined;
  });
  readonly events = this.eventList.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Shows `runId` (again): loads it and follows it live. */
  async open(runId: string): Promise<void> {
    this.stop();
    this.runId = runId;
    this.snapshot.set(undefined);
    this.eventList.set([]);
    this.failure.set(undefined);
    this.loading.set(true);
    try {
      const [detail, events] = await Promise.all([this.api.get(runId), this.api.events(runId, 0)]);
      if (this.runId !== runId) return;
      this.snapshot.set(detail);
      this.add(events);
      const from = Math.max(detail.lastSeq, ...events.map((event) => event.seq));
      this.subscription = this.live.watch({ kind: 'run', id: runId }, from).subscribe((event) => this.onEvent(event));
    } catch (error) {
      if (this.runId === runId) this.failure.set(error);
    } finally {
      if (this.runId === runId) this.loading.set(false);
    }
  }

  /** Loads the run again (the retry of `to-load-state`). */
  reload(): boolean {
    if (this.runId === undefined) return false;
    void this.open(this.runId);
    return true;
  }

  /** Replaces the snapshot with what an action (retry, cancel) returned. */
  replace(detail: RunDetail): void {
    if (detail.id === this.runId) {
      this.snapshot.set(detail);
    }
  }

  private onEvent(event: EventEnvelope): void {
    this.add([event]);
    if (REFRESH_AFTER.has(event.type)) {
      this.scheduleRefresh();
    }
  }

  /** Adds events in `seq` order, ignoring any already held (a replay after a reconnect). */
  private add(events: readonly EventEnvelope[]): void {
    if (events.length === 0) return;
    this.eventList.update((current) => {
      const seen = new Set(current.map((event) => event.seq));
      const fresh = events.filter((event) => !seen.has(event.seq));
      return fresh.length === 0 ? current : [...current, ...fresh].sort((a, b) => a.seq - b.seq);
    });
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    const runId = this.runId;
    this.refreshTimer = setTimeout(() => {
      if (runId === undefined) return;
      this.api.get(runId).then(
        (detail) => this.replace(detail),
        () => undefined, // The events already show the change; the next one tries again.
      );
    }, 250);
  }

  private stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    clearTimeout(this.refreshTimer);
  }
}
