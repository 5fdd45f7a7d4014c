import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SessionResponse, TenantSummary, UserListResponse } from '@trustops/contracts';
import { DEMO_USERS } from '../auth/dev-identity-provider/demo-users.js';
import { startAuthTestApp, type AuthTestApp } from '../auth/testing/auth-test-app.js';
import { signIn, withCsrf } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { AccessAdminController } from './access-admin.controller.js';

const COMPLIANCE = DEMO_USERS.find((user) => user.role === 'compliance')!;

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

  describe('people', () => {
    it('should bring someone who has signed in before into the organisation by email, with a role', async () => {
      const compliance = new TestBrowser(testApp.url);
      await signIn(compliance, COMPLIANCE);
      const { id: tenantId } = (await (
        await post('/api/admin/tenants', { name: 'Eastgate Hospitals' })
      ).json()) as TenantSummary;
      await switchTo(tenantId);

      const added = await post('/api/admin/users', { email: COMPLIANCE.email.toUpperCase(), role: 'compliance' });
      assert.equal(added.status, 204);
      const { items } = (await (await admin.request('/api/admin/users')).json()) as UserListResponse;
      const person = items.find((item) => item.email === COMPLIANCE.email);
      assert.deepEqual(
        person?.roles.map((assignment) => assignment.role),
        ['compliance'],
      );

      const theirs = (await (await compliance.request('/api/session')).json()) as SessionResponse;
      assert.ok(
        theirs.tenants.some((tenant) => tenant.id === tenantId),
        'they can switch to it now',
      );
      const audited = await testApp.query<{ count: string }>(
        "SELECT count(*) FROM audit_records WHERE action = 'user.added' AND tenant_id = $1 AND resource_id = $2",
        [tenantId, theirs.user.id],
      );
      assert.equal(audited[0]?.count, '1');
      await switchTo(adminSession.activeTenant.id);
    });

    it('should say so when nobody with that email has signed in, and add nobody for a role that does not exist', async () => {
      const unknown = await post('/api/admin/users', { email: 'nobody@nhs.net', role: 'operator' });
      assert.equal(unknown.status, 404);
      assert.match(((await unknown.json()) as { message: string }).message, /signed in to TrustOps yet/);

      const operator = new TestBrowser(testApp.url);
      const operatorSession = await signIn(operator, 'operator');
      const { id: tenantId } = (await (
        await post('/api/admin/tenants', { name: 'Westmoor Trust' })
      ).json()) as TenantSummary;
      await switchTo(tenantId);
      const badRole = await post('/api/admin/users', { email: 'grace.okafor@nhs.net', role: 'no-such-role' });
      assert.ok(badRole.status >= 400 && badRole.status < 500, `a missing role is refused (${badRole.status})`);
      const members = await testApp.query('SELECT 1 FROM tenant_memberships WHERE tenant_id = $1 AND user_id = $2', [
        tenantId,
        operatorSession.user.id,
      ]);
      assert.equal(members.length, 0);
      await switchTo(adminSession.activeTenant.id);
    });
  });
});
