import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import {
  INTEGRATION_LABELS,
  type Alert,
  type Deployment,
  type EvidenceView,
  type HostHealth,
  type LogEntry,
  type MetricSeries,
} from '@trustops/contracts';
import { describeEvidenceKind, describeMetric, describeScope } from './incident-text';
import { MetricChartComponent } from './metric-chart.component';

/**
 * One piece of evidence: what kind it is, where it came from and when, and (opened) what it
 * says, shown the way its kind is best read: a chart, log lines, a release's hosts, checks.
 */
@Component({
  selector: 'to-evidence-item',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, JsonPipe, MatIconModule, MetricChartComponent],
  template: `
    <details>
      <summary>
        <mat-icon [svgIcon]="kind().icon" aria-hidden="true" />
        <span class="title">
          <span class="kind">{{ kind().text }} from {{ source() }}</span>
          {{ title() }}
        </span>
      </summary>
      <div class="body">
        @switch (evidence().kind) {
          @case ('metric') {
            <to-metric-chart [series]="asMetric()" />
          }
          @case ('alert') {
            <p>{{ asAlert().message }}</p>
          }
          @case ('log') {
            <ul class="logs">
              @for (line of asLogs(); track $index) {
                <li [attr.data-level]="line.level">
                  <strong>{{ line.level }}</strong> {{ line.at | date: 'HH:mm' }} {{ line.host ?? line.service }}:
                  {{ line.message }}
                </li>
              }
            </ul>
          }
          @case ('deployment') {
            <p>{{ asDeployment().description }}</p>
            <p>
              {{ asDeployment().service }} {{ asDeployment().previousVersion ?? '' }} → {{ asDeployment().version }}:
              updated {{ asDeployment().updatedHosts.join(', ') || 'none' }}; still on the previous version
              {{ asDeployment().pendingHosts.join(', ') || 'none' }}.
            </p>
          }
          @case ('host') {
            <ul class="checks">
              @for (check of asHost().checks; track check.name) {
                <li>
                  <mat-icon [svgIcon]="check.passing ? 'status-up' : 'status-down'" aria-hidden="true" />
                  {{ check.passing ? 'Passing' : 'Failing' }}: {{ check.name }} ({{ check.detail }})
                </li>
              }
            </ul>
          }
          @case ('note') {
            <p>{{ asNote() }}</p>
          }
          @default {
            <pre>{{ evidence().data | json }}</pre>
          }
        }
        <p class="collected">
          Collected
          <time [attr.datetime]="evidence().collectedAt">{{ evidence().collectedAt | date: 'd MMM, HH:mm:ss' }}</time>
          · diagnosis round {{ evidence().round }}
        </p>
      </div>
    </details>
  `,
  styles: `
    :host {
      display: block;
    }

    summary {
      display: flex;
      gap: 0.5rem;
      align-items: flex-start;
      padding: 0.5rem 0;
      cursor: pointer;

      .mat-icon {
        flex: none;
        color: var(--to-color-dark-blue);
      }
    }

    .title {
      display: flex;
      flex-direction: column;
    }

    .kind {
      color: var(--to-color-secondary-text);
      font-size: 0.8125rem;
    }

    .body {
      padding: 0 0 0.75rem 2rem;

      p {
        margin: 0 0 0.5rem;
      }
    }

    .logs,
    .checks {
      padding: 0;
      margin: 0 0 0.5rem;
      list-style: none;
      font-size: 0.875rem;
    }

    .logs li {
      padding: 0.125rem 0;
      font-family: ui-monospace, monospace;
      overflow-wrap: anywhere;
    }

    .logs [data-level='error'] strong,
    .logs [data-level='fatal'] strong {
      color: var(--to-color-red);
    }

    .checks li {
      display: flex;
      gap: 0.25rem;
      align-items: center;

      .mat-icon {
        width: 1.125rem;
        height: 1.125rem;
      }
    }

    pre {
      max-height: 12rem;
      overflow: auto;
      font-size: 0.8125rem;
      white-space: pre-wrap;
    }

    .collected {
      color: var(--to-color-secondary-text);
      font-size: 0.8125rem;
    }
  `,
})
export class EvidenceItemComponent {
  readonly evidence = input.required<EvidenceView>();

  protected readonly kind = computed(() => describeEvidenceKind(this.evidence().kind));
  protected readonly source = computed(() => {
    const source = this.evidence().source;
    return source === 'operator' ? 'a person' : INTEGRATION_LABELS[source];
  });

  /** Measurements by their plain-English names; other evidence by the title the server gave it. */
  protected readonly title = computed(() => {
    const evidence = this.evidence();
    if (evidence.kind !== 'metric') return evidence.title;
    const series = evidence.data as MetricSeries;
    return `${describeMetric(series.metric)} on ${describeScope(series.scope)}`;
  });

  // The server files each kind's data in the shape the contracts name for it.
  protected readonly asMetric = computed(() => this.evidence().data as MetricSeries);
  protected readonly asAlert = computed(() => this.evidence().data as Alert);
  protected readonly asLogs = computed(() => {
    const data = this.evidence().data;
    return (Array.isArray(data) ? data : [data]) as LogEntry[];
  });
  protected readonly asDeployment = computed(() => this.evidence().data as Deployment);
  protected readonly asHost = computed(() => this.evidence().data as HostHealth);
  protected readonly asNote = computed(() => {
    const data = this.evidence().data;
    if (typeof data === 'string') return data;
    const note = (data as { note?: unknown; text?: unknown } | null)?.note ?? (data as { text?: unknown } | null)?.text;
    return typeof note === 'string' ? note : JSON.stringify(data);
  });
}
