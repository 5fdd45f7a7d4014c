import type { IntegrationHealth, PagerIncident } from '@trustops/contracts';
import type { AlertingProvider, IntegrationCall } from '../providers.js';
import {
  collectPages,
  DEFAULT_LIVE_HTTP_OPTIONS,
  LiveHttpClient,
  notConfigured,
  probeHealth,
  requireConfigured,
  type LiveHttpOptions,
} from './live-http.js';

export interface PagerDutySettings {
  /** The REST API, https://api.pagerduty.com. */
  url: string;
  apiToken?: string;
  /** The PagerDuty user changes are made as (the `From` header of writes). */
  fromEmail?: string;
  pageSize?: number;
}

interface PagerDutyIncident {
  id: string;
  title: string;
  urgency: 'high' | 'low';
  status: PagerIncident['status'];
  service?: { id: string; summary: string };
  assignments?: Array<{ assignee?: { summary?: string } }>;
  created_at: string;
}

interface OffsetPage {
  limit: number;
  offset: number;
  more: boolean;
}

/**
 * PagerDuty alerting through the REST API v2: incidents listed with `offset`/`limit`/`more`,
 * services resolved by name, acknowledgement by `PUT /incidents/{id}` and notes, both written
 * as the `PAGERDUTY_FROM_EMAIL` user (`From` header); `Authorization: Token token=…`.
 */
export class PagerDutyProvider implements AlertingProvider {
  readonly name = 'pagerduty' as const;
  readonly kind = 'alerting' as const;
  readonly mode = 'live' as const;
  private readonly http: LiveHttpClient;
  readonly missing: string | null;
  private readonly missingFrom: string | null;
  private readonly pageSize: number;

  constructor(
    private readonly settings: PagerDutySettings,
    options: LiveHttpOptions = DEFAULT_LIVE_HTTP_OPTIONS,
  ) {
    this.missing = settings.apiToken ? null : notConfigured('pagerduty', 'PAGERDUTY_API_TOKEN');
    this.missingFrom = settings.fromEmail
      ? null
      : 'PagerDuty needs PAGERDUTY_FROM_EMAIL (the PagerDuty user changes are made as) to acknowledge or add notes.';
    this.pageSize = settings.pageSize ?? 100;
    const headers = {
      authorization: `Token token=${settings.apiToken}`,
      accept: 'application/vnd.pagerduty+json;version=2',
    };
    this.http = new LiveHttpClient(
      settings.url,
      {
        integration: 'pagerduty',
        authorize: () => headers,
        authFailure: ({ status }) =>
          status === 403
            ? 'PagerDuty accepted the token but it may not do this (403). A read-only key cannot acknowledge or add notes.'
            : 'PagerDuty refused the API token (401). Check PAGERDUTY_API_TOKEN.',
        errorDetail: (response) => {
          const error = (response.json as { error?: { message?: string; errors?: string[] } } | undefined)?.error;
          return error ? [error.message, ...(error.errors ?? [])].filter(Boolean).join(' — ') : undefined;
        },
      },
      options,
    );
  }

  health(call: IntegrationCall): Promise<IntegrationHealth> {
    return probeHealth('pagerduty', this.missing, async () => {
      await this.http.send(call, { path: '/abilities' });
    });
  }

  async listIncidents(
    call: IntegrationCall,
    query: { status?: PagerIncident['status'][]; service?: string },
  ): Promise<PagerIncident[]> {
    requireConfigured('pagerduty', this.missing);
    let serviceIds: string[] = [];
    if (query.service) {
      serviceIds = await this.serviceIds(call, query.service);
      if (serviceIds.length === 0) return [];
    }
    const incidents = await this.offsetPages<PagerDutyIncident>(call, 'incidents', '/incidents', {
      'statuses[]': query.status ?? ['triggered', 'acknowledged'],
      'service_ids[]': serviceIds.length > 0 ? serviceIds : undefined,
      sort_by: 'created_at:desc',
    });
    return incidents.map((incident) => this.incidentOf(incident));
  }

  async acknowledge(call: IntegrationCall, pagerIncidentId: string, by: string): Promise<PagerIncident> {
    requireConfigured('pagerduty', this.missing ?? this.missingFrom);
    const { incident } = await this.http.json<{ incident: PagerDutyIncident }>(call, {
      method: 'PUT',
      path: `/incidents/${encodeURIComponent(pagerIncidentId)}`,
      headers: { from: this.settings.fromEmail ?? '' },
      body: { incident: { type: 'incident_reference', status: 'acknowledged' } },
      notFound: this.notFound(pagerIncidentId),
    });
    // The acknowledgement is PagerDuty's user's; the note says which person asked for it.
    await this.addNote(call, pagerIncidentId, `Acknowledged from TrustOps by ${by}.`);
    return this.incidentOf(incident);
  }

  async addNote(call: IntegrationCall, pagerIncidentId: string, text: string): Promise<void> {
    requireConfigured('pagerduty', this.missing ?? this.missingFrom);
    await this.http.send(call, {
      method: 'POST',
      path: `/incidents/${encodeURIComponent(pagerIncidentId)}/notes`,
      headers: { from: this.settings.fromEmail ?? '' },
      body: { note: { content: text } },
      notFound: this.notFound(pagerIncidentId),
    });
  }

  /** The ids of the services with this name (PagerDuty filters incidents by id only). */
  private async serviceIds(call: IntegrationCall, name: string): Promise<string[]> {
    const services = await this.offsetPages<{ id: string; name: string }>(call, 'services', '/services', {
      query: name,
    });
    return services.filter((service) => service.name.toLowerCase() === name.toLowerCase()).map((service) => service.id);
  }

  private offsetPages<Item>(
    call: IntegrationCall,
    key: string,
    path: string,
    query: Record<string, string | string[] | undefined>,
  ): Promise<Item[]> {
    return collectPages<Item, number>(async (offset = 0) => {
      const page = await this.http.json<OffsetPage & Record<string, Item[]>>(call, {
        path,
        query: { ...query, limit: this.pageSize, offset },
      });
      const items = page[key];
      return { items, next: page.more ? offset + items.length : undefined };
    });
  }

  private incidentOf(incident: PagerDutyIncident): PagerIncident {
    return {
      id: incident.id,
      title: incident.title,
      urgency: incident.urgency,
      status: incident.status,
      service: incident.service?.summary ?? 'unknown',
      assignee: incident.assignments?.[0]?.assignee?.summary ?? null,
      createdAt: incident.created_at,
    };
  }

  private notFound(id: string): string {
    return `PagerDuty has no incident ${id}.`;
  }
}
