import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { MetricSeries } from '@trustops/contracts';
import { describeMetric, describeScope } from './incident-text';
import { describeSeries, formatMetricValue, lineChart } from './line-chart';

const BOX = { width: 240, height: 72, padding: 6 };
/** Drawn on a 0–100 scale, so that a line's height means the same on every chart. */
const PERCENT_UNITS: ReadonlySet<string> = new Set(['percent', '%']);

/**
 * One measurement as a small line chart, drawn as SVG from its readings. The chart is a picture
 * with a sentence for screen readers; the readings are one click away as a table.
 */
@Component({
  selector: 'to-metric-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    <figure>
      <figcaption>
        <span class="label">{{ label() }}</span>
        <span class="scope">{{ scope() }}</span>
      </figcaption>
      <div class="plot">
        <svg
          [attr.viewBox]="'0 0 ' + box.width + ' ' + box.height"
          preserveAspectRatio="none"
          role="img"
          [attr.aria-label]="summary()"
        >
          <path class="area" [attr.d]="chart().area" />
          <path class="line" [attr.d]="chart().path" vector-effect="non-scaling-stroke" />
        </svg>
        <span class="latest">{{ latest() }}</span>
      </div>
      <p class="range">Lowest {{ low() }} · highest {{ high() }}</p>
      <details>
        <summary>Show the readings</summary>
        <table>
          <caption class="visually-hidden">
            {{
              label()
            }}
            on
            {{
              scope()
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Reading</th>
            </tr>
          </thead>
          <tbody>
            @for (point of series().points; track point.at) {
              <tr>
                <td>
                  <time [attr.datetime]="point.at">{{ point.at | date: 'HH:mm' }}</time>
                </td>
                <td>{{ format(point.value) }}</td>
              </tr>
            }
          </tbody>
        </table>
      </details>
    </figure>
  `,
  styles: `
    :host {
      display: block;
    }

    figure {
      margin: 0;
      padding: 0.75rem 1rem;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
      background: var(--to-color-white);
    }

    figcaption {
      display: flex;
      flex-direction: column;
      margin-bottom: 0.25rem;
    }

    .label {
      font-weight: 700;
    }

    .scope,
    .range {
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }

    .plot {
      display: flex;
      gap: 0.75rem;
      align-items: center;
    }

    svg {
      flex: 1;
      width: 100%;
      min-width: 0;
      height: 4.5rem;
    }

    .line {
      fill: none;
      stroke: var(--to-color-blue);
      stroke-width: 2.5;
      stroke-linejoin: round;
    }

    .area {
      fill: var(--to-color-pale-blue);
    }

    .latest {
      font-size: 1.375rem;
      font-weight: 700;
      white-space: nowrap;
    }

    .range {
      margin: 0.25rem 0;
    }

    summary {
      cursor: pointer;
      color: var(--to-color-blue);
      font-size: 0.875rem;
    }

    table {
      margin-top: 0.5rem;
      border-collapse: collapse;
      font-size: 0.875rem;

      th,
      td {
        padding: 0.125rem 1rem 0.125rem 0;
        text-align: left;
      }
    }

    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
  `,
})
export class MetricChartComponent {
  readonly series = input.required<MetricSeries>();

  protected readonly box = BOX;
  protected readonly label = computed(() => describeMetric(this.series().metric));
  protected readonly scope = computed(() => describeScope(this.series().scope));
  private readonly values = computed(() => this.series().points.map((point) => point.value));
  protected readonly chart = computed(() =>
    lineChart(this.values(), BOX, PERCENT_UNITS.has(this.series().unit) ? 100 : undefined),
  );
  protected readonly summary = computed(() =>
    describeSeries(`${this.label()} on ${this.scope()}`, this.series().points, this.series().unit),
  );
  protected readonly latest = computed(() => {
    const values = this.values();
    return values.length === 0 ? '' : this.format(values[values.length - 1] ?? 0);
  });
  protected readonly low = computed(() => this.format(this.chart().min));
  protected readonly high = computed(() => this.format(this.chart().max));

  protected format(value: number): string {
    return formatMetricValue(value, this.series().unit);
  }
}
