import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  API_TOKEN_PREFIX,
  type ApiTokenListResponse,
  type CreateApiTokenResponse,
  type RoleListResponse,
  type SessionResponse,
  type UserListResponse,
} from '@trustops/contracts';
import { SESSION_COOKIE } from '../auth/auth-settings.js';
import { DEMO_USERS } from '../auth/dev-identity-provider/demo-users.js';
import { SocketAuthenticationError, SocketAuthenticator } from '../auth/socket-authenticator.js';
import { startAuthTestApp, type AuthTestApp } from '../auth/testing/auth-test-app.js';
import { signIn, withCsrf } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { AccessGuard } from './access.guard.js';
import { listRoutes, type RouteDescription } from './route-inventory.js';

const NO_ROLE = DEMO_USERS.find((user) => user.role === null)!;
const ANY_UUID = '7b0c8e52-5d0e-4f6a-9a51-2f7f3b4f8c11';

function concretePath(route: RouteDescription): string {
  return route.path
    .replace(/:role\b/g, 'supervisor')
    .replace(/:[A-Za-z]+/g, ANY_UUID)
    .replace(/\{\*[A-Za-z]+\}|\*[A-Za-z]*/g, 'anything');
}

describe(AccessGuard.name, () => {
  let testApp: AuthTestApp;
  let routes: RouteDescription[];

  before(async () => {
    testApp = await startAuthTestApp();
    routes = listRoutes(testApp.app);
  });

  after(async () => {
    await testApp?.close();
  });

  describe('route coverage', () => {
    it("should find the routes of every controller, including these modules' own", () => {
      const paths = new Set(routes.map((route) => `${route.method} ${route.path}`));
      for (const expected of [
        'GET /api/session',
        'GET /api/admin/users',
        'POST /api/tokens',
        'GET /auth/login',
        'GET /health/ready',
      ]) {
        assert.ok(paths.has(expected), `${expected} is listed`);
      }
    });

    it('should have every route declare @Public(), @Authenticated() or @RequirePermission()', () => {
      const undeclared = routes
        .filter((route) => !route.access)
        .map((route) => `${route.method} ${route.path} (${route.controller}.${route.handler})`);
      assert.deepEqual(undeclared, [], 'routes without an access declaration (the guard refuses them)');
    });

    it('should answer 401 to an unauthenticated call of every non-public route', async () => {
      const stranger = new TestBrowser(testApp.url);
      const wrong: string[] = [];
      for (const route of routes.filter((candidate) => candidate.access?.kind !== 'public')) {
        const response = await stranger.request(concretePath(route), {
          method: route.method,
          body: route.method === 'GET' ? undefined : {},
        });
        if (response.status !== 401) wrong.push(`${route.method} ${route.path} → ${response.status}`);
        await response.body?.cancel();
      }
      assert.deepEqual(wrong, []);
    });

    it('should answer 403 to a signed-in person without the permission on every permission route', async () => {
      const browser = new TestBrowser(testApp.url);
      const session = await signIn(browser, NO_ROLE);
      assert.deepEqual(session.permissions, []);
      const wrong: string[] = [];
      for (const route of routes.filter((candidate) => candidate.access?.kind === 'permission')) {
        const unsafe = route.method !== 'GET' && route.method !== 'HEAD';
        const response = await browser.request(
          concretePath(route),
          unsafe ? withCsrf(session.csrfToken, { method: route.method, body: {} }) : { method: route.method },
        );
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        if (response.status !== 403 || !/permission/.test(body.message ?? ''))
          wrong.push(`${route.method} ${route.path} → ${response.status} ${body.message ?? ''}`);
      }
      assert.deepEqual(wrong, []);
    });
  });

  describe('administration', () => {
    let admin: TestBrowser;
    let adminSession: SessionResponse;
    let clerk: TestBrowser;

    before(async () => {
      admin = new TestBrowser(testApp.url);
      adminSession = await signIn(admin, 'admin');
      clerk = new TestBrowser(testApp.url);
      await signIn(clerk, NO_ROLE);
    });

    it('should list the people in the tenant with their roles', async () => {
      const response = await admin.request('/api/admin/users');
      assert.equal(response.status, 200);
      const { items } = (await response.json()) as UserListResponse;
      const priya = items.find((user) => user.displayName === 'Priya Shah');
      assert.deepEqual(
        priya?.roles.map((role) => [role.role, role.source]),
        [['admin', 'identity_provider']],
      );
      assert.ok(items.some((user) => user.displayName === NO_ROLE.name));
    });

    it('should grant and revoke a role, take effect at once, audit both and keep it across sign-ins', async () => {
      const { items } = (await (await admin.request('/api/admin/users')).json()) as UserListResponse;
      const jamie = items.find((user) => user.displayName === NO_ROLE.name)!;

      const granted = await admin.request(
        `/api/admin/users/${jamie.id}/roles`,
        withCsrf(adminSession.csrfToken, { method: 'POST', body: { role: 'supervisor' } }),
      );
      assert.equal(granted.status, 204);
      const after = (await (await clerk.request('/api/session')).json()) as SessionResponse;
      assert.ok(after.permissions.includes('decisions:approve'));

      const again = await signIn(new TestBrowser(testApp.url), NO_ROLE);
      assert.deepEqual(again.roles, ['supervisor'], 'a role an admin gave survives the identity provider sync');

      const revoked = await admin.request(
        `/api/admin/users/${jamie.id}/roles/supervisor`,
        withCsrf(adminSession.csrfToken, { method: 'DELETE' }),
      );
      assert.equal(revoked.status, 204);
      assert.deepEqual(((await (await clerk.request('/api/session')).json()) as SessionResponse).permissions, []);

      const audit = await testApp.query<{ action: string; resource_id: string }>(
        // The route-coverage calls above left denied attempts under the same actions.
        "SELECT action, resource_id FROM audit_records WHERE action IN ('role.granted', 'role.revoked') AND outcome = 'success' ORDER BY sequence",
      );
      assert.deepEqual(audit, [
        { action: 'role.granted', resource_id: jamie.id },
        { action: 'role.revoked', resource_id: jamie.id },
      ]);
    });

    it('should refuse unknown roles and keep the last administrator', async () => {
      const { items } = (await (await admin.request('/api/admin/users')).json()) as UserListResponse;
      const priya = items.find((user) => user.displayName === 'Priya Shah')!;
      const unknown = await admin.request(
        `/api/admin/users/${priya.id}/roles`,
        withCsrf(adminSession.csrfToken, { method: 'POST', body: { role: 'emperor' } }),
      );
      assert.equal(unknown.status, 400);
      const last = await admin.request(
        `/api/admin/users/${priya.id}/roles/admin`,
        withCsrf(adminSession.csrfToken, { method: 'DELETE' }),
      );
      assert.equal(last.status, 409);
    });

    it('should create a custom role whose permissions apply when assigned', async () => {
      const created = await admin.request(
        '/api/admin/roles',
        withCsrf(adminSession.csrfToken, {
          method: 'POST',
          body: { key: 'ward-manager', name: 'Ward manager', permissions: ['runs:read', 'decisions:read'] },
        }),
      );
      assert.equal(created.status, 201);
      const clash = await admin.request(
        '/api/admin/roles',
        withCsrf(adminSession.csrfToken, {
          method: 'POST',
          body: { key: 'admin', name: 'Boss', permissions: ['runs:read'] },
        }),
      );
      assert.equal(clash.status, 409);
      const invalid = await admin.request(
        '/api/admin/roles',
        withCsrf(adminSession.csrfToken, {
          method: 'POST',
          body: { key: 'x', name: 'X', permissions: ['everything:all'] },
        }),
      );
      assert.equal(invalid.status, 400);

      const roles = (await (await admin.request('/api/admin/roles')).json()) as RoleListResponse;
      assert.deepEqual(roles.items.find((role) => role.key === 'ward-manager')?.permissions, [
        'runs:read',
        'decisions:read',
      ]);
      assert.equal(roles.items.filter((role) => role.builtIn).length, 6);

      const { items } = (await (await admin.request('/api/admin/users')).json()) as UserListResponse;
      const jamie = items.find((user) => user.displayName === NO_ROLE.name)!;
      await admin.request(
        `/api/admin/users/${jamie.id}/roles`,
        withCsrf(adminSession.csrfToken, { method: 'POST', body: { role: 'ward-manager' } }),
      );
      const session = (await (await clerk.request('/api/session')).json()) as SessionResponse;
      assert.deepEqual(session.permissions, ['runs:read', 'decisions:read']);
      await admin.request(
        `/api/admin/users/${jamie.id}/roles/ward-manager`,
        withCsrf(adminSession.csrfToken, { method: 'DELETE' }),
      );
    });
  });

  describe('tenants', () => {
    let otherTenantId: string;
    let operator: TestBrowser;
    let operatorSession: SessionResponse;

    before(async () => {
      operator = new TestBrowser(testApp.url);
      operatorSession = await signIn(operator, 'operator');
      [{ id: otherTenantId }] = await testApp.query<{ id: string }>(
        "INSERT INTO tenants (slug, name, ods_code) VALUES ('riverside', 'Riverside Community NHS Trust', 'RZY') RETURNING id",
      );
      await testApp.query('INSERT INTO tenant_memberships (tenant_id, user_id) VALUES ($1, $2)', [
        otherTenantId,
        operatorSession.user.id,
      ]);
      await testApp.query(
        "INSERT INTO role_assignments (tenant_id, user_id, role, source) VALUES ($1, $2, 'operator', 'admin')",
        [otherTenantId, operatorSession.user.id],
      );
    });

    it('should let a member switch tenant, and treat other tenants as not found', async () => {
      const tenants = ((await (await operator.request('/api/session')).json()) as SessionResponse).tenants.map(
        (tenant) => tenant.slug,
      );
      assert.deepEqual(tenants.sort(), ['default', 'riverside']);

      const notMine = await operator.request(
        '/api/session/tenant',
        withCsrf(operatorSession.csrfToken, { method: 'POST', body: { tenantId: ANY_UUID } }),
      );
      assert.equal(notMine.status, 404);

      const switched = await operator.request(
        '/api/session/tenant',
        withCsrf(operatorSession.csrfToken, { method: 'POST', body: { tenantId: otherTenantId } }),
      );
      assert.equal(switched.status, 200);
      assert.equal(((await switched.json()) as SessionResponse).activeTenant.slug, 'riverside');
      assert.equal(
        ((await (await operator.request('/api/session')).json()) as SessionResponse).activeTenant.slug,
        'riverside',
      );
      const back = await operator.request(
        '/api/session/tenant',
        withCsrf(operatorSession.csrfToken, { method: 'POST', body: { tenantId: operatorSession.activeTenant.id } }),
      );
      assert.equal(back.status, 200);
    });

    it("should answer 404 for another tenant's rows", async () => {
      const created = await operator.request(
        '/api/tokens',
        withCsrf(operatorSession.csrfToken, {
          method: 'POST',
          body: { name: 'default tenant token', permissions: ['incidents:read'] },
        }),
      );
      assert.equal(created.status, 201);
      const { token } = (await created.json()) as CreateApiTokenResponse;

      await operator.request(
        '/api/session/tenant',
        withCsrf(operatorSession.csrfToken, { method: 'POST', body: { tenantId: otherTenantId } }),
      );
      const listed = (await (await operator.request('/api/tokens')).json()) as ApiTokenListResponse;
      assert.ok(!listed.items.some((item) => item.id === token.id), 'not listed in the other tenant');
      const revokeElsewhere = await operator.request(
        `/api/tokens/${token.id}`,
        withCsrf(operatorSession.csrfToken, { method: 'DELETE' }),
      );
      assert.equal(revokeElsewhere.status, 404);

      await operator.request(
        '/api/session/tenant',
        withCsrf(operatorSession.csrfToken, { method: 'POST', body: { tenantId: operatorSession.activeTenant.id } }),
      );
      const revokeHere = await operator.request(
        `/api/tokens/${token.id}`,
        withCsrf(operatorSession.csrfToken, { method: 'DELETE' }),
      );
      assert.equal(revokeHere.status, 204);
    });

    it('should not let an admin of one tenant reach people of another', async () => {
      const admin = new TestBrowser(testApp.url);
      const adminSession = await signIn(admin, 'admin');
      // Priya administers only the default tenant; make her a member of riverside without roles there.
      await testApp.query('INSERT INTO tenant_memberships (tenant_id, user_id) VALUES ($1, $2)', [
        otherTenantId,
        adminSession.user.id,
      ]);
      await admin.request(
        '/api/session/tenant',
        withCsrf(adminSession.csrfToken, { method: 'POST', body: { tenantId: otherTenantId } }),
      );
      assert.equal((await admin.request('/api/admin/users')).status, 403, 'no admin role in riverside');
      await admin.request(
        '/api/session/tenant',
        withCsrf(adminSession.csrfToken, { method: 'POST', body: { tenantId: adminSession.activeTenant.id } }),
      );

      const [stranger] = await testApp.query<{ id: string }>(
        "INSERT INTO users (issuer, subject, name) VALUES ('https://elsewhere.example', 'x-1', 'Someone Elsewhere') RETURNING id",
      );
      await testApp.query('INSERT INTO tenant_memberships (tenant_id, user_id) VALUES ($1, $2)', [
        otherTenantId,
        stranger.id,
      ]);
      const grant = await admin.request(
        `/api/admin/users/${stranger.id}/roles`,
        withCsrf(adminSession.csrfToken, { method: 'POST', body: { role: 'operator' } }),
      );
      assert.equal(grant.status, 404);
      const { items } = (await (await admin.request('/api/admin/users')).json()) as UserListResponse;
      assert.ok(!items.some((user) => user.id === stranger.id));
    });
  });

  describe('API tokens', () => {
    it('should show the secret once, work as a bearer token within its scopes, and stop when revoked', async () => {
      const analyst = new TestBrowser(testApp.url);
      const session = await signIn(analyst, 'analyst');

      const tooMuch = await analyst.request(
        '/api/tokens',
        withCsrf(session.csrfToken, { method: 'POST', body: { name: 'greedy', permissions: ['users:write'] } }),
      );
      assert.equal(tooMuch.status, 403);

      const created = await analyst.request(
        '/api/tokens',
        withCsrf(session.csrfToken, {
          method: 'POST',
          body: { name: 'MCP from my laptop', permissions: ['runs:read', 'tokens:manage'], expiresInDays: 7 },
        }),
      );
      assert.equal(created.status, 201);
      const { token, secret } = (await created.json()) as CreateApiTokenResponse;
      assert.ok(secret.startsWith(API_TOKEN_PREFIX));
      assert.ok(secret.startsWith(token.hint));
      const [stored] = await testApp.query<{ secret_hash: string }>(
        'SELECT secret_hash FROM api_tokens WHERE id = $1',
        [token.id],
      );
      assert.match(stored.secret_hash, /^[0-9a-f]{64}$/);
      assert.ok(
        !JSON.stringify(await (await analyst.request('/api/tokens')).json()).includes(secret),
        'never listed again',
      );

      const machine = new TestBrowser(testApp.url);
      const bearer = { authorization: `Bearer ${secret}` };
      const asToken = await machine.request('/api/session', { headers: bearer });
      assert.equal(asToken.status, 200);
      assert.deepEqual(((await asToken.json()) as SessionResponse).permissions, ['runs:read', 'tokens:manage']);
      assert.equal((await machine.request('/api/admin/users', { headers: bearer })).status, 403);
      const noCsrfNeeded = await machine.request('/api/tokens', {
        method: 'POST',
        headers: bearer,
        body: { name: 'child', permissions: ['runs:read'] },
      });
      assert.equal(noCsrfNeeded.status, 403);
      assert.match(((await noCsrfNeeded.json()) as { message: string }).message, /cannot create other tokens/);
      const [used] = await testApp.query<{ last_used_at: Date | null }>(
        'SELECT last_used_at FROM api_tokens WHERE id = $1',
        [token.id],
      );
      assert.ok(used.last_used_at);

      const revoked = await analyst.request(
        `/api/tokens/${token.id}`,
        withCsrf(session.csrfToken, { method: 'DELETE' }),
      );
      assert.equal(revoked.status, 204);
      const afterRevoke = await machine.request('/api/session', { headers: bearer });
      assert.equal(afterRevoke.status, 401);
      assert.match(((await afterRevoke.json()) as { message: string }).message, /revoked/);
      assert.equal(
        (await machine.request('/api/session', { headers: { authorization: 'Bearer trustops_pat_forged' } })).status,
        401,
      );
    });

    it('should refuse an expired token', async () => {
      const operator = new TestBrowser(testApp.url);
      const session = await signIn(operator, 'operator');
      const { token, secret } = (await (
        await operator.request(
          '/api/tokens',
          withCsrf(session.csrfToken, { method: 'POST', body: { name: 'short', permissions: ['incidents:read'] } }),
        )
      ).json()) as CreateApiTokenResponse;
      await testApp.query("UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1", [token.id]);
      const response = await new TestBrowser(testApp.url).request('/api/session', {
        headers: { authorization: `Bearer ${secret}` },
      });
      assert.equal(response.status, 401);
      assert.match(((await response.json()) as { message: string }).message, /expired/);
    });
  });

  describe('WebSocket handshakes', () => {
    it('should authenticate a socket from the session cookie, only from our own origin', async () => {
      const browser = new TestBrowser(testApp.url);
      const session = await signIn(browser, 'supervisor');
      const sockets = testApp.app.get(SocketAuthenticator);
      const cookie = `${SESSION_COOKIE}=${browser.sessionCookie}`;

      const principal = await sockets.authenticate({ headers: { cookie, origin: testApp.url } });
      assert.equal(principal.userId, session.user.id);
      assert.ok(principal.permissions.has('decisions:approve'));

      await assert.rejects(
        sockets.authenticate({ headers: { cookie, origin: 'https://evil.example' } }),
        SocketAuthenticationError,
      );
      await assert.rejects(sockets.authenticate({ headers: { origin: testApp.url } }), /Sign in/);
      await assert.rejects(
        sockets.authenticate({ headers: {}, auth: { token: `${API_TOKEN_PREFIX}nope` } }),
        SocketAuthenticationError,
      );
    });
  });
});
