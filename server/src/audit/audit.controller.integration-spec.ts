import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorBody, SessionResponse } from '@trustops/contracts';
import { startAuthTestApp, type AuthTestApp } from '../auth/testing/auth-test-app.js';
import { signIn } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { AuditController } from './audit.controller.js';
import type { AuditPage, AuditVerifyResult } from './audit.types.js';

describe(AuditController.name, () => {
  let testApp: AuthTestApp;
  let compliance: TestBrowser;
  let session: SessionResponse;

  before(async () => {
    testApp = await startAuthTestApp();
    compliance = new TestBrowser(testApp.url);
    session = await signIn(compliance, 'compliance');
  });

  after(async () => {
    await testApp?.close();
  });

  it("should list the active tenant's records, newest first, and audit the reading", async () => {
    const first = await compliance.request('/api/audit?limit=5');
    assert.equal(first.status, 200);
    const page = (await first.json()) as AuditPage;
    assert.ok(page.records.length > 0, 'signing in is audited');
    assert.ok(page.records.every((record) => record.tenantId === session.activeTenant.id));
    const sequences = page.records.map((record) => record.sequence);
    assert.deepEqual(
      sequences,
      sequences.toSorted((a, b) => b - a),
    );

    const viewed = (await (await compliance.request('/api/audit?action=audit.viewed')).json()) as AuditPage;
    assert.equal(viewed.records[0]?.actor.displayName, session.user.displayName);
    assert.deepEqual(viewed.records[0]?.after, { query: { limit: 5 }, shown: page.records.length });
  });

  it('should verify the chain', async () => {
    const response = await compliance.request('/api/audit/verify');
    assert.equal(response.status, 200);
    const result = (await response.json()) as AuditVerifyResult;
    assert.equal(result.valid, true);
    assert.ok(result.checked > 0);
  });

  it('should stream exports as CSV, JSON and a FHIR Bundle, and audit them', async () => {
    const csv = await compliance.request('/api/audit/export?format=csv');
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(csv.headers.get('content-disposition') ?? '', /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    assert.match(await csv.text(), /^sequence,occurred_at,actor_type,/);

    const json = (await (
      await compliance.request('/api/audit/export?format=json&action=audit.exported')
    ).json()) as unknown[];
    assert.equal(json.length, 2, 'the CSV export and this one');

    const fhir = await compliance.request('/api/audit/export?format=fhir');
    assert.equal(fhir.headers.get('content-type'), 'application/fhir+json; charset=utf-8');
    const bundle = (await fhir.json()) as {
      resourceType: string;
      entry: Array<{ resource: { resourceType: string } }>;
    };
    assert.equal(bundle.resourceType, 'Bundle');
    assert.ok(bundle.entry.length > 0 && bundle.entry.every((entry) => entry.resource.resourceType === 'AuditEvent'));
  });

  it('should refuse malformed queries with the API error shape', async () => {
    for (const path of [
      '/api/audit/export?format=xml',
      '/api/audit?limit=0',
      '/api/audit?from=yesterday',
      '/api/audit?action=DROP%20TABLE',
    ]) {
      const response = await compliance.request(path);
      assert.equal(response.status, 400, path);
      const body = (await response.json()) as ErrorBody;
      assert.equal(body.statusCode, 400);
      assert.ok(body.requestId && body.message, path);
    }
  });

  it('should refuse people without the audit permissions', async () => {
    const clinician = new TestBrowser(testApp.url);
    await signIn(clinician, 'clinician');
    for (const path of ['/api/audit', '/api/audit/verify', '/api/audit/export?format=csv']) {
      assert.equal((await clinician.request(path)).status, 403, path);
    }
  });
});
