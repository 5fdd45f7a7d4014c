import type {
  Alert,
  CloudActionResult,
  Deployment,
  Host,
  HostHealth,
  IntegrationHealth,
  IntegrationKind,
  IntegrationMode,
  IntegrationName,
  LogEntry,
  MetricSeries,
  PagerIncident,
  TicketReference,
} from '@trustops/contracts';

/**
 * The provider interfaces of incident troubleshooting: one per kind of tool. Each integration
 * (ServiceNow, Jira, Datadog, PagerDuty, AWS, Slack) has a `mock` implementation driven by the
 * tenant's scenario fixture (integrations/mock/) and a `live` one, a real HTTP client for the
 * product's public API (integrations/live/, registered with `IntegrationRegistry.registerLive`).
 *
 * Every call gets the `IntegrationCall` context: the tenant it is made for (mocks keep one state
 * per tenant; live clients may ignore it) and an abort signal (a step's timeout or a cancelled run).
 * Errors: throw `IntegrationError` with a message a non-technical person understands.
 */
export interface IntegrationCall {
  tenantId: string;
  signal?: AbortSignal;
}

/** A time window; both ends ISO 8601. Omitted: the last hour. */
export interface TimeWindow {
  from?: string;
  to?: string;
}

export interface IntegrationProvider {
  readonly name: IntegrationName;
  readonly kind: IntegrationKind;
  readonly mode: IntegrationMode;
  /** A live client without the settings it needs: the sentence naming them (its calls fail with it). Null or absent otherwise. */
  readonly missing?: string | null;
  /** A cheap call that proves the product answers with these credentials. Never throws. */
  health(call: IntegrationCall): Promise<IntegrationHealth>;
}

// ---- Ticketing: ServiceNow, Jira ------------------------------------------------------------

export interface TicketInput {
  title: string;
  description: string;
  /** 1 (highest) to 4. */
  priority: 1 | 2 | 3 | 4;
  service: string | null;
  /** Our incident's id, kept on the ticket so the same incident is not filed twice. */
  correlationId: string;
}

export interface TicketUpdate {
  status?: 'new' | 'in_progress' | 'resolved' | 'closed';
  priority?: 1 | 2 | 3 | 4;
  resolutionNote?: string;
}

export interface Ticket extends TicketReference {
  description: string;
  priority: number;
  comments: Array<{ at: string; author: string; text: string }>;
  createdAt: string;
  updatedAt: string;
}

export interface TicketingProvider extends IntegrationProvider {
  readonly kind: 'ticketing';
  /** Creates the incident ticket, or returns the one already filed with the same `correlationId`. */
  createIncident(call: IntegrationCall, input: TicketInput): Promise<Ticket>;
  updateIncident(call: IntegrationCall, key: string, update: TicketUpdate): Promise<Ticket>;
  addComment(call: IntegrationCall, key: string, text: string): Promise<Ticket>;
  getIncident(call: IntegrationCall, key: string): Promise<Ticket>;
  /** Open tickets about a service (recent related incidents, known problems). */
  searchIncidents(
    call: IntegrationCall,
    query: { service?: string; text?: string; limit?: number },
  ): Promise<TicketReference[]>;
}

// ---- Monitoring: Datadog --------------------------------------------------------------------

export interface MetricQuery extends TimeWindow {
  metric: string;
  /** `host:prod-web-03`, `service:checkout`, `region:eu-west`; omitted: every scope of the metric. */
  scope?: string;
}

export interface LogQuery extends TimeWindow {
  /** Free text (matched case-insensitively). */
  text?: string;
  service?: string;
  host?: string;
  minimumLevel?: LogEntry['level'];
  limit?: number;
}

