import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CSRF_HEADER, type SessionResponse } from '@trustops/contracts';
import { SESSION_COOKIE } from '../auth-settings.js';
import { DEMO_USERS } from '../dev-identity-provider/demo-users.js';
import { startAuthTestApp, type AuthTestApp } from '../testing/auth-test-app.js';
import { chooseDemoUser, openLoginPage, signIn, withCsrf } from '../testing/sign-in.js';
import { TestBrowser } from '../testing/test-browser.js';
import { LoginController } from './login.controller.js';

describe(LoginController.name, () => {
  let testApp: AuthTestApp;

  before(async () => {
    testApp = await startAuthTestApp();
  });

  after(async () => {
    await testApp?.close();
  });

  it('should sign in through the development identity provider and describe the session', async () => {
    const browser = new TestBrowser(testApp.url);
    const { html } = await openLoginPage(browser);
    assert.match(html, /Development sign-in — not for real patient data/);
    for (const user of DEMO_USERS) assert.ok(html.includes(user.name), `${user.name} is listed`);

    const session = await signIn(browser, 'clinician', '/runs?view=mine');
    assert.equal(session.landedOn.pathname + session.landedOn.search, '/runs?view=mine');
    assert.equal(session.user.displayName, 'Dr Aisha Rahman');
    assert.equal(session.user.email, 'aisha.rahman@nhs.net');
    assert.deepEqual(session.roles, ['clinician']);
    assert.ok(session.permissions.includes('runs:start'));
    assert.ok(!session.permissions.includes('users:write'));
    assert.equal(session.activeTenant.slug, 'default');
    assert.deepEqual(
      session.tenants.map((tenant) => tenant.slug),
      ['default'],
    );
    assert.match(session.csrfToken, /^[\w-]{40,}$/);
    assert.ok(session.expiresAt && Date.parse(session.expiresAt) > Date.now());
    // Never kept by the browser: Back after signing out must not show it again from the HTTP cache.
    assert.equal((await browser.request('/api/session')).headers.get('cache-control'), 'no-store');
    assert.equal((await new TestBrowser(testApp.url).request('/api/session')).headers.get('cache-control'), 'no-store');

    const [user] = await testApp.query<{ issuer: string; subject: string; status: string }>(
      'SELECT issuer, subject, status FROM users',
    );
    assert.deepEqual(user, { issuer: `${testApp.url}/oidc`, subject: DEMO_USERS[0].subject, status: 'active' });
    const audited = await testApp.query<{ action: string }>(
      "SELECT action FROM audit_records WHERE action = 'auth.signed-in'",
    );
    assert.equal(audited.length, 1);
  });

  it('should set an httpOnly, SameSite=Lax session cookie and rotate its id at sign-in', async () => {
    const browser = new TestBrowser(testApp.url);
    const { loginAction } = await openLoginPage(browser);
    const before = browser.sessionCookie;
    assert.ok(before, 'the login keeps its PKCE verifier, state and nonce in a pre-login session');

    const chosen = await browser.request(loginAction, {
      method: 'POST',
      body: new URLSearchParams({ subject: DEMO_USERS[1].subject }),
    });
    let setCookie: string[] = [];
    let current = chosen;
    while (current.headers.get('location')) {
      const next = new URL(current.headers.get('location')!, testApp.url);
      if (!next.pathname.startsWith('/oidc/') && next.pathname !== '/auth/callback') break;
      current = await browser.request(next.href);
      if (next.pathname === '/auth/callback') setCookie = TestBrowser.setCookieHeaders(current, SESSION_COOKIE);
    }
    assert.equal(setCookie.length, 1);
    assert.match(setCookie[0], /; HttpOnly/);
    assert.match(setCookie[0], /; SameSite=Lax/);
    assert.doesNotMatch(setCookie[0], /; Secure/, 'plain http in tests');
    assert.notEqual(browser.sessionCookie, before, 'a new session id after sign-in');

    const old = new TestBrowser(testApp.url);
    const replay = await old.request('/api/session', { headers: { cookie: `${SESSION_COOKIE}=${before}` } });
    assert.equal(replay.status, 401, 'the pre-login session id is gone');
  });

  it('should refuse to send people to another site after sign-in', async () => {
    const session = await signIn(new TestBrowser(testApp.url), 'analyst', '//evil.example/phish');
    assert.equal(session.landedOn.href, `${testApp.url}/`);
  });

  it("should map each demo person's CIS2 role to their TrustOps role", async () => {
    for (const user of DEMO_USERS) {
      const session = await signIn(new TestBrowser(testApp.url), user);
      assert.deepEqual(session.roles, user.role ? [user.role] : [], user.name);
    }
  });

  it('should reject a callback whose state was tampered with', async () => {
    const browser = new TestBrowser(testApp.url);
    const { loginAction } = await openLoginPage(browser);
    const chosen = await browser.request(loginAction, {
      method: 'POST',
      body: new URLSearchParams({ subject: DEMO_USERS[2].subject }),
    });
    const { location } = await browser.follow(chosen, (next) => next.pathname === '/auth/callback');
    assert.ok(location, 'the provider sends the browser back to the callback');
    assert.ok(location.searchParams.get('state'), 'the provider echoes our state');
    location.searchParams.set('state', 'forged-state');
    const callback = await browser.request(location.href);
    assert.equal(callback.status, 303);
    assert.equal(callback.headers.get('location'), '/auth/error?reason=invalid-response');
    assert.equal((await browser.request('/api/session')).status, 401);
    const failures = await testApp.query<{ outcome: string }>(
      "SELECT outcome FROM audit_records WHERE action = 'auth.sign-in-failed'",
    );
    assert.ok(failures.length >= 1);
  });

  it('should reject a callback replayed in another browser (no PKCE verifier there)', async () => {
    const victim = new TestBrowser(testApp.url);
    const { loginAction } = await openLoginPage(victim);
    const chosen = await victim.request(loginAction, {
      method: 'POST',
      body: new URLSearchParams({ subject: DEMO_USERS[5].subject }),
    });
    const { location } = await victim.follow(chosen, (next) => next.pathname === '/auth/callback');
    assert.ok(location);

    const attacker = new TestBrowser(testApp.url);
    const callback = await attacker.request(location.href);
    assert.equal(callback.headers.get('location'), '/auth/error?reason=invalid-response');
    assert.equal((await attacker.request('/api/session')).status, 401);

    // The code is still good for the browser that started the login; used once, it is spent.
    await victim.request(location.href);
    assert.equal((await victim.request('/api/session')).status, 200);
    const again = await victim.request(location.href);
    assert.equal(again.headers.get('location'), '/auth/error?reason=invalid-response');
  });

  it('should show a friendly page when sign-in is cancelled at the provider', async () => {
    const browser = new TestBrowser(testApp.url);
    const { abortAction } = await openLoginPage(browser);
    const aborted = await browser.request(abortAction, { method: 'POST' });
    const { location } = await browser.follow(aborted, (next) => next.pathname === '/auth/error');
    assert.ok(location);
    assert.equal(location.search, '?reason=cancelled');
    const page = await browser.request(location.href);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Sign-in was cancelled/);
  });

  it('should end a session that has been idle too long, or passed its absolute limit', async () => {
    const idle = new TestBrowser(testApp.url);
    await signIn(idle, 'operator');
    await testApp.query("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id IS NOT NULL");
    const response = await idle.request('/api/session');
    assert.equal(response.status, 401);
    assert.match(((await response.json()) as { message: string }).message, /Your session has ended/);
    assert.equal(idle.sessionCookie, undefined, 'the dead cookie is cleared');

    const old = new TestBrowser(testApp.url);
    await signIn(old, 'operator');
    await testApp.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id IS NOT NULL");
    assert.equal((await old.request('/api/session')).status, 401);
  });

  it('should refuse cookie-authenticated changes without the CSRF token', async () => {
    const browser = new TestBrowser(testApp.url);
    const session = await signIn(browser, 'compliance');
    const body = { tenantId: session.activeTenant.id };

    const missing = await browser.request('/api/session/tenant', { method: 'POST', body });
    assert.equal(missing.status, 403);
    const error = (await missing.json()) as { statusCode: number; message: string; requestId: string };
    assert.equal(error.statusCode, 403);
    assert.match(error.message, /security token/);
    assert.ok(error.requestId);

    const wrong = await browser.request('/api/session/tenant', {
      method: 'POST',
      body,
      headers: { [CSRF_HEADER]: 'not-the-token' },
    });
    assert.equal(wrong.status, 403);

    const right = await browser.request('/api/session/tenant', withCsrf(session.csrfToken, { method: 'POST', body }));
    assert.equal(right.status, 200);
    assert.equal(((await right.json()) as SessionResponse).activeTenant.id, session.activeTenant.id);
  });

  it('should sign out, ending the session here and at the provider', async () => {
    const browser = new TestBrowser(testApp.url);
    const session = await signIn(browser, 'supervisor');

    assert.equal(
      (await browser.request('/auth/logout', { method: 'POST' })).status,
      403,
      'sign-out needs the CSRF token',
    );

    const logout = await browser.request('/auth/logout', {
      method: 'POST',
      body: new URLSearchParams({ _csrf: session.csrfToken }),
    });
    assert.equal(logout.status, 303);
    const endSession = new URL(logout.headers.get('location')!);
    assert.equal(endSession.pathname, '/oidc/session/end');
    assert.ok(endSession.searchParams.get('id_token_hint'));
    assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), `${testApp.url}/`);
    assert.equal((await browser.request('/api/session')).status, 401);

    const confirm = await browser.request(endSession.href);
    const html = await confirm.text();
    assert.match(html, /Sign out of the development identity provider/);
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    assert.ok(form);
    const fields = new URLSearchParams(
      [...form[2].matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((match) => [match[1], match[2]] as [string, string]),
    );
    fields.set('logout', 'yes');
    const ended = await browser.request(form[1], { method: 'POST', body: fields });
    assert.equal(ended.status, 303);
    assert.equal(ended.headers.get('location'), `${testApp.url}/`);

    // The provider's session is over too: signing in again asks who you are.
    const again = await openLoginPage(browser);
    assert.ok(again.loginAction);
    const audited = await testApp.query<{ outcome: string }>(
      "SELECT outcome FROM audit_records WHERE action = 'auth.signed-out' ORDER BY sequence",
    );
    assert.deepEqual(
      audited.map((record) => record.outcome),
      ['denied', 'success'],
      'the attempt without the CSRF token, then the sign-out',
    );
  });

  it('should answer JSON sign-out for the client with where to go next', async () => {
    const browser = new TestBrowser(testApp.url);
    const session = await signIn(browser, 'admin');
    const response = await browser.request('/auth/logout', withCsrf(session.csrfToken));
    assert.equal(response.status, 200);
    const { redirectTo } = (await response.json()) as { redirectTo: string };
    assert.match(redirectTo, /\/oidc\/session\/end\?/);
  });

  it('should send someone already signed in straight back from /auth/login', async () => {
    const browser = new TestBrowser(testApp.url);
    await signIn(browser, 'clinician');
    const again = await browser.request('/auth/login?returnTo=/home');
    assert.equal(again.status, 303);
    assert.equal(again.headers.get('location'), '/home');
  });

  it('should bring the code, our state and the issuer back to the callback', async () => {
    const browser = new TestBrowser(testApp.url);
    const { loginAction } = await openLoginPage(browser);
    const { callback } = await chooseDemoUser(browser, loginAction, DEMO_USERS[3]);
    assert.ok(callback.searchParams.get('code'));
    assert.ok(callback.searchParams.get('state'));
    assert.equal(callback.searchParams.get('iss'), `${testApp.url}/oidc`);
  });
});
