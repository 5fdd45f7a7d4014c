/**
 * Incident troubleshooting (server/src/incidents): what the integrations return, incidents and
 * their evidence, findings, recommended actions and timeline, as the API and the client see them.
 */
import type { ActorSummary } from './runs.js';

// ---- Integrations ---------------------------------------------------------------------------

/** Every product TrustOps talks to while troubleshooting. */
export const INTEGRATION_NAMES = ['servicenow', 'jira', 'datadog', 'pagerduty', 'aws', 'slack'] as const;
export type IntegrationName = (typeof INTEGRATION_NAMES)[number];

/** What kind of tool an integration is; each kind has one provider interface. */
export type IntegrationKind = 'ticketing' | 'monitoring' | 'alerting' | 'cloud' | 'communication';

export const INTEGRATION_KINDS: Record<IntegrationName, IntegrationKind> = {
  servicenow: 'ticketing',
  jira: 'ticketing',
  datadog: 'monitoring',
  pagerduty: 'alerting',
  aws: 'cloud',
  slack: 'communication',
};

export const INTEGRATION_LABELS: Record<IntegrationName, string> = {
  servicenow: 'ServiceNow',
  jira: 'Jira',
  datadog: 'Datadog',
  pagerduty: 'PagerDuty',
  aws: 'AWS',
  slack: 'Slack',
};

/** `mock`: answers from the tenant's active scenario fixture; `live`: the product's real API. */
export type IntegrationMode = 'mock' | 'live';

export interface IntegrationHealth {
  status: 'healthy' | 'degraded' | 'unavailable' | 'not_configured';
  /** A sentence a non-technical person understands. */
  message: string;
  checkedAt: string;
  latencyMs: number | null;
}

export interface IntegrationStatusView {
  name: IntegrationName;
  label: string;
  kind: IntegrationKind;
  mode: IntegrationMode;
  health: IntegrationHealth;
  /** The mode configuration gives it (`INTEGRATION_<NAME>_MODE`, else `INCIDENT_INTEGRATIONS_MODE`). */
  configuredMode: IntegrationMode;
  /** Who chose `mode` for this organisation on the settings page, and when; null when nobody did (`mode` is then `configuredMode`). */
  modeChosen: { by: ActorSummary; at: string } | null;
  /** Why `live` cannot be chosen (the settings it needs are missing from the configuration), or null. */
  liveUnavailableReason: string | null;
}

/** `PUT /api/incidents/integrations/:name/mode`: one integration's mode for the caller's organisation. */
export interface SetIntegrationModeRequest {
  /** `mock` or `live`; null goes back to the mode configuration gives it. */
  mode: IntegrationMode | null;
}

export interface IntegrationStatusResponse {
  /** `INCIDENT_INTEGRATIONS_MODE`: the mode of every integration without its own override. */
  defaultMode: IntegrationMode;
  items: IntegrationStatusView[];
}

/** A scenario fixture in `fixtures/incidents/`, as the settings page lists it. */
export interface ScenarioSummary {
  id: string;
  title: string;
  description: string;
  /** A plain-English report that fits this scenario, to try it. */
  sampleReport: string;
}

export interface ScenarioResponse {
  /** The tenant's active scenario, driving every `mock` integration. */
  active: string;
  scenarios: ScenarioSummary[];
}

export interface SetScenarioRequest {
  scenario: string;
}

// ---- What integrations return --------------------------------------------------------------

export type AlertSeverity = 'critical' | 'high' | 'warning' | 'info';

export interface Alert {
  id: string;
  source: IntegrationName;
  title: string;
  severity: AlertSeverity;
  status: 'triggered' | 'acknowledged' | 'resolved';
  service: string | null;
  host: string | null;
  /** The metric behind a monitor alert, if any. */
  metric: string | null;
  triggeredAt: string;
  message: string;
}

export interface MetricPoint {
  at: string;
  value: number;
}

export interface MetricSeries {
  metric: string;
  /** What the series is about: `host:prod-web-03`, `service:checkout`, `region:eu-west`, `queue:hl7-adt`. */
  scope: string;
  unit: string;
  points: MetricPoint[];
}

