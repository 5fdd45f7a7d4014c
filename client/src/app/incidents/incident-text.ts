import type {
  ActionStatus,
  ApprovalPolicy,
  EvidenceKind,
  IncidentCategory,
  IncidentSeverity,
  IncidentStatus,
  IntegrationHealth,
  RiskLevel,
} from '@trustops/contracts';
import type { IconName } from '../core/icons';

/**
 * How a state looks: words that carry the meaning, an icon, and a tone that colours both. Colour
 * is never the only signal: the words always say it too.
 */
export interface Described {
  text: string;
  icon: IconName;
  tone: 'bad' | 'warning' | 'good' | 'quiet' | 'info';
}

const SEVERITIES: Record<IncidentSeverity, Described & { explanation: string }> = {
  sev1: { text: 'Critical', icon: 'warning', tone: 'bad', explanation: 'A service is down for many people.' },
  sev2: { text: 'High', icon: 'warning', tone: 'bad', explanation: 'A service is badly affected.' },
  sev3: { text: 'Moderate', icon: 'info', tone: 'warning', explanation: 'Some people are affected.' },
  sev4: { text: 'Low', icon: 'info', tone: 'quiet', explanation: 'Little or no effect on people yet.' },
};

/** "Critical", "High", "Moderate", "Low", with an icon and a tone. */
export function describeSeverity(severity: IncidentSeverity): Described & { explanation: string } {
  return SEVERITIES[severity];
}

const STATUSES: Record<IncidentStatus, Described> = {
  reported: { text: 'Reported', icon: 'info', tone: 'info' },
  classifying: { text: 'Working out what kind of problem it is', icon: 'schedule', tone: 'info' },
  gathering: { text: 'Gathering evidence', icon: 'schedule', tone: 'info' },
  diagnosing: { text: 'Finding the likely cause', icon: 'schedule', tone: 'info' },
  recommending: { text: 'Choosing what to do', icon: 'schedule', tone: 'info' },
  awaiting_approval: { text: 'Waiting for approval', icon: 'approval', tone: 'warning' },
  executing: { text: 'Carrying out the fix', icon: 'run', tone: 'info' },
  verifying: { text: 'Checking the fix worked', icon: 'schedule', tone: 'info' },
  resolved: { text: 'Resolved', icon: 'status-up', tone: 'good' },
  failed: { text: 'Needs a person', icon: 'status-down', tone: 'bad' },
};

export function describeIncidentStatus(status: IncidentStatus): Described {
  return STATUSES[status];
}

/** Resolved and failed incidents need nothing more from the platform; the rest are active. */
export function isActiveIncident(status: IncidentStatus): boolean {
  return status !== 'resolved' && status !== 'failed';
}

const RISKS: Record<RiskLevel, Described & { explanation: string }> = {
  low: { text: 'Low risk', icon: 'status-up', tone: 'good', explanation: 'Only looks; changes nothing.' },
  medium: {
    text: 'Medium risk',
    icon: 'info',
    tone: 'warning',
    explanation: 'Changes a live system in a way that can be undone.',
  },
  high: {
    text: 'High risk',
    icon: 'warning',
    tone: 'bad',
    explanation: 'A large change to a live system; hard to undo if it goes wrong.',
  },
};

export function describeRisk(risk: RiskLevel): Described & { explanation: string } {
  return RISKS[risk];
}

/** Who must agree before an action runs. */
export function describeApprovalPolicy(policy: ApprovalPolicy): string {
  switch (policy) {
    case 'auto':
      return 'Runs without approval (it changes nothing)';
    case 'require_one':
      return 'Needs one supervisor to approve';
    case 'require_two':
      return 'Needs two different supervisors to approve';
  }
}

const ACTION_STATUSES: Record<ActionStatus, Described> = {
  proposed: { text: 'Suggested', icon: 'info', tone: 'quiet' },
  awaiting_approval: { text: 'Waiting for approval', icon: 'approval', tone: 'warning' },
  approved: { text: 'Approved', icon: 'check', tone: 'good' },
  executing: { text: 'Being carried out', icon: 'run', tone: 'info' },
  executed: { text: 'Done, being checked', icon: 'schedule', tone: 'info' },
  verified: { text: 'Done and checked: it worked', icon: 'status-up', tone: 'good' },
  failed: { text: 'Did not work', icon: 'status-down', tone: 'bad' },
  superseded: { text: 'Replaced by a newer suggestion', icon: 'info', tone: 'quiet' },
};

