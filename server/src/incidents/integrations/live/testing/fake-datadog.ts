import { FakeApi, type FakeReply, type FakeRequest } from './fake-api.js';

export interface FakeMonitor {
  id: number;
  name: string;
  message: string;
  query: string;
  tags: string[];
  priority: number | null;
  overall_state: 'Alert' | 'Warn' | 'No Data' | 'OK';
  overall_state_modified: string;
}

export interface FakeLog {
  timestamp: string;
  status: string;
  service: string;
  host: string;
  message: string;
}

/**
 * Datadog's API as far as TrustOps uses it: monitors with `page`/`page_size` and `group_states`,
 * `/api/v1/query` (a `avg:<metric>{<scope>}` expression, optionally `by {host}`), the active
 * metrics list and metric metadata, and `/api/v2/logs/events/search` with cursor pages and a
 * small query language (`service:`, `host:`, `status:(a OR b)`, quoted text). Keys travel in
 * `DD-API-KEY` / `DD-APPLICATION-KEY`; errors are `{ errors: [...] }`.
 */
export class FakeDatadog extends FakeApi {
  readonly monitors: FakeMonitor[] = [];
  readonly logs: FakeLog[] = [];
  /** Series by `metric` then scope (`host:prod-web-03`). */
  readonly series = new Map<string, Map<string, number[]>>();
  readonly units = new Map<string, string>();

  constructor(
    readonly apiKey = 'dd-api-secret',
    readonly appKey = 'dd-app-secret',
  ) {
    super();
  }

  protected authorized(request: FakeRequest): boolean {
    return request.headers['dd-api-key'] === this.apiKey && request.headers['dd-application-key'] === this.appKey;
  }

  protected unauthorized(): FakeReply {
    return { status: 403, json: { errors: ['Forbidden'] } };
  }

  protected throttled(): FakeReply {
    return {
      status: 429,
      json: { errors: ['Rate limit exceeded'] },
      headers: { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0' },
    };
  }

  protected notFound(): FakeReply {
    return { status: 404, json: { errors: ['Not found'] } };
  }

  protected route(request: FakeRequest): FakeReply | undefined {
    const path = request.url.pathname;
    const params = request.url.searchParams;
    if (path === '/api/v1/monitor') {
      const states = (params.get('group_states') ?? 'all').split(',');
      const page = Number(params.get('page') ?? 0);
      const size = Number(params.get('page_size') ?? 100);
      const matching = this.monitors.filter(
        (monitor) => states.includes('all') || states.includes(monitor.overall_state.toLowerCase()),
      );
      return { json: matching.slice(page * size, (page + 1) * size) };
    }
    if (path === '/api/v1/query') return this.query(params);
    if (path === '/api/v1/metrics') return { json: { metrics: [...this.series.keys()], from: params.get('from') } };
    if (path === '/api/v2/metrics') {
      const tag = params.get('filter[tags]');
      const size = Number(params.get('page[size]') ?? 10000);
      const start = Number(params.get('page[cursor]') ?? 0);
      const tagged = [...this.series].filter(([, scopes]) => !tag || scopes.has(tag)).map(([metric]) => metric);
      const next = start + size < tagged.length ? String(start + size) : null;
      return {
        json: {
          data: tagged.slice(start, start + size).map((id) => ({ id, type: 'metrics' })),
          meta: { pagination: { cursor: String(start), limit: size, next_cursor: next, type: 'cursor_limit' } },
        },
      };
    }
    const metadata = /^\/api\/v1\/metrics\/(.+)$/.exec(path);
    if (metadata) return { json: { type: 'gauge', unit: this.units.get(decodeURIComponent(metadata[1])) ?? null } };
    if (path === '/api/v2/logs/events/search' && request.method === 'POST')
      return this.searchLogs(request.json as LogSearch);
    return undefined;
  }

  private query(params: URLSearchParams): FakeReply {
    const match = /^avg:([\w.]+)\{([^}]*)\}( by \{host\})?$/.exec(params.get('query') ?? '');
    if (!match) return { status: 400, json: { status: 'error', error: 'Error parsing query', series: [] } };
    const [, metric, scope] = match;
    const from = Number(params.get('from')) * 1000;
    const to = Number(params.get('to')) * 1000;
    const scopes = [...(this.series.get(metric) ?? new Map<string, number[]>())].filter(
      ([name]) => scope === '*' || name === scope,
    );
    return {
      json: {
        status: 'ok',
        series: scopes.map(([name, values]) => ({
          metric,
          scope: name,
          pointlist: values.map((value, index) => [
            from + ((to - from) * index) / Math.max(values.length - 1, 1),
            value,
          ]),
          unit: this.units.has(metric)
            ? [{ short_name: this.units.get(metric), name: this.units.get(metric) }, null]
            : null,
        })),
      },
    };
  }

  private searchLogs(body: LogSearch): FakeReply {
    const query = body.filter.query;
    const service = /service:(\S+)/.exec(query)?.[1];
    const host = /host:(\S+)/.exec(query)?.[1];
    const statuses = /status:\(([^)]*)\)/.exec(query)?.[1].split(' OR ');
    const text = /"([^"]*)"/.exec(query)?.[1].toLowerCase();
    const matching = this.logs
      .filter(
        (log) =>
          (!service || log.service === service) &&
          (!host || log.host === host) &&
          (!statuses || statuses.includes(log.status)) &&
          (!text || log.message.toLowerCase().includes(text)) &&
          log.timestamp >= body.filter.from &&
          log.timestamp <= body.filter.to,
      )
      .sort((a, b) => b.timestamp.localeCompare(a.timestamp));
    const start = Number(body.page.cursor ?? 0);
    const end = start + body.page.limit;
    return {
      json: {
        data: matching
          .slice(start, end)
          .map((log, index) => ({ id: `log-${start + index}`, type: 'log', attributes: log })),
        meta: end < matching.length ? { page: { after: String(end) }, status: 'done' } : { status: 'done' },
        ...(end < matching.length ? { links: { next: `${this.url}/api/v2/logs/events?page[cursor]=${end}` } } : {}),
      },
    };
  }
}

interface LogSearch {
  filter: { query: string; from: string; to: string };
  page: { limit: number; cursor?: string };
}
