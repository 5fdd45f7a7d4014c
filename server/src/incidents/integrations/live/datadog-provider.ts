import type { Alert, AlertSeverity, IntegrationHealth, LogEntry, MetricSeries } from '@trustops/contracts';
import {
  IntegrationError,
  type IntegrationCall,
  type LogQuery,
  type MetricQuery,
  type MonitoringProvider,
  type TimeWindow,
} from '../providers.js';
import {
  collectPages,
  DEFAULT_LIVE_HTTP_OPTIONS,
  LiveHttpClient,
  notConfigured,
  probeHealth,
  requireConfigured,
  type LiveHttpOptions,
} from './live-http.js';

export interface DatadogSettings {
  /** The site's API address, e.g. https://api.datadoghq.eu. */
  url: string;
  apiKey?: string;
  appKey?: string;
  /** Monitors per page, log events per page. */
  pageSize?: number;
}

interface Monitor {
  id: number;
  name: string;
  message?: string;
  query: string;
  tags?: string[];
  priority?: number | null;
  overall_state: string;
  overall_state_modified?: string | null;
}

interface QuerySeries {
  metric: string;
  scope: string;
  pointlist: Array<[number, number | null]>;
  unit?: Array<{ short_name?: string; name?: string } | null> | null;
}

interface LogEvent {
  id: string;
  attributes: { timestamp: string; status?: string; service?: string; host?: string; message?: string };
}

const LEVELS: LogEntry['level'][] = ['debug', 'info', 'warn', 'error', 'fatal'];

/** Datadog's log statuses (syslog severities) at or above each of our levels. */
const STATUSES_AT_LEAST: Record<LogEntry['level'], string[]> = {
  debug: [],
  info: ['info', 'notice', 'ok', 'warn', 'warning', 'error', 'critical', 'alert', 'emerg', 'emergency'],
  warn: ['warn', 'warning', 'error', 'critical', 'alert', 'emerg', 'emergency'],
  error: ['error', 'critical', 'alert', 'emerg', 'emergency'],
  fatal: ['critical', 'alert', 'emerg', 'emergency'],
};

function levelOf(status: string | undefined): LogEntry['level'] {
  switch ((status ?? 'info').toLowerCase()) {
    case 'emerg':
    case 'emergency':
    case 'alert':
    case 'critical':
      return 'fatal';
    case 'error':
      return 'error';
    case 'warn':
    case 'warning':
      return 'warn';
    case 'debug':
    case 'trace':
      return 'debug';
    default:
      return 'info';
  }
}

const SEVERITY_BY_PRIORITY: Record<number, AlertSeverity> = {
  1: 'critical',
  2: 'high',
  3: 'warning',
  4: 'info',
  5: 'info',
};

const tagValue = (tags: string[] | undefined, name: string): string | null =>
  tags?.find((tag) => tag.startsWith(`${name}:`))?.slice(name.length + 1) ?? null;