export interface LogEntry {
  at: string;
  level: 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  service: string;
  host: string | null;
  message: string;
}

export interface Deployment {
  id: string;
  service: string;
  version: string;
  previousVersion: string | null;
  status: 'succeeded' | 'partial' | 'failed' | 'rolled_back' | 'in_progress';
  startedAt: string;
  /** Hosts running the new version, and those still on the previous one. */
  updatedHosts: string[];
  pendingHosts: string[];
  /** What changed: `application` release, or a `configuration` change (CDN rules, pool sizes). */
  changeType: 'application' | 'configuration';
  description: string;
}

export interface HostProcess {
  name: string;
  pid: number | null;
  status: 'running' | 'stopped' | 'hung' | 'crashed' | 'restarting';
  cpuPercent: number;
  memoryMb: number;
  uptimeMinutes: number;
}

export interface Host {
  id: string;
  name: string;
  role: string;
  status: 'running' | 'stopped' | 'unreachable';
  zone: string;
  version: string | null;
}

export interface HostHealth {
  host: string;
  status: 'healthy' | 'degraded' | 'down';
  checks: Array<{ name: string; passing: boolean; detail: string }>;
  processes: HostProcess[];
}

export interface TicketReference {
  integration: IntegrationName;
  /** The product's id (`INC0012345`, `OPS-123`). */
  key: string;
  url: string | null;
  title: string;
  status: string;
}

export interface PagerIncident {
  id: string;
  title: string;
  urgency: 'high' | 'low';
  status: 'triggered' | 'acknowledged' | 'resolved';
  service: string;
  assignee: string | null;
  createdAt: string;
}

/** A change an integration can carry out (AWS operations); the result of running one. */
export type CloudOperation = 'restartService' | 'scalePool' | 'rollbackDeployment' | 'purgeCdnCache' | 'drainQueue';

export const CLOUD_OPERATIONS: readonly CloudOperation[] = [
  'restartService',
  'scalePool',
  'rollbackDeployment',
  'purgeCdnCache',
  'drainQueue',
];

export interface CloudActionResult {
  /** The change made, or `hostHealth` for a read-only look. */
  operation: CloudOperation | 'hostHealth';
  target: string;
  /** The product's reference for the change (request id, deployment id). */
  reference: string;
  message: string;
  completedAt: string;
}

// ---- Incidents -----------------------------------------------------------------------------

export type IncidentSeverity = 'sev1' | 'sev2' | 'sev3' | 'sev4';
export type IncidentCategory =
  'performance' | 'database' | 'deployment' | 'network' | 'integration' | 'availability' | 'unknown';

/** Where the incident is in its lifecycle (the lifecycle runbook moves it along). */
export type IncidentStatus =
  | 'reported'
  | 'classifying'
  | 'gathering'
  | 'diagnosing'
  | 'recommending'
  | 'awaiting_approval'
  | 'executing'
  | 'verifying'
  | 'resolved'
  | 'failed';

export type EvidenceKind = 'alert' | 'metric' | 'log' | 'deployment' | 'host' | 'pager' | 'ticket' | 'note';

export interface EvidenceView {
  id: string;
  kind: EvidenceKind;
  source: IntegrationName | 'operator';
  title: string;
  /** One of the integration shapes above (`Alert`, `MetricSeries`, `LogEntry[]`, `Deployment`, `HostHealth`, ...). */
  data: unknown;
  collectedAt: string;
  /** Which diagnosis pass gathered it (1 for the first, more after re-diagnosis). */
  round: number;
}

export type DiagnosisEngine = 'offline' | 'claude';

export interface FindingView {
  id: string;
  /** A stable id of the cause (`memory-leak`, `connection-pool-exhaustion`, ...). */
  rootCauseId: string;
  rootCause: string;
  explanation: string;
  /** 0 to 1. */
  confidence: number;
  evidenceIds: string[];
  engine: DiagnosisEngine;
  /** False once a later diagnosis replaced it. */
  current: boolean;
  createdAt: string;
}

export type RiskLevel = 'low' | 'medium' | 'high';
export type ApprovalPolicy = 'auto' | 'require_one' | 'require_two';

