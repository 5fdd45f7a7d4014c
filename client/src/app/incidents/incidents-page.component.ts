import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  linkedSignal,
  resource,
  untracked,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { IncidentSummaryView, MetricSeries } from '@trustops/contracts';
import { areaById } from '../core/areas';
import { LiveStatusComponent } from '../core/live/live-status.component';
import { SessionService, valueOr } from '../core/session.service';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { IncidentListLive } from './incident-list-live';
import { IncidentsApi } from './incidents-api';
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
 * incident runbooks. The list follows the organisation's incidents live, whoever reports them.
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
  providers: [IncidentListLive],
  template: `
    <to-area-header [area]="area" />

    <div class="top">
      @if (canReport()) {
        <to-intake-chat (reported)="incidents.merge([$event])" />
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
        @if (incidents.loaded() && active().length === 0) {
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

    <p class="visually-hidden" aria-live="polite">{{ incidents.announcement() }}</p>
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

  protected readonly area = areaById('incidents');
  protected readonly canReport = computed(() => this.session.can('incidents:write'));
  protected readonly canReadRunbooks = computed(() => this.session.can('runbooks:read'));

  protected readonly incidents = inject(IncidentListLive);
  private readonly all = this.incidents.items;
  protected readonly active = computed(() => this.all().filter((incident) => isActiveIncident(incident.status)));
  protected readonly earlier = computed(() => this.all().filter((incident) => !isActiveIncident(incident.status)));

  /** The newest active incidents; the same while none of them changes, whatever else the stream brings. */
  private readonly chartedIncidents = computed(() => this.active().slice(0, CHARTED_INCIDENTS), {
    equal: (a, b) =>
      a.length === b.length &&
      a.every((incident, index) => incident.updatedAt === b[index]?.updatedAt && incident.id === b[index]?.id),
  });
  /** The newest active incidents' measurements; read again whenever one of them changes. */
  private readonly details = resource({
    params: () => {
      const incidents = this.chartedIncidents();
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

  constructor() {
    // A tenant switch shows the other organisation's incidents.
    effect(() => {
      const tenantId = this.session.activeTenantId();
      if (tenantId !== undefined) untracked(() => void this.incidents.open(tenantId));
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
}
