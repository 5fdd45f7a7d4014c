import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FHIR_BUNDLE_CLOSING,
  fhirAction,
  fhirBundleEntry,
  fhirBundleOpening,
  fhirEventType,
  toFhirAuditEvent,
  TRUSTOPS_FHIR,
} from './audit-fhir.js';
import { auditRecordViewStub } from './audit.stub.js';

describe(toFhirAuditEvent.name, () => {
  it('should map a role grant to a complete R4 AuditEvent', () => {
    const record = auditRecordViewStub({ reason: 'new supervisor' });
    const event = toFhirAuditEvent(record);
    assert.equal(event.resourceType, 'AuditEvent');
    assert.equal(event.id, record.id);
    assert.deepEqual(event.type, {
      system: 'http://dicom.nema.org/resources/ontology/DCM',
      code: '110113',
      display: 'Security Alert',
    });
    assert.deepEqual(
      event.subtype.map((coding) => coding.code),
      ['110136', 'role.granted'],
    );
    assert.equal(event.action, 'C');
    assert.equal(event.recorded, '2026-11-23T10:00:00.000Z');
    assert.equal(event.outcome, '0');
    assert.equal(event.outcomeDesc, 'new supervisor');
    const [agent] = event.agent;
    assert.ok(agent);
    assert.equal(agent.requestor, true);
    assert.equal(agent.type.coding[0]?.code, 'humanuser');
    assert.deepEqual(agent.who, {
      type: 'Practitioner',
      identifier: { system: TRUSTOPS_FHIR.user, value: record.actor.userId },
      display: 'Ada Admin',
    });
    assert.equal(agent.role?.[0]?.coding[0]?.code, 'admin');
    assert.deepEqual(agent.network, { address: '10.0.0.8', type: '2' });
    assert.equal(agent.extension?.[0]?.valueString, record.actor.userAgent);
    assert.deepEqual(event.source.observer, { type: 'Device', display: 'TrustOps' });
    assert.equal(event.source.site, record.tenantId);
    assert.equal(event.source.type[0]?.code, '4');
    assert.deepEqual(event.entity[0]?.what, {
      display: `role-assignment/${record.resource.id}`,
      identifier: { system: 'urn:trustops:fhir:resource:role-assignment', value: record.resource.id },
    });
    assert.deepEqual(event.entity[0]?.detail, [{ type: 'after', valueString: '{"role":"supervisor"}' }]);
    assert.deepEqual(
      event.extension.map((extension) => [extension.url, extension.valueInteger ?? extension.valueString]),
      [
        [TRUSTOPS_FHIR.sequenceExtension, 3],
        [TRUSTOPS_FHIR.hashExtension, record.hash],
        [TRUSTOPS_FHIR.previousHashExtension, record.previousHash],
        [TRUSTOPS_FHIR.requestIdExtension, 'req-1'],
      ],
    );
  });

  it('should map outcomes to the FHIR outcome codes', () => {
    assert.equal(toFhirAuditEvent(auditRecordViewStub({ outcome: 'success' })).outcome, '0');
    assert.equal(toFhirAuditEvent(auditRecordViewStub({ outcome: 'denied' })).outcome, '4');
    assert.equal(toFhirAuditEvent(auditRecordViewStub({ outcome: 'failure' })).outcome, '8');
  });

  it('should describe a system actor as a device without a network address', () => {
    const event = toFhirAuditEvent(
      auditRecordViewStub({
        actor: { type: 'system', userId: 'scheduler', displayName: null, role: null, ip: null, userAgent: null },
        action: 'schedule.fired',
        resource: { type: 'schedule', id: null },
        previousHash: null,
        requestId: null,
      }),
    );
    const [agent] = event.agent;
    assert.equal(agent?.type.coding[0]?.code, 'dataprocessor');
    assert.equal(agent?.who.type, 'Device');
    assert.equal(agent?.network, undefined);
    assert.equal(event.type.code, '110100');
    assert.deepEqual(event.entity[0]?.what, { display: 'schedule' });
    assert.equal(event.extension.length, 2);
  });
});

describe(fhirAction.name, () => {
  it('should map verbs to C, R, U, D and everything else to E', () => {
    assert.equal(fhirAction('workspace.created'), 'C');
    assert.equal(fhirAction('audit.exported'), 'R');
    assert.equal(fhirAction('schedule.paused'), 'U');
    assert.equal(fhirAction('role.revoked'), 'D');
    assert.equal(fhirAction('auth.login'), 'E');
    assert.equal(fhirAction('decision.approved'), 'E');
  });
});

describe(fhirEventType.name, () => {
  it('should use the DICOM codes for logins, logouts, exports and audit use', () => {
    const person = auditRecordViewStub().actor;
    const of = (action: string) => fhirEventType({ action, resource: { type: 'x', id: null }, actor: person });
    assert.deepEqual([of('auth.login').type.code, of('auth.login').subtype[0]?.code], ['110114', '110122']);
    assert.deepEqual(
      [of('auth.login-failed').type.code, of('auth.login-failed').subtype[0]?.code],
      ['110114', '110122'],
    );
    assert.deepEqual([of('auth.logout').type.code, of('auth.logout').subtype[0]?.code], ['110114', '110123']);
    assert.equal(of('audit.exported').type.code, '110106');
    assert.equal(of('audit.viewed').type.code, '110101');
    assert.equal(of('run.started').type.code, 'rest');
  });
});

describe(fhirBundleOpening.name, () => {
  it('should form a valid collection Bundle with the streamed entries', () => {
    const entries = [
      auditRecordViewStub(),
      auditRecordViewStub({ id: '7a1c8a52-4d0e-4f43-9b5e-2f5d0c7e9a11', sequence: 4 }),
    ];
    const text =
      fhirBundleOpening('bundle-1', new Date('2026-11-23T12:00:00Z')) +
      entries.map(fhirBundleEntry).join(',') +
      FHIR_BUNDLE_CLOSING;
    const bundle = JSON.parse(text) as {
      resourceType: string;
      type: string;
      timestamp: string;
      entry: Array<{ fullUrl: string; resource: { resourceType: string } }>;
    };
    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(bundle.type, 'collection');
    assert.equal(bundle.timestamp, '2026-11-23T12:00:00.000Z');
    assert.deepEqual(
      bundle.entry.map((entry) => entry.fullUrl),
      entries.map((entry) => `urn:uuid:${entry.id}`),
    );
    assert.ok(bundle.entry.every((entry) => entry.resource.resourceType === 'AuditEvent'));
  });
});
