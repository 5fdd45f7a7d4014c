import type { MetricPoint } from '@trustops/contracts';

/** The drawing area of a small line chart, in SVG user units. */
export interface ChartBox {
  width: number;
  height: number;
  /** Space kept clear on every side, so the line and its end dot are never clipped. */
  padding: number;
}

export interface LineChart {
  /** The `d` of the line's `<path>`; empty when there is nothing to draw. */
  path: string;
  /** The same line closed down to the baseline, for a light fill under it. */
  area: string;
  /** Where the latest point sits, for a dot that marks "now". */
  last: { x: number; y: number } | undefined;
  min: number;
  max: number;
}

/** Two decimal places are finer than a pixel, and keep the markup short. */
const round = (value: number): string => String(Math.round(value * 100) / 100);

/**
 * The path of `values` scaled into `box`: the first value at the left edge, the last at the right,
 * the largest at the top. The bottom is zero when no value is negative, so that a steady 0.3–0.5%
 * does not look like wild swings beside a rise to 48%; with a `ceiling` (100 for percentages) the
 * top is at least that, so the height of the line means the same on every chart. A flat series sits in the middle rather
 * than on an edge (there is no range to scale), and a single value is drawn as a short level line.
 */
export function lineChart(values: readonly number[], box: ChartBox, ceiling?: number): LineChart {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return { path: '', area: '', last: undefined, min: 0, max: 0 };
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const innerWidth = box.width - 2 * box.padding;
  const innerHeight = box.height - 2 * box.padding;
  const series = finite.length === 1 ? [finite[0], finite[0]] : finite;
  const step = innerWidth / (series.length - 1);
  const bottom = min >= 0 ? 0 : min;
  const top = Math.max(max, ceiling ?? max);
  const y = (value: number): number =>
    top === bottom
      ? box.padding + innerHeight / 2
      : box.padding + innerHeight * (1 - (value - bottom) / (top - bottom));
  const points = series.map((value, index) => ({ x: box.padding + index * step, y: y(value) }));
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${round(point.x)} ${round(point.y)}`).join(' ');
  const baseline = round(box.height - box.padding);
  const first = points[0];
  const last = points[points.length - 1];
  const area = `${path} L${round(last.x)} ${baseline} L${round(first.x)} ${baseline} Z`;
  return { path, area, last: { x: Number(round(last.x)), y: Number(round(last.y)) }, min, max };
}

export type Trend = 'rising' | 'falling' | 'steady';

/**
 * Whether the series went up, down or stayed level from its first to its last value, measured
 * against its own range so that noise on a flat line does not read as a change.
 */
export function trendOf(values: readonly number[]): Trend {
  if (values.length < 2) return 'steady';
  const first = values[0];
  const last = values[values.length - 1];
  const range = Math.max(...values) - Math.min(...values);
  const scale = Math.max(range, Math.abs(first), Math.abs(last), 1e-9);
  const change = (last - first) / scale;
  if (change > 0.1) return 'rising';
  if (change < -0.1) return 'falling';
  return 'steady';
}

/** A value with its unit the way people write it: `47.5%`, `812 ms`, `1,204 messages`. */
export function formatMetricValue(value: number, unit: string): string {
  const number = value.toLocaleString('en-GB', { maximumFractionDigits: Math.abs(value) < 10 ? 1 : 0 });
  switch (unit) {
    case 'percent':
    case '%':
      return `${number}%`;
    case '':
      return number;
    default:
      return `${number} ${unit}`;
  }
}

/**
 * The chart in words, for screen readers and anyone who prefers text: what it measures, where it
 * started and ended, and its range.
 */
export function describeSeries(label: string, points: readonly MetricPoint[], unit: string): string {
  const values = points.map((point) => point.value);
  if (values.length === 0) return `${label}: no readings yet.`;
  const first = formatMetricValue(values[0], unit);
  const last = formatMetricValue(values[values.length - 1], unit);
  const low = formatMetricValue(Math.min(...values), unit);
  const high = formatMetricValue(Math.max(...values), unit);
  const trend = trendOf(values);
  const how = trend === 'rising' ? 'rose' : trend === 'falling' ? 'fell' : 'stayed about level';
  return `${label} ${how} from ${first} to ${last} over ${values.length} readings (lowest ${low}, highest ${high}).`;
}
