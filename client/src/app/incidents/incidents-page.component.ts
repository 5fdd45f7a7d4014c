import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  linkedSignal,
  resource,
  untracked,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { IncidentListResponse, IncidentSummaryView, MetricSeries } from '@trustops/contracts';
import type { Subscription } from 'rxjs';
import { areaById } from '../core/areas';
import { LiveEventsService } from '../core/live/live-events.service';
import { LiveStatusComponent } from '../core/live/live-status.component';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { INCIDENTS_URL, IncidentsApi } from './incidents-api';
import { keyMetrics } from './incident-metrics';
import { IncidentRunbooksComponent } from './incident-runbooks.component';
import { IncidentTagComponent } from './incident-tag.component';
import {
  describeCategory,
  describeConfidence,
  describeIncidentStatus,
  describeSeverity,
  isActiveIncident,
} from './incident-text';
import { IntakeChatComponent } from './intake-chat.component';
import { MetricChartComponent } from './metric-chart.component';

/** How many active incidents show their measurements as charts on the dashboard. */
const CHARTED_INCIDENTS = 2;
const CHARTS_PER_INCIDENT = 3;

interface ChartedIncident {
  incident: IncidentSummaryView;
  metrics: MetricSeries[];
}

/**
 * The incidents dashboard: describe a problem in a conversation, the active incidents with their
 * severity, status and likely cause, their key measurements as charts, earlier incidents, and the
 * incident runbooks.
 */
@Component({
  selector: 'to-incidents-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    IncidentRunbooksComponent,
    IncidentTagComponent,
    IntakeChatComponent,
    LiveStatusComponent,
    LoadStateComponent,
    MatIconModule,
    MetricChartComponent,
    AreaHeaderComponent,
    RouterLink,
  ],
  template: `
    <to-area-header [area]="area" />

    <div class="top">
      @if (canReport()) {
        <to-intake-chat (reported)="incidents.reload()" (progressed)="refreshSoon()" />
      }

      <section aria-labelledby="active-heading" class="active">
        <div class="active-heading">
          <h2 id="active-heading">Active incidents</h2>
          <to-live-status />
        </div>
        <to-load-state
          [resource]="incidents"
          loadingLabel="Loading incidents"
          failureMessage="We could not load the incidents."
        />
        @if (incidents.hasValue() && active().length === 0) {
          <div class="empty-state">
            <h3>No active incidents</h3>
            <p>When someone reports a problem, it appears here while TrustOps works on it.</p>
          </div>
        }
        <ul class="incident-cards" aria-label="Active incidents">
          @for (incident of active(); track incident.id) {
            <li [attr.data-severity]="incident.severity">
              <div class="tags">
                <to-incident-tag prefix="Severity:" [described]="severity(incident)" />
                <to-incident-tag [described]="status(incident)" />
              </div>
              <h3>
                <a [routerLink]="['/incidents', incident.id]">{{ incident.title }}</a>
              </h3>
              <p class="meta">
                {{ category(incident) }}
                @if (incident.service) {
                  · {{ incident.service }}
                }
                · reported by {{ incident.reportedBy.displayName }}
                <time [attr.datetime]="incident.createdAt">{{ incident.createdAt | date: 'd MMM, HH:mm' }}</time>
              </p>
              @if (incident.rootCause) {
                <p class="cause">
                  <strong>Likely cause:</strong> {{ incident.rootCause }}
                  @if (incident.confidence !== null) {
                    ({{ confidence(incident.confidence) }})
                  }
                </p>
              }
            </li>
          }
        </ul>
      </section>
    </div>

    @if (charted().length > 0) {
      <section aria-labelledby="metrics-heading" class="metrics">
        <h2 id="metrics-heading">Key measurements</h2>
        @for (entry of charted(); track entry.incident.id) {
          <h3>{{ entry.incident.title }}</h3>
          <div class="charts">
            @for (series of entry.metrics; track series.metric + series.scope) {
              <to-metric-chart [series]="series" />
            }
          </div>
        }
      </section>
    }

    @if (earlier().length > 0) {
      <section aria-labelledby="earlier-heading" class="earlier">
        <h2 id="earlier-heading">Earlier incidents</h2>
        <ul aria-label="Earlier incidents">
          @for (incident of earlier(); track incident.id) {
            <li>
              <to-incident-tag [described]="status(incident)" />
              <a [routerLink]="['/incidents', incident.id]">{{ incident.title }}</a>
              <time [attr.datetime]="incident.createdAt">{{ incident.createdAt | date: 'd MMM y, HH:mm' }}</time>
            </li>
          }
        </ul>
      </section>
    }

    @if (canReadRunbooks()) {
      <to-incident-runbooks />
    }
  `,
  styles: `
    :host {
      display: block;
    }

    section {
      margin-bottom: 2rem;
    }

    h2 {
      margin: 0 0 0.75rem;
    }

    .top {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr));
      gap: 1.5rem;
      align-items: start;
      margin-bottom: 2rem;

      section {
        margin: 0;
      }
    }

    .active-heading {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: baseline;
    }

    .incident-cards {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      padding: 0;
      margin: 0;
      list-style: none;

      li {
        position: relative;
        padding: 0.75rem 1rem;
        border: 1px solid var(--to-color-border);
        border-left: 6px solid var(--to-color-mid-grey);
        border-radius: 4px;
        background: var(--to-color-white);
      }

      li[data-severity='sev1'],
      li[data-severity='sev2'] {
        border-left-color: var(--to-color-red);
      }

      li[data-severity='sev3'] {
        border-left-color: var(--to-color-warm-yellow);
      }

      li:hover {
        background: var(--to-color-pale-blue);
      }

      h3 {
        margin: 0.5rem 0 0.25rem;
        font-size: 1.1875rem;

        a::after {
          position: absolute;
          inset: 0;
          content: '';
        }
      }

      p {
        margin: 0;
      }
    }

    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }

    .meta {
      color: var(--to-color-secondary-text);
      font-size: 0.9375rem;
    }

    .cause {
      margin-top: 0.25rem !important;
    }

    .metrics h3 {
      margin: 0 0 0.5rem;
      font-size: 1.0625rem;
    }

    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
      gap: 0.75rem;
      margin-bottom: 1rem;
    }

    .earlier ul {
      padding: 0;
      margin: 0;
      list-style: none;

      li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--to-color-border);
      }

      time {
        color: var(--to-color-secondary-text);
      }
    }
  `,
})
export class IncidentsPageComponent {
  private readonly session = inject(SessionService);
  private readonly api = inject(IncidentsApi);
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly area = areaById('incidents');
  protected readonly canReport = computed(() => this.session.can('incidents:write'));
  protected readonly canReadRunbooks = computed(() => this.session.can('runbooks:read'));

