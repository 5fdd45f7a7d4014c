import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  AcceptInvitationResponse,
  CreateApiTokenResponse,
  InvitationListResponse,
  InvitationSummary,
  ReceivedInvitationListResponse,
  SessionResponse,
  TenantSummary,
  UserListResponse,
} from '@trustops/contracts';
import { DEMO_USERS } from '../auth/dev-identity-provider/demo-users.js';
import { startAuthTestApp, type AuthTestApp } from '../auth/testing/auth-test-app.js';
import { signIn, withCsrf } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { InvitationsService } from './invitations.service.js';

const ADMIN = DEMO_USERS.find((user) => user.role === 'admin')!;
const COMPLIANCE = DEMO_USERS.find((user) => user.role === 'compliance')!;
const DAY = 24 * 60 * 60 * 1000;

interface Person {
  browser: TestBrowser;
  session: SessionResponse;
  post(path: string, body?: unknown): Promise<Response>;
  get<T>(path: string): Promise<T>;
}

describe(InvitationsService.name, () => {
  let testApp: AuthTestApp;
  let admin: Person;
  let david: Person;
  let operator: Person;
  let tenantCount = 0;

  async function person(who: Parameters<typeof signIn>[1]): Promise<Person> {
    const browser = new TestBrowser(testApp.url);
    const session = await signIn(browser, who);
    return {
      browser,
      session,
      post: (path, body) => browser.request(path, withCsrf(session.csrfToken, { method: 'POST', body })),
      get: async <T>(path: string) => {
        const response = await browser.request(path);
        assert.equal(response.status, 200, `GET ${path}`);
        return (await response.json()) as T;
      },
    };
  }

  /** A new organisation that the admin created and now works in. */
  async function adminInNewTenant(): Promise<TenantSummary> {
    tenantCount += 1;
    const created = await admin.post('/api/admin/tenants', { name: `Invitation Trust ${tenantCount}` });
    assert.equal(created.status, 201);
    const tenant = (await created.json()) as TenantSummary;
    assert.equal((await admin.post('/api/session/tenant', { tenantId: tenant.id })).status, 200);
    return tenant;
  }

  async function invite(email: string, role: string): Promise<InvitationSummary> {
    const response = await admin.post('/api/admin/invitations', { email, role });
    assert.equal(response.status, 201, `inviting ${email}`);
    return (await response.json()) as InvitationSummary;
  }

  const received = (who: Person) => who.get<ReceivedInvitationListResponse>('/api/invitations');
  const pending = () => admin.get<InvitationListResponse>('/api/admin/invitations');
  const auditOf = (tenantId: string, action: string) =>
    testApp.query<{ actor_user_id: string | null; resource_id: string; after: Record<string, unknown> | null }>(
      `SELECT actor_user_id, resource_id, after FROM audit_records
        WHERE tenant_id = $1 AND action = $2 AND outcome = 'success' ORDER BY sequence`,
      [tenantId, action],
    );

  before(async () => {
    testApp = await startAuthTestApp();
    admin = await person('admin');
    david = await person(COMPLIANCE);
    operator = await person('operator');
  });

  after(async () => {
    await testApp?.close();
  });

  describe('inviting', () => {
    it('should answer the same status and body shape whether or not the email belongs to someone who has signed in', async () => {
      const tenant = await adminInNewTenant();
      const known = await admin.post('/api/admin/invitations', { email: ` ${COMPLIANCE.email} `, role: 'compliance' });
      const unknown = await admin.post('/api/admin/invitations', { email: 'nobody.here@nhs.net', role: 'compliance' });
      assert.equal(known.status, 201);
      assert.equal(unknown.status, known.status);
      const [knownBody, unknownBody] = (await Promise.all([known.json(), unknown.json()])) as InvitationSummary[];
      const comparable = (body: InvitationSummary) => ({
        ...body,
        id: typeof body.id,
        email: typeof body.email,
        invitedAt: typeof body.invitedAt,
        expiresAt: typeof body.expiresAt,
      });
      assert.deepEqual(comparable(knownBody), comparable(unknownBody));
      assert.deepEqual(Object.keys(knownBody).sort(), Object.keys(unknownBody).sort());
      assert.equal(knownBody.email, COMPLIANCE.email, 'stored trimmed, as typed');
      assert.equal(knownBody.roleName, 'Compliance officer');
      assert.deepEqual(knownBody.invitedBy, { userId: admin.session.user.id, displayName: ADMIN.name });
      const lifetime = Date.parse(knownBody.expiresAt) - Date.parse(knownBody.invitedAt);
      assert.ok(Math.abs(lifetime - 14 * DAY) < 1000, `expires 14 days after it is sent (${lifetime} ms)`);

      // Nothing else the admin reads tells them either: members are members, invitations are what they typed.
      const members = await admin.get<UserListResponse>('/api/admin/users');
      assert.deepEqual(
        members.items.map((member) => member.id),
        [admin.session.user.id],
      );
      const { items } = await pending();
      assert.deepEqual(items.map((item) => item.email).sort(), [COMPLIANCE.email, 'nobody.here@nhs.net'].sort());
      assert.ok(items.every((item) => item.status === 'pending'));

      const audited = await auditOf(tenant.id, 'user.invited');
      assert.deepEqual(audited.map((record) => record.resource_id).sort(), [knownBody.id, unknownBody.id].sort());
      assert.ok(audited.every((record) => record.actor_user_id === admin.session.user.id));
    });

    it('should renew the open invitation to the same email, whatever its letter case, with the new role', async () => {
      await adminInNewTenant();
      const first = await invite('Grace.Okafor@NHS.net', 'operator');
      await testApp.query(`UPDATE invitations SET expires_at = now() + interval '1 day' WHERE id = $1`, [first.id]);

      const again = await invite('grace.okafor@nhs.net', 'supervisor');
      assert.equal(again.id, first.id, 'the same invitation, renewed');
      assert.equal(again.role, 'supervisor');
      assert.equal(again.email, 'grace.okafor@nhs.net');
      assert.ok(Date.parse(again.expiresAt) > Date.now() + 13 * DAY, 'its expiry moved 14 days on');
      const { items } = await pending();
      assert.deepEqual(
        items.map((item) => [item.email, item.role]),
        [['grace.okafor@nhs.net', 'supervisor']],
      );
    });

    it('should refuse a role the organisation does not have, and an address that is not an email, storing nothing', async () => {
      await adminInNewTenant();
      const badRole = await admin.post('/api/admin/invitations', { email: 'someone@nhs.net', role: 'no-such-role' });
      assert.equal(badRole.status, 400);
      assert.match(((await badRole.json()) as { message: string }).message, /no role called "no-such-role"/);
      const badEmail = await admin.post('/api/admin/invitations', { email: 'not an email', role: 'operator' });
      assert.equal(badEmail.status, 400);
      assert.deepEqual((await pending()).items, []);
    });

    it('should let the admin withdraw an invitation, after which the person no longer sees it', async () => {
      const tenant = await adminInNewTenant();
      const invitation = await invite(COMPLIANCE.email, 'analyst');
      assert.ok((await received(david)).items.some((item) => item.id === invitation.id));

      const revoked = await admin.browser.request(
        `/api/admin/invitations/${invitation.id}`,
        withCsrf(admin.session.csrfToken, { method: 'DELETE' }),
      );
      assert.equal(revoked.status, 204);
      assert.deepEqual((await pending()).items, []);
      assert.ok(!(await received(david)).items.some((item) => item.id === invitation.id));
      const accepted = await david.post(`/api/invitations/${invitation.id}/accept`);
      assert.equal(accepted.status, 410);
      assert.match(((await accepted.json()) as { message: string }).message, /withdrew this invitation/);

      const again = await admin.browser.request(
        `/api/admin/invitations/${invitation.id}`,
        withCsrf(admin.session.csrfToken, { method: 'DELETE' }),
      );
      assert.equal(again.status, 409);
      const audited = await auditOf(tenant.id, 'invitation.revoked');
      assert.deepEqual(
        audited.map((record) => record.resource_id),
        [invitation.id],
      );
    });
  });

  describe('answering', () => {
    it('should let the invited person see it, join with the role, and switch to the organisation', async () => {
      const tenant = await adminInNewTenant();
      const invitation = await invite(COMPLIANCE.email.toUpperCase(), 'compliance');

      const { items } = await received(david);
      const mine = items.find((item) => item.id === invitation.id);
      assert.deepEqual(mine && { ...mine, invitedAt: undefined, expiresAt: undefined }, {
        id: invitation.id,
        organisation: tenant,
        role: 'compliance',
        roleName: 'Compliance officer',
        invitedBy: { displayName: ADMIN.name },
        invitedAt: undefined,
        expiresAt: undefined,
      });

      const accepted = await david.post(`/api/invitations/${invitation.id}/accept`);
      assert.equal(accepted.status, 200);
      assert.deepEqual(await accepted.json(), {
        organisation: tenant,
        role: 'compliance',
        roleName: 'Compliance officer',
      } satisfies AcceptInvitationResponse);
      const switched = await david.post('/api/session/tenant', { tenantId: tenant.id });
      assert.equal(switched.status, 200);
      assert.deepEqual(((await switched.json()) as SessionResponse).roles, ['compliance']);
      assert.equal((await david.post('/api/session/tenant', { tenantId: david.session.activeTenant.id })).status, 200);

      const members = await admin.get<UserListResponse>('/api/admin/users');
      assert.deepEqual(
        members.items.find((member) => member.id === david.session.user.id)?.roles.map((role) => role.role),
        ['compliance'],
      );
      assert.deepEqual((await pending()).items, [], 'no longer waiting');
      assert.ok(!(await received(david)).items.some((item) => item.id === invitation.id));
      const twice = await david.post(`/api/invitations/${invitation.id}/accept`);
      assert.equal(twice.status, 409);

      const audited = await auditOf(tenant.id, 'invitation.accepted');
      assert.deepEqual(
        audited.map((record) => [record.resource_id, record.actor_user_id]),
        [[invitation.id, david.session.user.id]],
      );
    });

    it('should not show or let anyone else answer it: their email does not match, so it is not found', async () => {
      const tenant = await adminInNewTenant();
      const invitation = await invite(COMPLIANCE.email, 'compliance');

      assert.ok(!(await received(operator)).items.some((item) => item.id === invitation.id));
      for (const answer of ['accept', 'decline']) {
        const response = await operator.post(`/api/invitations/${invitation.id}/${answer}`);
        assert.equal(response.status, 404, `${answer} by someone else`);
      }
      assert.equal((await operator.post('/api/invitations/not-a-uuid/accept')).status, 404);
      const memberships = await testApp.query(
        'SELECT 1 FROM tenant_memberships WHERE tenant_id = $1 AND user_id = $2',
        [tenant.id, operator.session.user.id],
      );
      assert.equal(memberships.length, 0);
      assert.equal((await pending()).items[0]?.status, 'pending', 'still waiting for David');
    });

    it('should refuse an expired invitation in plain English and show it as expired to the admin', async () => {
      await adminInNewTenant();
      const invitation = await invite(COMPLIANCE.email, 'compliance');
      await testApp.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
        invitation.id,
      ]);

      assert.ok(!(await received(david)).items.some((item) => item.id === invitation.id));
      const accepted = await david.post(`/api/invitations/${invitation.id}/accept`);
      assert.equal(accepted.status, 410);
      assert.match(
        ((await accepted.json()) as { message: string }).message,
        new RegExp(`This invitation expired on .+ Ask ${ADMIN.name} to invite you again`),
      );
      assert.deepEqual(
        (await pending()).items.map((item) => [item.id, item.status]),
        [[invitation.id, 'expired']],
      );

      const renewed = await invite(COMPLIANCE.email, 'compliance');
      assert.equal(renewed.id, invitation.id);
      assert.equal(renewed.status, 'pending');
      assert.ok((await received(david)).items.some((item) => item.id === invitation.id));
    });

    it('should let the invited person decline it, joining nothing', async () => {
      const tenant = await adminInNewTenant();
      const invitation = await invite(COMPLIANCE.email, 'supervisor');

      const declined = await david.post(`/api/invitations/${invitation.id}/decline`);
      assert.equal(declined.status, 204);
      assert.ok(!(await received(david)).items.some((item) => item.id === invitation.id));
      const accepted = await david.post(`/api/invitations/${invitation.id}/accept`);
      assert.equal(accepted.status, 409);
      assert.match(((await accepted.json()) as { message: string }).message, /You declined this invitation/);
      const session = await david.get<SessionResponse>('/api/session');
      assert.ok(!session.tenants.some((candidate) => candidate.id === tenant.id));
      assert.deepEqual((await pending()).items, []);

      const audited = await auditOf(tenant.id, 'invitation.declined');
      assert.deepEqual(
        audited.map((record) => [record.resource_id, record.actor_user_id]),
        [[invitation.id, david.session.user.id]],
      );
    });

    it('should not let an API token answer an invitation: joining an organisation is done signed in', async () => {
      await adminInNewTenant();
      const invitation = await invite(ADMIN.email, 'operator');
      const created = await admin.post('/api/tokens', { name: 'Laptop', permissions: ['users:read'] });
      assert.equal(created.status, 201);
      const { secret } = (await created.json()) as CreateApiTokenResponse;

      const answered = await fetch(`${testApp.url}/api/invitations/${invitation.id}/accept`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, accept: 'application/json' },
      });
      assert.equal(answered.status, 403);
      assert.deepEqual(
        (await pending()).items.map((item) => [item.id, item.status]),
        [[invitation.id, 'pending']],
      );
    });
  });

  describe('between organisations', () => {
    it("should neither list nor withdraw another organisation's invitations", async () => {
      const first = await adminInNewTenant();
      const invitation = await invite('someone.else@nhs.net', 'operator');
      await adminInNewTenant();

      assert.deepEqual((await pending()).items, []);
      const revoked = await admin.browser.request(
        `/api/admin/invitations/${invitation.id}`,
        withCsrf(admin.session.csrfToken, { method: 'DELETE' }),
      );
      assert.equal(revoked.status, 404);
      const [row] = await testApp.query<{ tenant_id: string; revoked_at: Date | null }>(
        'SELECT tenant_id, revoked_at FROM invitations WHERE id = $1',
        [invitation.id],
      );
      assert.deepEqual(row, { tenant_id: first.id, revoked_at: null });
    });

    it('should refuse the invitation endpoints to people who may not manage users', async () => {
      const response = await operator.post('/api/admin/invitations', { email: 'x@nhs.net', role: 'admin' });
      assert.equal(response.status, 403);
      assert.equal((await operator.browser.request('/api/admin/invitations')).status, 403);
    });
  });
});
