import type { EvidenceView, FindingView, MetricSeries } from '@trustops/contracts';

function isMetricSeries(data: unknown): data is MetricSeries {
  const candidate = data as Partial<MetricSeries> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.metric === 'string' &&
    Array.isArray(candidate.points)
  );
}

/**
 * The measurements worth a chart: those the current finding relied on first, then the rest, newest
 * diagnosis round first, at most `limit`. The same measurement from an earlier round is left out.
 */
export function keyMetrics(
  evidence: readonly EvidenceView[],
  findings: readonly FindingView[],
  limit: number,
): MetricSeries[] {
  const used = new Set(findings.filter((finding) => finding.current).flatMap((finding) => finding.evidenceIds));
  const metrics = evidence
    .filter((item) => item.kind === 'metric' && isMetricSeries(item.data))
    .sort((a, b) => Number(used.has(b.id)) - Number(used.has(a.id)) || b.round - a.round);
  const seen = new Set<string>();
  const chosen: MetricSeries[] = [];
  for (const item of metrics) {
    const series = item.data as MetricSeries;
    const key = `${series.metric}|${series.scope}`;
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(series);
    if (chosen.length === limit) break;
  }
  return chosen;
}
