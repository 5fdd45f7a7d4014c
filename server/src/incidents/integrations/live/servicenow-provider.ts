import type { IntegrationHealth, TicketReference } from '@trustops/contracts';
import {
  IntegrationError,
  type IntegrationCall,
  type Ticket,
  type TicketInput,
  type TicketingProvider,
  type TicketUpdate,
} from '../providers.js';
import {
  collectPages,
  DEFAULT_LIVE_HTTP_OPTIONS,
  LiveHttpClient,
  notConfigured,
  probeHealth,
  requireConfigured,
  type LiveHttpOptions,
  type LiveResponse,
} from './live-http.js';

export interface ServiceNowSettings {
  /** The instance, e.g. https://example.service-now.com. */
  url?: string;
  /** Basic authentication... */
  username?: string;
  password?: string;
  /** ...or an OAuth access token (preferred when both are set). */
  oauthToken?: string;
  /** Rows per page of the Table API (`sysparm_limit`). */
  pageSize?: number;
}

/** A row of the `incident` table, as the Table API returns it with `sysparm_display_value=false`. */
interface IncidentRecord {
  sys_id: string;
  number: string;
  short_description: string;
  description: string;
  state: string;
  priority: string;
  sys_created_on: string;
  sys_updated_on: string;
}

interface JournalRecord {
  value: string;
  sys_created_on: string;
  sys_created_by: string;
}

const INCIDENT_FIELDS = 'sys_id,number,short_description,description,state,priority,sys_created_on,sys_updated_on';

/** The incident `state` choice values of a standard instance. */
const STATE_NAMES: Record<string, string> = {
  '1': 'new',
  '2': 'in_progress',
  '3': 'on_hold',
  '6': 'resolved',
  '7': 'closed',
  '8': 'cancelled',
};
const STATE_VALUES: Record<NonNullable<TicketUpdate['status']>, string> = {
  new: '1',
  in_progress: '2',
  resolved: '6',
  closed: '7',
};

/** ServiceNow derives priority from impact × urgency; these pairs give priorities 1 to 4 on the default matrix. */
const IMPACT_URGENCY: Record<1 | 2 | 3 | 4, { impact: string; urgency: string }> = {
  1: { impact: '1', urgency: '1' },
  2: { impact: '1', urgency: '2' },
  3: { impact: '2', urgency: '2' },
  4: { impact: '2', urgency: '3' },
};

/** Table API dates are `yyyy-MM-dd HH:mm:ss` in UTC. */
const isoOf = (glideDate: string): string =>
  glideDate ? new Date(`${glideDate.replace(' ', 'T')}Z`).toISOString() : new Date(0).toISOString();

/** `^` separates conditions in an encoded query, so it cannot appear inside a value. */
const queryValue = (value: string): string => value.replace(/\^/g, ' ');

/**
 * ServiceNow ticketing through the Table API (`/api/now/table/incident`): basic authentication or
 * an OAuth bearer token, `sysparm_limit`/`sysparm_offset` pagination, comments as work notes
 * (read back from `sys_journal_field`), our incident id kept in `correlation_id`.
 */
export class ServiceNowProvider implements TicketingProvider {
  readonly name = 'servicenow' as const;
  readonly kind = 'ticketing' as const;
  readonly mode = 'live' as const;
  private readonly http: LiveHttpClient;
  readonly missing: string | null;
  private readonly pageSize: number;

  constructor(
    private readonly settings: ServiceNowSettings,
    options: LiveHttpOptions = DEFAULT_LIVE_HTTP_OPTIONS,
  ) {
    const hasCredentials = Boolean(settings.oauthToken || (settings.username && settings.password));
    this.missing =
      settings.url && hasCredentials
        ? null
        : notConfigured(
            'servicenow',
            'SERVICENOW_URL and SERVICENOW_USERNAME/SERVICENOW_PASSWORD (or SERVICENOW_OAUTH_TOKEN)',
          );
    this.pageSize = settings.pageSize ?? 100;
    const authorization = settings.oauthToken
      ? `Bearer ${settings.oauthToken}`
      : `Basic ${Buffer.from(`${settings.username}:${settings.password}`).toString('base64')}`;
    this.http = new LiveHttpClient(
      settings.url ?? 'http://servicenow.invalid',
      {
        integration: 'servicenow',
        authorize: () => ({ authorization }),
        authFailure: ({ status }) =>
          status === 403
            ? 'ServiceNow accepted the account but it may not read or change incidents (403). Give it the itil role.'
            : `ServiceNow refused the credentials (401). Check ${settings.oauthToken ? 'SERVICENOW_OAUTH_TOKEN' : 'SERVICENOW_USERNAME and SERVICENOW_PASSWORD'}.`,
        errorDetail: (response: LiveResponse) => {
          const error = (response.json as { error?: { message?: string; detail?: string } } | undefined)?.error;
          return error ? [error.message, error.detail].filter(Boolean).join(' — ') : undefined;
        },
      },
      options,
    );
  }

  health(call: IntegrationCall): Promise<IntegrationHealth> {
    return probeHealth('servicenow', this.missing, async () => {
      await this.http.send(call, {
        path: '/api/now/table/incident',
        query: { sysparm_limit: 1, sysparm_fields: 'sys_id' },
      });
    });
  }

