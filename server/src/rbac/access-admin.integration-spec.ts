import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SessionResponse, TenantSummary } from '@trustops/contracts';
import { startAuthTestApp, type AuthTestApp } from '../auth/testing/auth-test-app.js';
import { signIn, withCsrf } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { AccessAdminController } from './access-admin.controller.js';

describe(AccessAdminController.name, () => {
  let testApp: AuthTestApp;
  let admin: TestBrowser;
  let adminSession: SessionResponse;

  before(async () => {
    testApp = await startAuthTestApp();
    admin = new TestBrowser(testApp.url);
    adminSession = await signIn(admin, 'admin');
  });

  after(async () => {
    await testApp?.close();
  });

  const post = (path: string, body: unknown) =>
    admin.request(path, withCsrf(adminSession.csrfToken, { method: 'POST', body }));
  const switchTo = (tenantId: string) => post('/api/session/tenant', { tenantId });

  describe('organisations', () => {
    it('should create an organisation whose first administrator is its creator, recorded in both trails', async () => {
      const created = await post('/api/admin/tenants', {
        name: '  Riverside Community Health NHS Trust ',
        odsCode: 'rzy',
      });
      assert.equal(created.status, 201);
      const tenant = (await created.json()) as TenantSummary;
      assert.deepEqual(
        { ...tenant, id: undefined },
        {
          id: undefined,
          slug: 'riverside-community-health-nhs-trust',
          name: 'Riverside Community Health NHS Trust',
          odsCode: 'RZY',
        },
      );

      const switched = await switchTo(tenant.id);
      assert.equal(switched.status, 200);
      assert.deepEqual(((await switched.json()) as SessionResponse).roles, ['admin']);
      const trail = await testApp.query<{ tenant_id: string }>(
        "SELECT tenant_id FROM audit_records WHERE action = 'tenant.created'",
      );
      assert.deepEqual(trail.map((row) => row.tenant_id).sort(), [adminSession.activeTenant.id, tenant.id].sort());
      await switchTo(adminSession.activeTenant.id);
    });

    it('should refuse a second organisation with the same name or ODS code', async () => {
      assert.equal((await post('/api/admin/tenants', { name: 'Northfield Trust', odsCode: 'RNF' })).status, 201);
      assert.equal((await post('/api/admin/tenants', { name: 'Northfield Trust' })).status, 409);
      assert.equal((await post('/api/admin/tenants', { name: 'Another name', odsCode: 'rnf' })).status, 409);
      assert.equal((await post('/api/admin/tenants', { name: '--' })).status, 400);
    });
  });
});
