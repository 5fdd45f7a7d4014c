import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { INCIDENT_LIST_EVENT_TYPES, type IncidentSummaryView, type LiveEventMessage } from '@trustops/contracts';
import type { Subscription } from 'rxjs';
import { LiveEventsService } from '../core/live/live-events.service';
import { IncidentsApi } from './incidents-api';

const LIST_EVENTS: ReadonlySet<string> = new Set(Object.values(INCIDENT_LIST_EVENT_TYPES));

/** Newer copies of an incident replace older ones, never the other way round. */
function isNewer(candidate: IncidentSummaryView, held: IncidentSummaryView | undefined): boolean {
  return !held || Date.parse(candidate.updatedAt) >= Date.parse(held.updatedAt);
}

/**
 * Every incident of the organisation, newest first, kept up to date from the tenant's
 * `incidents` stream: incidents anyone reports appear, and their status, severity and likely
 * cause change, without a reload. Each event carries the incident's summary, so nothing is read
 * again for it; after a reconnect the stream resumes after the last event it delivered. Provide
 * it per page.
 */
@Injectable()
export class IncidentListLive {
  private readonly api = inject(IncidentsApi);
  private readonly live = inject(LiveEventsService);
  private subscription: Subscription | undefined;
  private tenantId: string | undefined;

  private readonly incidents = signal<ReadonlyMap<string, IncidentSummaryView>>(new Map());
  readonly loaded = signal(false);
  private readonly failure = signal<unknown>(undefined);
  /** Why the list could not be read (an HTTP error), for `to-load-state`. */
  readonly error = this.failure.asReadonly();
  readonly isLoading = computed(() => !this.loaded() && this.failure() === undefined);
  readonly items = computed(() =>
    [...this.incidents().values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)),
  );
  /** The latest incident someone reported while the page was open, for the screen-reader announcement. */
  readonly announcement = signal('');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  /**
   * Shows the incidents of `tenantId` (again): follows its stream and reads the list at once,
   * then once more when the server has the subscription, so that nothing reported in between
   * is missed (the merge keeps whichever copy is newer).
   */
  async open(tenantId: string): Promise<void> {
    this.subscription?.unsubscribe();
    this.tenantId = tenantId;
    this.incidents.set(new Map());
    this.loaded.set(false);
    this.failure.set(undefined);
    this.subscription = this.live
      .watch({ kind: 'incidents', id: tenantId }, undefined, { subscribed: () => void this.read(tenantId) })
      .subscribe({
        next: (event) => this.onEvent(event),
        error: () => undefined, // The list still shows; it only stops updating by itself.
      });
    await this.read(tenantId);
  }

  /** Reads the list again (the retry of `to-load-state`). */
  reload(): boolean {
    if (this.tenantId === undefined) return false;
    void this.open(this.tenantId);
    return true;
  }

  /** Takes in incidents as the API answered them (a list, or one just reported here). */
  merge(incidents: readonly IncidentSummaryView[]): void {
    this.incidents.update((current) => {
      const next = new Map(current);
      for (const incident of incidents) if (isNewer(incident, next.get(incident.id))) next.set(incident.id, incident);
      return next;
    });
  }

  private async read(tenantId: string): Promise<void> {
    try {
      const response = await this.api.list();
      if (this.tenantId !== tenantId) return;
      this.merge(response.items);
      this.loaded.set(true);
    } catch (error) {
      if (this.tenantId === tenantId && !this.loaded()) this.failure.set(error);
    }
  }

  private onEvent(event: LiveEventMessage): void {
    if (!LIST_EVENTS.has(event.type)) return;
    const incident = event.payload as unknown as IncidentSummaryView;
    if (typeof incident.id !== 'string') return;
    const known = this.incidents().has(incident.id);
    this.merge([incident]);
    if (event.type === INCIDENT_LIST_EVENT_TYPES.reported && !known) {
      this.announcement.set(`New incident reported by ${incident.reportedBy.displayName}: ${incident.title}`);
    }
  }
}