  async createIncident(call: IntegrationCall, input: TicketInput): Promise<Ticket> {
    requireConfigured('servicenow', this.missing);
    const [existing] = await this.query(call, `correlation_id=${queryValue(input.correlationId)}`, 1);
    if (existing) return this.ticketOf(call, existing);
    const description = input.service ? `${input.description}\n\nService: ${input.service}` : input.description;
    const { result } = await this.http.json<{ result: IncidentRecord }>(call, {
      method: 'POST',
      path: '/api/now/table/incident',
      query: { sysparm_fields: INCIDENT_FIELDS },
      body: {
        short_description: input.title,
        description,
        correlation_id: input.correlationId,
        correlation_display: 'TrustOps',
        ...IMPACT_URGENCY[input.priority],
      },
    });
    return this.ticketOf(call, result);
  }

  async updateIncident(call: IntegrationCall, key: string, update: TicketUpdate): Promise<Ticket> {
    const record = await this.find(call, key);
    const changes: Record<string, string> = {};
    if (update.priority) Object.assign(changes, IMPACT_URGENCY[update.priority]);
    if (update.status) changes.state = STATE_VALUES[update.status];
    if (update.status === 'resolved' || update.status === 'closed') {
      // A standard instance refuses to resolve without a close code and notes.
      changes.close_code = 'Solution provided';
      changes.close_notes = update.resolutionNote ?? 'Resolved in TrustOps.';
    } else if (update.resolutionNote) {
      changes.work_notes = update.resolutionNote;
    }
    return this.patch(call, record, changes);
  }

  async addComment(call: IntegrationCall, key: string, text: string): Promise<Ticket> {
    const record = await this.find(call, key);
    return this.patch(call, record, { work_notes: text });
  }

  async getIncident(call: IntegrationCall, key: string): Promise<Ticket> {
    return this.ticketOf(call, await this.find(call, key));
  }

  async searchIncidents(
    call: IntegrationCall,
    query: { service?: string; text?: string; limit?: number },
  ): Promise<TicketReference[]> {
    requireConfigured('servicenow', this.missing);
    const conditions = ['active=true'];
    for (const word of [query.service, query.text]) {
      if (word) conditions.push(`short_descriptionLIKE${queryValue(word)}^ORdescriptionLIKE${queryValue(word)}`);
    }
    conditions.push('ORDERBYDESCsys_updated_on');
    const records = await this.query(call, conditions.join('^'), query.limit ?? 20);
    return records.map((record) => this.referenceOf(record));
  }

  private async find(call: IntegrationCall, key: string): Promise<IncidentRecord> {
    requireConfigured('servicenow', this.missing);
    const [record] = await this.query(call, `number=${queryValue(key)}`, 1);
    if (!record) throw new IntegrationError('servicenow', `ServiceNow has no incident ${key}.`, false, 404);
    return record;
  }

  private async patch(call: IntegrationCall, record: IncidentRecord, changes: Record<string, string>): Promise<Ticket> {
    const { result } = await this.http.json<{ result: IncidentRecord }>(call, {
      method: 'PATCH',
      path: `/api/now/table/incident/${encodeURIComponent(record.sys_id)}`,
      query: { sysparm_fields: INCIDENT_FIELDS },
      body: changes,
      notFound: `ServiceNow has no incident ${record.number}.`,
    });
    return this.ticketOf(call, result);
  }

  /** Rows of the incident table matching an encoded query, page by page. */
  private query(call: IntegrationCall, encodedQuery: string, limit: number): Promise<IncidentRecord[]> {
    return this.pages<IncidentRecord>(call, 'incident', encodedQuery, INCIDENT_FIELDS, limit);
  }

  private pages<Row>(
    call: IntegrationCall,
    table: string,
    encodedQuery: string,
    fields: string,
    limit: number,
  ): Promise<Row[]> {
    const pageSize = Math.min(this.pageSize, limit);
    return collectPages<Row, number>(async (offset = 0) => {
      const { result } = await this.http.json<{ result: Row[] }>(call, {
        path: `/api/now/table/${table}`,
        query: {
          sysparm_query: encodedQuery,
          sysparm_fields: fields,
          sysparm_limit: pageSize,
          sysparm_offset: offset,
          sysparm_display_value: 'false',
          sysparm_exclude_reference_link: 'true',
        },
      });
      return { items: result, next: result.length < pageSize ? undefined : offset + pageSize };
    }, limit);
  }

  private referenceOf(record: IncidentRecord): TicketReference {
    return {
      integration: 'servicenow',
      key: record.number,
      url: `${this.settings.url?.replace(/\/+$/, '')}/nav_to.do?uri=incident.do?sys_id=${record.sys_id}`,
      title: record.short_description,
      status: STATE_NAMES[record.state] ?? `state ${record.state}`,
    };
  }

  private async ticketOf(call: IntegrationCall, record: IncidentRecord): Promise<Ticket> {
    const notes = await this.pages<JournalRecord>(
      call,
      'sys_journal_field',
      `element_id=${record.sys_id}^element=work_notes^ORDERBYsys_created_on`,
      'value,sys_created_on,sys_created_by',
      1000,
    );
    return {
      ...this.referenceOf(record),
      description: record.description,
      priority: Number(record.priority),
      comments: notes.map((note) => ({
        at: isoOf(note.sys_created_on),
        author: note.sys_created_by,
        text: note.value,
      })),
      createdAt: isoOf(record.sys_created_on),
      updatedAt: isoOf(record.sys_updated_on),
    };
  }
}
