import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import type {
  AuditVerifyResult,
  CreateApiTokenResponse,
  ErrorBody,
  SessionResponse,
  UserListResponse,
} from '@trustops/contracts';
import { DEMO_USERS } from '../auth/dev-identity-provider/demo-users.js';
import { startAuthTestApp, type AuthTestApp } from '../auth/testing/auth-test-app.js';
import { signIn, withCsrf } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { RequirePermission } from '../rbac/access.decorators.js';
import { AuditAction } from './audit-action.decorators.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditService } from './audit.service.js';
import { REDACTED } from './redaction.js';

/** Test-only handlers with no domain event of their own, so the interceptor's record is the only one. */
@Controller('api/widgets')
class WidgetsController {
  @Get()
  @RequirePermission('runs:read')
  list(): { items: string[] } {
    return { items: [] };
  }

  @Post(':widgetId/notes')
  @RequirePermission('runs:start')
  addNote(
    @Param('widgetId') widgetId: string,
    @Body() body: Record<string, unknown>,
  ): { widgetId: string; saved: boolean } {
    return { widgetId, saved: Object.keys(body).length > 0 };
  }

  @Post('explode')
  @RequirePermission('runs:start')
  explode(): never {
    throw new Error('duplicate key (name)=(Jane Smith)');
  }

  @Post('unrecordable')
  @RequirePermission('runs:start')
  // A resource type the trail refuses: stands in for any audit write that fails.
  @AuditAction('widget.stored', { resourceType: 'not a type!' })
  unrecordable(): { stored: boolean } {
    return { stored: true };
  }
}

interface StoredRecord {
  tenant_id: string;
  action: string;
  outcome: string;
  reason: string | null;
  actor_type: string;
  actor_user_id: string | null;
  actor_ip: string | null;
  actor_user_agent: string | null;
  resource_type: string;
  resource_id: string | null;
  request_id: string | null;
  after: unknown;
}

const NO_ROLE = DEMO_USERS.find((user) => user.role === null)!;