/** `avg(last_5m):avg:system.cpu.user{host:prod-web-03} > 90` → `system.cpu.user`. */
const metricOfQuery = (query: string): string | null => /(?:^|:)([a-zA-Z_][\w.]*)\{/.exec(query)?.[1] ?? null;

const window = (query: TimeWindow): { from: number; to: number } => {
  const to = query.to ? Date.parse(query.to) : Date.now();
  return { from: query.from ? Date.parse(query.from) : to - 3_600_000, to };
};

/**
 * Datadog monitoring: monitors (`/api/v1/monitor`, page/page_size), metric queries
 * (`/api/v1/query`), the active-metrics list with metadata, and log search
 * (`/api/v2/logs/events/search`, cursor pages), authenticated by `DD-API-KEY` and
 * `DD-APPLICATION-KEY` against the configured site.
 */
export class DatadogProvider implements MonitoringProvider {
  readonly name = 'datadog' as const;
  readonly kind = 'monitoring' as const;
  readonly mode = 'live' as const;
  private readonly http: LiveHttpClient;
  readonly missing: string | null;
  private readonly pageSize: number;

  constructor(settings: DatadogSettings, options: LiveHttpOptions = DEFAULT_LIVE_HTTP_OPTIONS) {
    this.missing =
      settings.apiKey && settings.appKey ? null : notConfigured('datadog', 'DATADOG_API_KEY and DATADOG_APP_KEY');
    this.pageSize = settings.pageSize ?? 100;
    const headers = { 'dd-api-key': settings.apiKey ?? '', 'dd-application-key': settings.appKey ?? '' };
    this.http = new LiveHttpClient(
      settings.url,
      {
        integration: 'datadog',
        authorize: () => headers,
        authFailure: ({ status }) =>
          `Datadog refused the API key or application key (${status}). Check DATADOG_API_KEY and DATADOG_APP_KEY, and that DATADOG_URL is your Datadog site.`,
        errorDetail: (response) => (response.json as { errors?: string[] } | undefined)?.errors?.join(' '),
      },
      options,
    );
  }

  health(call: IntegrationCall): Promise<IntegrationHealth> {
    // The monitor list needs both keys, where /api/v1/validate would check only the API key.
    return probeHealth('datadog', this.missing, async () => {
      await this.http.send(call, { path: '/api/v1/monitor', query: { page: 0, page_size: 1 } });
    });
  }

  async listAlerts(call: IntegrationCall, query: TimeWindow & { includeResolved?: boolean }): Promise<Alert[]> {
    requireConfigured('datadog', this.missing);
    const { from, to } = window(query);
    const monitors = await collectPages<Monitor, number>(async (page = 0) => {
      const items = await this.http.json<Monitor[]>(call, {
        path: '/api/v1/monitor',
        query: {
          group_states: query.includeResolved ? 'all' : 'alert,warn,no data',
          page,
          page_size: this.pageSize,
        },
      });
      return { items, next: items.length < this.pageSize ? undefined : page + 1 };
    });
    return monitors
      .filter((monitor) => {
        if (monitor.overall_state !== 'OK') return ['Alert', 'Warn', 'No Data'].includes(monitor.overall_state);
        const changed = Date.parse(monitor.overall_state_modified ?? '');
        return query.includeResolved === true && changed >= from && changed <= to;
      })
      .map((monitor) => this.alertOf(monitor));
  }

  async listMetrics(
    call: IntegrationCall,
    scope?: string,
  ): Promise<Array<{ metric: string; scope: string; unit: string }>> {
    requireConfigured('datadog', this.missing);
    const metrics = scope ? await this.metricsTagged(call, scope) : await this.activeMetrics(call);
    // Units come from each metric's metadata; a handful is enough to choose what to query.
    return Promise.all(
      metrics.slice(0, 25).map(async (metric) => {
        const metadata = await this.http.json<{ unit?: string | null }>(call, {
          path: `/api/v1/metrics/${encodeURIComponent(metric)}`,
        });
        return { metric, scope: scope ?? '*', unit: metadata.unit ?? '' };
      }),
    );
  }

  /** Metrics reported in the last hour (`/api/v1/metrics`). */
  private async activeMetrics(call: IntegrationCall): Promise<string[]> {
    const { metrics } = await this.http.json<{ metrics: string[] }>(call, {
      path: '/api/v1/metrics',
      query: { from: Math.floor((Date.now() - 3_600_000) / 1000) },
    });
    return metrics;
  }

  /** Metrics submitted with a tag (`host:prod-web-03`, `service:checkout`): `/api/v2/metrics`, cursor pages. */
  private metricsTagged(call: IntegrationCall, tag: string): Promise<string[]> {
    return collectPages<string, string>(async (cursor) => {
      const page = await this.http.json<{
        data: Array<{ id: string }>;
        meta?: { pagination?: { next_cursor?: string | null } };
      }>(call, {
        path: '/api/v2/metrics',
        query: { 'filter[tags]': tag, 'window[seconds]': 3600, 'page[size]': this.pageSize, 'page[cursor]': cursor },
      });
      return { items: page.data.map((metric) => metric.id), next: page.meta?.pagination?.next_cursor ?? undefined };
    }, 25);
  }

  async queryMetric(call: IntegrationCall, query: MetricQuery): Promise<MetricSeries[]> {
    requireConfigured('datadog', this.missing);
    const { from, to } = window(query);
    const expression = query.scope ? `avg:${query.metric}{${query.scope}}` : `avg:${query.metric}{*} by {host}`;
    const result = await this.http.json<{ status: string; error?: string; series?: QuerySeries[] }>(call, {
      path: '/api/v1/query',
      query: { from: Math.floor(from / 1000), to: Math.floor(to / 1000), query: expression },
    });
    if (result.status === 'error') {
      throw new IntegrationError(
        'datadog',
        `Datadog could not run the query for ${query.metric}: ${result.error ?? 'no reason given'}.`,
        false,
        400,
      );
    }
    return (result.series ?? []).map((series) => ({
      metric: series.metric,
      scope: series.scope,
      unit: series.unit?.[0]?.short_name ?? series.unit?.[0]?.name ?? '',
      points: series.pointlist
        .filter((point): point is [number, number] => point[1] !== null)
        .map(([at, value]) => ({ at: new Date(at).toISOString(), value })),
    }));
  }

  async searchLogs(call: IntegrationCall, query: LogQuery): Promise<LogEntry[]> {
    requireConfigured('datadog', this.missing);
    const { from, to } = window(query);
    const terms: string[] = [];
    if (query.service) terms.push(`service:${query.service}`);
    if (query.host) terms.push(`host:${query.host}`);
    const statuses = query.minimumLevel ? STATUSES_AT_LEAST[query.minimumLevel] : [];
    if (statuses.length > 0) terms.push(`status:(${statuses.join(' OR ')})`);
    if (query.text) terms.push(`"${query.text.replace(/"/g, '\\"')}"`);
    const limit = query.limit ?? 100;
    const events = await collectPages<LogEvent, string>(async (cursor) => {
      const page = await this.http.json<{ data: LogEvent[]; meta?: { page?: { after?: string } } }>(call, {
        method: 'POST',
        path: '/api/v2/logs/events/search',
        body: {
          filter: { query: terms.join(' ') || '*', from: new Date(from).toISOString(), to: new Date(to).toISOString() },
          sort: '-timestamp',
          page: { limit: Math.min(this.pageSize, limit), ...(cursor ? { cursor } : {}) },
        },
      });
      return { items: page.data, next: page.meta?.page?.after };
    }, limit);
    const minimum = LEVELS.indexOf(query.minimumLevel ?? 'debug');
    return events
      .map((event) => ({
        at: event.attributes.timestamp,
        level: levelOf(event.attributes.status),
        service: event.attributes.service ?? 'unknown',
        host: event.attributes.host ?? null,
        message: event.attributes.message ?? '',
      }))
      .filter((entry) => LEVELS.indexOf(entry.level) >= minimum);
  }

  private alertOf(monitor: Monitor): Alert {
    const status = monitor.overall_state === 'OK' ? 'resolved' : 'triggered';
    const severity =
      (monitor.priority ? SEVERITY_BY_PRIORITY[monitor.priority] : undefined) ??
      (monitor.overall_state === 'Alert' ? 'high' : 'warning');
    return {
      id: String(monitor.id),
      source: 'datadog',
      title: monitor.name,
      severity,
      status,
      service: tagValue(monitor.tags, 'service'),
      host: tagValue(monitor.tags, 'host') ?? /\{[^}]*host:([^,}\s]+)/.exec(monitor.query)?.[1] ?? null,
      metric: metricOfQuery(monitor.query),
      triggeredAt: monitor.overall_state_modified ?? new Date().toISOString(),
      message: monitor.message ?? '',
    };
  }
}
