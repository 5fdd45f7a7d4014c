import type { AuditOutcome, AuditRecordView } from './audit.types.js';

// A FHIR R4 AuditEvent, limited to the elements TrustOps fills.

export interface FhirCoding {
  system: string;
  code: string;
  display?: string;
}

interface FhirIdentifier {
  system: string;
  value: string;
}

interface FhirReference {
  type?: string;
  identifier?: FhirIdentifier;
  display?: string;
}

interface FhirExtension {
  url: string;
  valueString?: string;
  valueInteger?: number;
}

export interface FhirAuditEvent {
  resourceType: 'AuditEvent';
  id: string;
  extension: FhirExtension[];
  type: FhirCoding;
  subtype: FhirCoding[];
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  recorded: string;
  outcome: '0' | '4' | '8' | '12';
  outcomeDesc?: string;
  agent: Array<{
    extension?: FhirExtension[];
    type: { coding: FhirCoding[]; text: string };
    role?: Array<{ coding: FhirCoding[]; text: string }>;
    who: FhirReference;
    name?: string;
    requestor: boolean;
    network?: { address: string; type: '1' | '2' };
  }>;
  source: { site: string; observer: FhirReference; type: FhirCoding[] };
  entity: Array<{
    what: FhirReference;
    type: FhirCoding;
    name?: string;
    detail?: Array<{ type: string; valueString: string }>;
  }>;
}

/** Our own code systems and extensions; URNs so that no deployment's address is baked in. */
export const TRUSTOPS_FHIR = {
  action: 'urn:trustops:fhir:audit-action',
  role: 'urn:trustops:fhir:role',
  user: 'urn:trustops:fhir:user',
  resource: (type: string) => `urn:trustops:fhir:resource:${type}`,
  sequenceExtension: 'urn:trustops:fhir:extension:audit-sequence',
  hashExtension: 'urn:trustops:fhir:extension:audit-hash',
  previousHashExtension: 'urn:trustops:fhir:extension:audit-previous-hash',
  requestIdExtension: 'urn:trustops:fhir:extension:request-id',
  userAgentExtension: 'urn:trustops:fhir:extension:user-agent',
} as const;

const DICOM = 'http://dicom.nema.org/resources/ontology/DCM';
const AUDIT_EVENT_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-event-type';
const SECURITY_ROLE_TYPE = 'http://terminology.hl7.org/CodeSystem/extra-security-role-type';
const SECURITY_SOURCE_TYPE = 'http://terminology.hl7.org/CodeSystem/security-source-type';
const AUDIT_ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';

const VERB_ACTIONS: Record<string, FhirAuditEvent['action']> = {};
for (const [action, verbs] of [
  [
    'C',
    'created added granted imported uploaded registered provisioned issued invited assigned generated submitted enrolled',
  ],
  ['R', 'read viewed accessed opened downloaded exported printed'],
  [
    'U',
    'updated changed edited renamed modified enabled disabled paused resumed switched reset rotated moved acknowledged',
  ],
  ['D', 'deleted removed revoked purged destroyed unassigned'],
] as const) {
  for (const verb of verbs.split(' ')) {
    VERB_ACTIONS[verb] = action;
  }
}

const OUTCOME_CODES: Record<AuditOutcome, FhirAuditEvent['outcome']> = {
  success: '0',
  // 4 is "minor failure, often equivalent to an HTTP 400": the action was refused, nothing broke.
  denied: '4',
  // 8 is "serious failure, often equivalent to an HTTP 500". 12 (the system died) is never ours to record.
  failure: '8',
};

/** The last segment of the action: `role.granted` → `granted`. */
function verbOf(action: string): string {
  return action.slice(action.lastIndexOf('.') + 1);
}

/** C/R/U/D from the action's verb; everything else (login, approve, start, cancel, search) is E. */
export function fhirAction(action: string): FhirAuditEvent['action'] {
  return VERB_ACTIONS[verbOf(action)] ?? 'E';
}

/** The AuditEvent `type` and standard `subtype` codes for an action. */
export function fhirEventType(record: Pick<AuditRecordView, 'action' | 'resource' | 'actor'>): {
  type: FhirCoding;
  subtype: FhirCoding[];
} {
  const verb = verbOf(record.action);
  const area = record.action.slice(0, record.action.indexOf('.'));
  if (verb.startsWith('login') || verb.startsWith('logout') || area === 'auth' || area === 'session') {
    const subtype = verb.startsWith('logout')
      ? [{ system: DICOM, code: '110123', display: 'Logout' }]
      : verb.startsWith('login')
        ? [{ system: DICOM, code: '110122', display: 'Login' }]
        : [];
    return { type: { system: DICOM, code: '110114', display: 'User Authentication' }, subtype };
  }
  if (verb === 'exported') {
    return { type: { system: DICOM, code: '110106', display: 'Export' }, subtype: [] };
  }
  if (area === 'audit') {
    return { type: { system: DICOM, code: '110101', display: 'Audit Log Used' }, subtype: [] };
  }
  if (area === 'role' || area === 'permission') {
    return {
      type: { system: DICOM, code: '110113', display: 'Security Alert' },
      subtype: [{ system: DICOM, code: '110136', display: 'Security Roles Changed' }],
    };
  }
  return record.actor.type === 'system'
    ? { type: { system: DICOM, code: '110100', display: 'Application Activity' }, subtype: [] }
    : { type: { system: AUDIT_EVENT_TYPE, code: 'rest', display: 'RESTful Operation' }, subtype: [] };
}