export interface MonitoringProvider extends IntegrationProvider {
  readonly kind: 'monitoring';
  /** Monitors currently alerting (and, with `includeResolved`, those that recovered in the window). */
  listAlerts(call: IntegrationCall, query: TimeWindow & { includeResolved?: boolean }): Promise<Alert[]>;
  /** The metrics that exist for a scope (or for everything), to know what to query. */
  listMetrics(call: IntegrationCall, scope?: string): Promise<Array<{ metric: string; scope: string; unit: string }>>;
  queryMetric(call: IntegrationCall, query: MetricQuery): Promise<MetricSeries[]>;
  searchLogs(call: IntegrationCall, query: LogQuery): Promise<LogEntry[]>;
}

// ---- Alerting: PagerDuty --------------------------------------------------------------------

export interface AlertingProvider extends IntegrationProvider {
  readonly kind: 'alerting';
  listIncidents(
    call: IntegrationCall,
    query: { status?: PagerIncident['status'][]; service?: string },
  ): Promise<PagerIncident[]>;
  acknowledge(call: IntegrationCall, pagerIncidentId: string, by: string): Promise<PagerIncident>;
  addNote(call: IntegrationCall, pagerIncidentId: string, text: string): Promise<void>;
}

// ---- Cloud: AWS ------------------------------------------------------------------------------

/** Parameters of each change the cloud provider can make; `idempotencyKey` makes a repeat a no-op. */
export interface CloudActionRequests {
  restartService: { host: string; service: string };
  scalePool: { pool: string; size: number };
  rollbackDeployment: { service: string; toVersion: string };
  purgeCdnCache: { distribution: string; paths: string[] };
  drainQueue: { queue: string; consumer: string };
}

export interface CloudProvider extends IntegrationProvider {
  readonly kind: 'cloud';
  listInstances(call: IntegrationCall, filter?: { role?: string; name?: string }): Promise<Host[]>;
  /** Health checks and processes of one host (by name or id). */
  hostHealth(call: IntegrationCall, host: string): Promise<HostHealth>;
  /** Recent deployments and configuration changes, newest first. */
  listDeployments(call: IntegrationCall, filter?: { service?: string } & TimeWindow): Promise<Deployment[]>;
  restartService(
    call: IntegrationCall,
    request: CloudActionRequests['restartService'],
    idempotencyKey: string,
  ): Promise<CloudActionResult>;
  scalePool(
    call: IntegrationCall,
    request: CloudActionRequests['scalePool'],
    idempotencyKey: string,
  ): Promise<CloudActionResult>;
  rollbackDeployment(
    call: IntegrationCall,
    request: CloudActionRequests['rollbackDeployment'],
    idempotencyKey: string,
  ): Promise<CloudActionResult>;
  purgeCdnCache(
    call: IntegrationCall,
    request: CloudActionRequests['purgeCdnCache'],
    idempotencyKey: string,
  ): Promise<CloudActionResult>;
  drainQueue(
    call: IntegrationCall,
    request: CloudActionRequests['drainQueue'],
    idempotencyKey: string,
  ): Promise<CloudActionResult>;
}

// ---- Communication: Slack -------------------------------------------------------------------

export interface PostedMessage {
  channel: string;
  /** The product's message id (Slack `ts`). */
  id: string;
  text: string;
  postedAt: string;
}

export interface CommunicationProvider extends IntegrationProvider {
  readonly kind: 'communication';
  postMessage(
    call: IntegrationCall,
    message: { channel: string; text: string; threadId?: string },
  ): Promise<PostedMessage>;
}

/** The provider interface for each integration. */
export interface ProvidersByName {
  servicenow: TicketingProvider;
  jira: TicketingProvider;
  datadog: MonitoringProvider;
  pagerduty: AlertingProvider;
  aws: CloudProvider;
  slack: CommunicationProvider;
}

export type AnyProvider = ProvidersByName[IntegrationName];

/** A failure talking to an integration, with a plain-English message; `retryable` for timeouts, 429s and 5xx. */
export class IntegrationError extends Error {
  override readonly name = 'IntegrationError';
  constructor(
    readonly integration: IntegrationName,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}