export function describeActionStatus(status: ActionStatus): Described {
  return ACTION_STATUSES[status];
}

const CATEGORIES: Record<IncidentCategory, string> = {
  performance: 'Slow or overloaded',
  database: 'Database',
  deployment: 'A recent release',
  network: 'Network',
  integration: 'Integration feed',
  availability: 'Service unavailable',
  unknown: 'Not known yet',
};

export function describeCategory(category: IncidentCategory): string {
  return CATEGORIES[category];
}

/** "87% sure" and how to read it: a number people can compare, and a word for what it means. */
export function describeConfidence(confidence: number): { percent: number; text: string } {
  const percent = Math.round(Math.min(1, Math.max(0, confidence)) * 100);
  const word = percent >= 80 ? 'very likely' : percent >= 60 ? 'likely' : percent >= 40 ? 'possible' : 'unlikely';
  return { percent, text: `${percent}% confidence: ${word}` };
}

const EVIDENCE_KINDS: Record<EvidenceKind, { text: string; icon: IconName }> = {
  alert: { text: 'Alert', icon: 'warning' },
  metric: { text: 'Measurement', icon: 'schedule' },
  log: { text: 'Log lines', icon: 'code' },
  deployment: { text: 'Release', icon: 'version' },
  host: { text: 'Server health', icon: 'database' },
  pager: { text: 'On-call page', icon: 'people' },
  ticket: { text: 'Ticket', icon: 'task' },
  note: { text: 'Note from a person', icon: 'person' },
};

export function describeEvidenceKind(kind: EvidenceKind): { text: string; icon: IconName } {
  return EVIDENCE_KINDS[kind];
}

const HEALTH: Record<IntegrationHealth['status'], Described> = {
  healthy: { text: 'Working', icon: 'status-up', tone: 'good' },
  degraded: { text: 'Slow or partly working', icon: 'warning', tone: 'warning' },
  unavailable: { text: 'Not reachable', icon: 'status-down', tone: 'bad' },
  not_configured: { text: 'Not set up', icon: 'status-unknown', tone: 'quiet' },
};

export function describeIntegrationHealth(status: IntegrationHealth['status']): Described {
  return HEALTH[status];
}

/** `host:prod-web-03` → "server prod-web-03"; `service:checkout` → "service checkout". */
export function describeScope(scope: string): string {
  const [kind, ...rest] = scope.split(':');
  const name = rest.join(':');
  if (!name) return scope;
  switch (kind) {
    case 'host':
      return `server ${name}`;
    case 'service':
      return `service ${name}`;
    case 'region':
      return `region ${name}`;
    case 'queue':
      return `queue ${name}`;
    default:
      return `${kind} ${name}`;
  }
}

/** The measurements the scenarios use, in plain English; any other id tidied up. */
export function describeMetric(metric: string): string {
  const known: Record<string, string> = {
    'trace.http.request.errors_pct': 'Failed requests',
    'system.cpu.user': 'Processor use',
    'trace.http.request.duration.p95': 'Slowest response times',
    'synthetics.http.response_time.p95': 'Page response time',
    'synthetics.pas.login.success_pct': 'Successful PAS logins',
    'cdn.cache_hit_ratio': 'Answered from the CDN cache',
    'db.pool.connections_in_use': 'Database connections in use',
    'db.pool.max_connections': 'Database connections allowed',
    'db.pool.waiting_requests': 'Requests waiting for the database',
    'hl7.acks_received': 'HL7 messages acknowledged',
    'queue.depth': 'Messages waiting in the queue',
    'jvm.heap.used_pct': 'Memory used by the application',
    'jvm.gc.pause_ms': 'Garbage collection pauses',
    'postgresql.cpu_pct': 'Database processor use',
    'system.mem.pct_usable': 'Memory still free',
    'system.open_files': 'Open files',
  };
  if (known[metric]) return known[metric];
  const last = metric.split('.').slice(-2).join(' ').replace(/_/g, ' ');
  return last.charAt(0).toUpperCase() + last.slice(1);
}