export function toFhirAuditEvent(record: AuditRecordView): FhirAuditEvent {
  const { type, subtype } = fhirEventType(record);
  const extension: FhirExtension[] = [
    { url: TRUSTOPS_FHIR.sequenceExtension, valueInteger: record.sequence },
    { url: TRUSTOPS_FHIR.hashExtension, valueString: record.hash },
  ];
  if (record.previousHash !== null) {
    extension.push({ url: TRUSTOPS_FHIR.previousHashExtension, valueString: record.previousHash });
  }
  if (record.requestId !== null) {
    extension.push({ url: TRUSTOPS_FHIR.requestIdExtension, valueString: record.requestId });
  }

  const { actor } = record;
  const isSystem = actor.type === 'system';
  const who: FhirReference = { type: isSystem ? 'Device' : 'Practitioner' };
  if (actor.userId !== null) {
    who.identifier = { system: TRUSTOPS_FHIR.user, value: actor.userId };
  }
  who.display = actor.displayName ?? actor.userId ?? (isSystem ? 'TrustOps' : 'unknown user');
  const agentTypeText = {
    person: 'Person',
    system: 'TrustOps system process',
    'api-token': 'Person using a personal API token',
  }[actor.type];
  const agent: FhirAuditEvent['agent'][number] = {
    type: {
      coding: [
        isSystem
          ? { system: SECURITY_ROLE_TYPE, code: 'dataprocessor', display: 'data processor' }
          : { system: SECURITY_ROLE_TYPE, code: 'humanuser', display: 'human user' },
      ],
      text: agentTypeText,
    },
    who,
    requestor: true,
  };
  if (actor.role !== null) {
    agent.role = [{ coding: [{ system: TRUSTOPS_FHIR.role, code: actor.role }], text: actor.role }];
  }
  if (actor.displayName !== null) {
    agent.name = actor.displayName;
  }
  if (actor.ip !== null) {
    // Network access point type 2 is an IP address; 1 a machine name.
    agent.network = { address: actor.ip, type: /^[\d.]+$|:/.test(actor.ip) ? '2' : '1' };
  }
  if (actor.userAgent !== null) {
    agent.extension = [{ url: TRUSTOPS_FHIR.userAgentExtension, valueString: actor.userAgent }];
  }

  const what: FhirReference = {
    display: record.resource.id === null ? record.resource.type : `${record.resource.type}/${record.resource.id}`,
  };
  if (record.resource.id !== null) {
    what.identifier = { system: TRUSTOPS_FHIR.resource(record.resource.type), value: record.resource.id };
  }
  const detail: Array<{ type: string; valueString: string }> = [];
  if (record.before !== null) {
    detail.push({ type: 'before', valueString: JSON.stringify(record.before) });
  }
  if (record.after !== null) {
    detail.push({ type: 'after', valueString: JSON.stringify(record.after) });
  }

  const event: FhirAuditEvent = {
    resourceType: 'AuditEvent',
    id: record.id,
    extension,
    type,
    subtype: [...subtype, { system: TRUSTOPS_FHIR.action, code: record.action, display: record.action }],
    action: fhirAction(record.action),
    recorded: record.occurredAt,
    outcome: OUTCOME_CODES[record.outcome],
    agent: [agent],
    source: {
      site: record.tenantId,
      observer: { type: 'Device', display: 'TrustOps' },
      type: [{ system: SECURITY_SOURCE_TYPE, code: '4', display: 'Application Server' }],
    },
    entity: [
      {
        what,
        type: { system: AUDIT_ENTITY_TYPE, code: '2', display: 'System Object' },
        name: record.resource.type,
        ...(detail.length > 0 ? { detail } : {}),
      },
    ],
  };
  if (record.reason !== null) {
    event.outcomeDesc = record.reason;
  }
  return event;
}

/** The opening of a FHIR `Bundle` (type collection) whose entries are streamed after it. */
export function fhirBundleOpening(bundleId: string, timestamp: Date): string {
  const head = JSON.stringify({
    resourceType: 'Bundle',
    id: bundleId,
    type: 'collection',
    timestamp: timestamp.toISOString(),
  });
  return `${head.slice(0, -1)},"entry":[`;
}

export function fhirBundleEntry(record: AuditRecordView): string {
  return JSON.stringify({ fullUrl: `urn:uuid:${record.id}`, resource: toFhirAuditEvent(record) });
}

export const FHIR_BUNDLE_CLOSING = ']}';
