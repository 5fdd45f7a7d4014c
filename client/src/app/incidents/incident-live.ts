import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { IncidentDetail, LiveEventMessage } from '@trustops/contracts';
import type { Subscription } from 'rxjs';
import { LiveEventsService } from '../core/live/live-events.service';
import { IncidentsApi } from './incidents-api';

/** Events arrive in bursts (a gather step records several); one read after the burst is enough. */
const REFRESH_DELAY_MS = 200;

/**
 * One incident, kept up to date: read from `GET /api/incidents/:id`, then read again after each
 * burst of events on its live stream (`{ kind: 'incident', id }`), which resumes where it left
 * off when the connection comes back. The snapshot carries everything the page shows (timeline,
 * evidence, findings, actions), so the events only say when to read it. Provide it per page.
 */
@Injectable()
export class IncidentLive {
  private readonly api = inject(IncidentsApi);
  private readonly live = inject(LiveEventsService);
  private subscription: Subscription | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private incidentId: string | undefined;

  private readonly snapshot = signal<IncidentDetail | undefined>(undefined);
  private readonly failure = signal<unknown>(undefined);
  private readonly loading = signal(false);
  private readonly latest = signal<LiveEventMessage | undefined>(undefined);

  readonly incident = this.snapshot.asReadonly();
  /** Why the incident could not be loaded (an HTTP error), for `to-load-state`. */
  readonly error = this.failure.asReadonly();
  readonly isLoading = this.loading.asReadonly();
  /** The newest event received live, for anything that reacts to a particular kind of event. */
  readonly lastEvent = this.latest.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Shows `incidentId` (again): reads it and follows it live. */
  async open(incidentId: string): Promise<void> {
    this.stop();
    this.incidentId = incidentId;
    this.snapshot.set(undefined);
    this.failure.set(undefined);
    this.loading.set(true);
    try {
      const detail = await this.api.get(incidentId);
      if (this.incidentId !== incidentId) return;
      this.snapshot.set(detail);
      this.subscription = this.live.watch({ kind: 'incident', id: incidentId }, detail.lastSeq).subscribe({
        next: (event) => {
          this.latest.set(event);
          this.scheduleRefresh();
        },
        error: (error: unknown) => this.failure.set(error),
      });
    } catch (error) {
      if (this.incidentId === incidentId) this.failure.set(error);
    } finally {
      if (this.incidentId === incidentId) this.loading.set(false);
    }
  }

  /** Reads the incident again (the retry of `to-load-state`). */
  reload(): boolean {
    if (this.incidentId === undefined) return false;
    void this.open(this.incidentId);
    return true;
  }

  /** Shows what an action (re-diagnose, add a note) returned, without waiting for its events. */
  replace(detail: IncidentDetail): void {
    if (detail.id === this.incidentId) this.snapshot.set(detail);
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    const incidentId = this.incidentId;
    this.refreshTimer = setTimeout(() => {
      if (incidentId === undefined) return;
      this.api.get(incidentId).then(
        (detail) => this.replace(detail),
        () => undefined, // The next event reads it again.
      );
    }, REFRESH_DELAY_MS);
  }

  private stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    clearTimeout(this.refreshTimer);
  }
}