export interface IntegrationAction {
  integration: IntegrationName;
  /** A `CloudOperation`, or `readOnly` checks such as `collectDiagnostics`. */
  operation: string;
  target: string;
  params: Record<string, unknown>;
  /** True when the action changes nothing (so it needs no approval). */
  readOnly: boolean;
}

/** How to tell that the action worked: a metric read again from monitoring. */
export interface VerificationCheck {
  metric: string;
  scope: string;
  comparison: 'below' | 'above';
  threshold: number;
  description: string;
}

export type ActionStatus =
  'proposed' | 'awaiting_approval' | 'approved' | 'executing' | 'executed' | 'verified' | 'failed' | 'superseded';

export interface RecommendedActionView {
  id: string;
  findingId: string | null;
  rank: number;
  title: string;
  rationale: string;
  risk: RiskLevel;
  approvalPolicy: ApprovalPolicy;
  action: IntegrationAction;
  verification: VerificationCheck | null;
  /** The built-in runbook that carries out the same action on its own. */
  runbookId: string | null;
  status: ActionStatus;
  result: CloudActionResult | null;
  approvedBy: string[];
}

export interface TimelineEntryView {
  id: string;
  at: string;
  /** `incident.reported`, `incident.classified`, `incident.evidence-gathered`, ... */
  type: string;
  message: string;
  actor: ActorSummary;
}

export interface IncidentSummaryView {
  id: string;
  title: string;
  description: string;
  status: IncidentStatus;
  severity: IncidentSeverity;
  category: IncidentCategory;
  service: string | null;
  scenario: string;
  engine: DiagnosisEngine;
  runId: string | null;
  reportedBy: ActorSummary;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  /** The current finding's root cause, once diagnosed. */
  rootCause: string | null;
  confidence: number | null;
}

export interface IncidentDetail extends IncidentSummaryView {
  timeline: TimelineEntryView[];
  evidence: EvidenceView[];
  findings: FindingView[];
  actions: RecommendedActionView[];
  /** The narrative post-incident summary, once written. */
  summary: string | null;
  /** The highest event `seq` of the incident's stream when read; subscribe from here. */
  lastSeq: number;
  /**
   * The approval the lifecycle waits for, when it does (`GET /api/incidents/:id` only): decide it
   * with `POST /api/decisions/:id/decide`, as from the inbox.
   */
  pendingDecisionId?: string | null;
}

export interface IncidentListResponse {
  items: IncidentSummaryView[];
}

export interface CreateIncidentRequest {
  /** What is wrong, in plain English ("checkout is failing after the deploy"). */
  description: string;
  /** Optional; otherwise taken from the description. */
  title?: string;
}

export interface AddEvidenceRequest {
  /** A note from a person (what they saw, what they tried). */
  note: string;
}

/** Event types on an incident's stream (`{ kind: 'incident', id }`), payloads in comments. */
export const INCIDENT_EVENT_TYPES = {
  reported: 'incident.reported', // IncidentSummaryView
  statusChanged: 'incident.status-changed', // { from, to }
  classified: 'incident.classified', // { category, severity, service }
  evidenceGathered: 'incident.evidence-gathered', // { count, round, kinds }
  diagnosed: 'incident.diagnosed', // FindingView
  recommended: 'incident.recommended', // { actions: RecommendedActionView[] }
  approvalRequested: 'incident.approval-requested', // { actionId, policy }
  actionExecuted: 'incident.action-executed', // RecommendedActionView
  verification: 'incident.verification', // { passed, value, threshold, attempt }
  summarised: 'incident.summarised', // { summary }
  timeline: 'incident.timeline', // TimelineEntryView
} as const;

/**
 * Event types on a tenant's incidents stream (`{ kind: 'incidents', id: tenantId }`), which the
 * dashboard follows; each payload is the incident's `IncidentSummaryView` after the change.
 */
export const INCIDENT_LIST_EVENT_TYPES = {
  reported: 'incident.reported',
  /** Its status, classification or likely cause changed. */
  updated: 'incident.updated',
} as const;
