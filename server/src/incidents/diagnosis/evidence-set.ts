import type {
  Alert,
  Deployment,
  EvidenceKind,
  HostHealth,
  IncidentCategory,
  LogEntry,
  MetricSeries,
  PagerIncident,
} from '@trustops/contracts';

/** One piece of gathered evidence as the diagnosis engines read it. */
export interface EvidenceItem {
  id: string;
  kind: EvidenceKind;
  source: string;
  title: string;
  data: unknown;
}

/** What a diagnosis is about, so that recommendations can name their targets. */
export interface DiagnosisSubject {
  service?: string;
  host?: string;
  process?: string;
  hostRole?: string;
  deploymentId?: string;
  version?: string;
  previousVersion?: string;
  pool?: string;
  poolSize?: number;
  distribution?: string;
  region?: string;
  queue?: string;
  consumer?: string;
  /** The metric whose recovery shows the fix worked, and where. */
  signal?: { metric: string; scope: string };
}

export interface Diagnosis {
  rootCauseId: string;
  rootCause: string;
  explanation: string;
  /** 0 to 1. */
  confidence: number;
  evidenceIds: string[];
  category: IncidentCategory;
  subject: DiagnosisSubject;
}

/** Typed views of an evidence list, shared by the rules. */
export class EvidenceSet {
  constructor(readonly items: EvidenceItem[]) {}

  alerts(): Array<{ id: string; alert: Alert }> {
    return this.of<Alert>('alert').map(({ id, data }) => ({ id, alert: data }));
  }

  series(metricPattern: RegExp, scope?: string | RegExp): Array<{ id: string; series: MetricSeries }> {
    return this.of<MetricSeries>('metric')
      .filter(({ data }) => metricPattern.test(data.metric) && matches(data.scope, scope))
      .map(({ id, data }) => ({ id, series: data }));
  }

  logs(pattern?: RegExp, host?: string): Array<{ id: string; entry: LogEntry }> {
    return this.of<LogEntry>('log')
      .filter(({ data }) => (!pattern || pattern.test(data.message)) && (!host || data.host === host))
      .map(({ id, data }) => ({ id, entry: data }));
  }

  deployments(): Array<{ id: string; deployment: Deployment }> {
    return this.of<Deployment>('deployment').map(({ id, data }) => ({ id, deployment: data }));
  }

  hosts(): Array<{ id: string; health: HostHealth & { role?: string } }> {
    return this.of<HostHealth & { role?: string }>('host').map(({ id, data }) => ({ id, health: data }));
  }

  pages(): Array<{ id: string; page: PagerIncident }> {
    return this.of<PagerIncident>('pager').map(({ id, data }) => ({ id, page: data }));
  }

  private of<T>(kind: EvidenceKind): Array<{ id: string; data: T }> {
    return this.items.filter((item) => item.kind === kind).map((item) => ({ id: item.id, data: item.data as T }));
  }
}

function matches(scope: string, wanted: string | RegExp | undefined): boolean {
  if (wanted === undefined) return true;
  return typeof wanted === 'string' ? scope === wanted : wanted.test(scope);
}

export function latest(series: MetricSeries): number {
  return series.points.at(-1)?.value ?? 0;
}

export function earliest(series: MetricSeries): number {
  return series.points[0]?.value ?? 0;
}

/** The part after `host:`, `service:`, `region:`, `queue:`. */
export function scopeValue(scope: string): string {
  return scope.slice(scope.indexOf(':') + 1);
}

export function minutesSince(iso: string, now = Date.now()): number {
  return (now - Date.parse(iso)) / 60_000;
}