describe(AuditInterceptor.name, () => {
  let testApp: AuthTestApp;
  let admin: TestBrowser;
  let adminSession: SessionResponse;

  const recordsOf = (response: Response): Promise<StoredRecord[]> => {
    const requestId = response.headers.get('x-request-id');
    assert.ok(requestId, 'every response carries X-Request-ID');
    return testApp.query<StoredRecord>('SELECT * FROM audit_records WHERE request_id = $1 ORDER BY sequence', [
      requestId,
    ]);
  };

  before(async () => {
    testApp = await startAuthTestApp({ controllers: [WidgetsController] });
    admin = new TestBrowser(testApp.url);
    adminSession = await signIn(admin, 'admin');
  });

  after(async () => {
    await testApp?.close();
  });

  it("should record an admin's role grant once, as the domain event, with actor, tenant and request id", async () => {
    await signIn(new TestBrowser(testApp.url), NO_ROLE);
    const { items } = (await (await admin.request('/api/admin/users')).json()) as UserListResponse;
    const jamie = items.find((user) => user.displayName === NO_ROLE.name)!;

    const granted = await admin.request(
      `/api/admin/users/${jamie.id}/roles`,
      withCsrf(adminSession.csrfToken, { method: 'POST', body: { role: 'supervisor' } }),
    );
    assert.equal(granted.status, 204);

    const records = await recordsOf(granted);
    assert.equal(records.length, 1, 'the handler records role.granted; the interceptor adds nothing');
    assert.deepEqual(
      records.map((record) => [
        record.action,
        record.outcome,
        record.actor_type,
        record.actor_user_id,
        record.tenant_id,
        record.resource_type,
        record.resource_id,
      ]),
      [['role.granted', 'success', 'person', adminSession.user.id, adminSession.activeTenant.id, 'user', jamie.id]],
    );
    assert.equal(records[0].request_id, granted.headers.get('x-request-id'));
  });

  it('should record a mutation that fails validation as a failure with the reason', async () => {
    const invalid = await admin.request(
      '/api/admin/roles',
      withCsrf(adminSession.csrfToken, {
        method: 'POST',
        body: { key: 'x', name: 'X', permissions: ['everything:all'] },
      }),
    );
    assert.equal(invalid.status, 400);
    const { message } = (await invalid.json()) as ErrorBody;

    const [record, ...more] = await recordsOf(invalid);
    assert.equal(more.length, 0);
    assert.equal(record.action, 'role.created');
    assert.equal(record.outcome, 'failure');
    assert.equal(record.reason, `400 Bad Request: ${message}`);
    assert.match(record.reason ?? '', /permissions must contain only known permissions/);
    assert.equal(record.actor_user_id, adminSession.user.id);
  });

  it("should record a clinician's forbidden POST as denied", async () => {
    const clinician = new TestBrowser(testApp.url);
    const session = await signIn(clinician, 'clinician');
    const forbidden = await clinician.request(
      '/api/admin/roles',
      withCsrf(session.csrfToken, {
        method: 'POST',
        body: { key: 'sneaky', name: 'Sneaky', permissions: ['users:write'] },
      }),
    );
    assert.equal(forbidden.status, 403);

    const records = await recordsOf(forbidden);
    assert.deepEqual(
      records.map((record) => [
        record.action,
        record.outcome,
        record.actor_type,
        record.actor_user_id,
        record.tenant_id,
      ]),
      [['role.created', 'denied', 'person', session.user.id, session.activeTenant.id]],
    );
    assert.match(
      records[0].reason ?? '',
      /^403 Forbidden: You do not have permission to do this: it needs .*\(roles:write\)/,
    );
  });

  it('should record a mutation by an API token, under a name derived from the route, with secrets redacted', async () => {
    const analyst = new TestBrowser(testApp.url);
    const session = await signIn(analyst, 'analyst');
    const { secret } = (await (
      await analyst.request(
        '/api/tokens',
        withCsrf(session.csrfToken, { method: 'POST', body: { name: 'widget bot', permissions: ['runs:start'] } }),
      )
    ).json()) as CreateApiTokenResponse;

    const noted = await new TestBrowser(testApp.url).request('/api/widgets/w-17/notes', {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'user-agent': 'widget-bot/1.0' },
      body: { note: 'restarted the feed', password: 'hunter2', apiToken: secret, nested: { refresh_token: 'r-123' } },
    });
    assert.equal(noted.status, 201);

    const [record, ...more] = await recordsOf(noted);
    assert.equal(more.length, 0);
    assert.deepEqual(
      [
        record.action,
        record.outcome,
        record.actor_type,
        record.actor_user_id,
        record.resource_type,
        record.resource_id,
        record.actor_user_agent,
      ],
      ['widgets.add-note', 'success', 'api-token', session.user.id, 'widgets', 'w-17', 'widget-bot/1.0'],
    );
    assert.deepEqual(record.after, {
      note: 'restarted the feed',
      password: REDACTED,
      apiToken: REDACTED,
      nested: { refresh_token: REDACTED },
    });
    const leaks = await testApp.query(
      "SELECT id FROM audit_records WHERE after::text LIKE '%hunter2%' OR after::text LIKE $1",
      [`%${secret}%`],
    );
    assert.deepEqual(leaks, []);
  });

  it("should redact a form's CSRF field and record an anonymous caller as system/anonymous in the default tenant", async () => {
    const clinician = new TestBrowser(testApp.url);
    const session = await signIn(clinician, 'clinician');
    const withField = await clinician.request('/api/widgets/w-1/notes', {
      method: 'POST',
      body: { _csrf: session.csrfToken, note: 'via a form field' },
    });
    assert.equal(withField.status, 201);
    assert.deepEqual((await recordsOf(withField))[0].after, { _csrf: REDACTED, note: 'via a form field' });

    const anonymous = await new TestBrowser(testApp.url).request('/api/widgets/w-1/notes', {
      method: 'POST',
      body: { note: 'who am I' },
    });
    assert.equal(anonymous.status, 401);
    const [defaultTenant] = await testApp.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'default'");
    const [record] = await recordsOf(anonymous);
    assert.deepEqual(
      [record.action, record.outcome, record.actor_type, record.actor_user_id, record.tenant_id],
      ['widgets.add-note', 'denied', 'system', 'anonymous', defaultTenant.id],
    );
    assert.ok(record.actor_ip, 'the address an anonymous request came from');
  });

  it('should record an unexpected error as a failure without its message, which may quote personal data', async () => {
    const analyst = new TestBrowser(testApp.url);
    const session = await signIn(analyst, 'analyst');
    const exploded = await analyst.request('/api/widgets/explode', withCsrf(session.csrfToken));
    assert.equal(exploded.status, 500);
    const [record] = await recordsOf(exploded);
    assert.equal(record.outcome, 'failure');
    assert.match(record.reason ?? '', /^500 Internal Server Error: unexpected Error/);
    assert.doesNotMatch(record.reason ?? '', /Jane/);
  });

  it('should fail the request with a 500 when its audit record cannot be written', async () => {
    const analyst = new TestBrowser(testApp.url);
    const session = await signIn(analyst, 'analyst');
    const response = await analyst.request('/api/widgets/unrecordable', withCsrf(session.csrfToken));
    assert.equal(response.status, 500);
    const body = (await response.json()) as ErrorBody;
    assert.equal(body.requestId, response.headers.get('x-request-id'));
    assert.deepEqual(await recordsOf(response), []);
    assert.match(testApp.logText(), /Could not audit widget\.stored \(success\)/);
  });

  it('should not record reads', async () => {
    const clinician = new TestBrowser(testApp.url);
    await signIn(clinician, 'clinician');
    const listed = await clinician.request('/api/widgets');
    assert.equal(listed.status, 200);
    assert.deepEqual(await recordsOf(listed), []);
    const users = await admin.request('/api/admin/users');
    assert.equal(users.status, 200);
    assert.deepEqual(await recordsOf(users), []);
  });

  it("should leave every tenant's chain unbroken", async () => {
    const compliance = new TestBrowser(testApp.url);
    await signIn(compliance, 'compliance');
    const verified = (await (await compliance.request('/api/audit/verify')).json()) as AuditVerifyResult;
    assert.equal(verified.valid, true);
    const audit = testApp.app.get(AuditService);
    const tenants = await testApp.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM audit_records');
    for (const { tenant_id: tenantId } of tenants) {
      const result = await audit.verify(tenantId);
      assert.equal(result.valid, true, `tenant ${tenantId}: ${JSON.stringify(result)}`);
    }
  });
});