  protected readonly incidents = httpResource<IncidentListResponse>(() =>
    forActiveTenant(this.session, { url: INCIDENTS_URL }),
  );
  private readonly all = computed(() => valueOr(this.incidents, undefined)?.items ?? []);
  protected readonly active = computed(() => this.all().filter((incident) => isActiveIncident(incident.status)));
  protected readonly earlier = computed(() => this.all().filter((incident) => !isActiveIncident(incident.status)));

  /** The newest active incidents' measurements; read again whenever the list changes. */
  private readonly details = resource({
    params: () => {
      const incidents = this.active().slice(0, CHARTED_INCIDENTS);
      return incidents.length > 0 ? incidents : undefined;
    },
    loader: ({ params }) =>
      Promise.all(
        params.map(async (incident): Promise<ChartedIncident> => {
          const detail = await this.api.get(incident.id);
          return { incident, metrics: keyMetrics(detail.evidence, detail.findings, CHARTS_PER_INCIDENT) };
        }),
      ),
  });
  /** Kept while the measurements are read again, so the charts do not blink out and back. */
  protected readonly charted = linkedSignal<ChartedIncident[] | undefined, ChartedIncident[]>({
    source: () => valueOr(this.details, undefined),
    computation: (source, previous) =>
      source
        ? source.filter((entry) => entry.metrics.length > 0)
        : this.details.isLoading()
          ? (previous?.value ?? [])
          : [],
  });

  /** The live streams of the active incidents, so their status and cause update on the list. */
  private readonly following = new Map<string, Subscription>();

  constructor() {
    const live = inject(LiveEventsService);
    effect(() => {
      const ids = new Set(this.active().map((incident) => incident.id));
      untracked(() => {
        for (const [id, subscription] of this.following) {
          if (!ids.has(id)) {
            subscription.unsubscribe();
            this.following.delete(id);
          }
        }
        for (const id of ids) {
          if (this.following.has(id)) continue;
          this.following.set(
            id,
            live.watch({ kind: 'incident', id }).subscribe({
              next: () => this.refreshSoon(),
              error: () => this.following.delete(id),
            }),
          );
        }
      });
    });
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.refreshTimer);
      for (const subscription of this.following.values()) subscription.unsubscribe();
    });
  }

  protected severity(incident: IncidentSummaryView) {
    return describeSeverity(incident.severity);
  }

  protected status(incident: IncidentSummaryView) {
    return describeIncidentStatus(incident.status);
  }

  protected category(incident: IncidentSummaryView): string {
    return describeCategory(incident.category);
  }

  protected confidence(confidence: number): string {
    return describeConfidence(confidence).text;
  }

  /** An incident reported here moved on: read the list again once the burst of events is over. */
  protected refreshSoon(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.incidents.reload(), 300);
  }
}
