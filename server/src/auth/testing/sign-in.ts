import assert from 'node:assert/strict';
import type { SessionResponse } from '@trustops/contracts';
import { CSRF_HEADER } from '@trustops/contracts';
import { DEMO_USERS, type DemoUser } from '../dev-identity-provider/demo-users.js';
import { TestBrowser } from './test-browser.js';

/** Starts sign-in and follows the redirects to the development provider's page of people. */
export async function openLoginPage(
  browser: TestBrowser,
  returnTo?: string,
): Promise<{ html: string; loginAction: string; abortAction: string }> {
  const start = await browser.request(
    `/auth/login${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`,
  );
  assert.equal(start.status, 302, 'GET /auth/login should redirect to the identity provider');
  const { response } = await browser.follow(start);
  assert.equal(response.status, 200, 'the sign-in page should load');
  const html = await response.text();
  const loginAction = /<form method="post" action="([^"]+\/login)">/.exec(html)?.[1];
  const abortAction = /<form method="post" action="([^"]+\/abort)">/.exec(html)?.[1];
  assert.ok(loginAction && abortAction, 'the sign-in page should have a form of people and a cancel form');
  return { html, loginAction, abortAction };
}

/**
 * Picks `who` on the provider's page and follows the redirects back through /auth/callback,
 * stopping before the page TrustOps returns to (the Angular client). Returns that location.
 */
export async function chooseDemoUser(
  browser: TestBrowser,
  loginAction: string,
  who: DemoUser,
): Promise<{ landedOn: URL; callback: URL }> {
  const chosen = await browser.request(loginAction, {
    method: 'POST',
    body: new URLSearchParams({ subject: who.subject }),
  });
  let callback: URL | undefined;
  const { location } = await browser.follow(chosen, (next) => {
    if (next.pathname === '/auth/callback') callback = next;
    return !next.pathname.startsWith('/oidc/') && next.pathname !== '/auth/callback';
  });
  assert.ok(location && callback, 'sign-in should come back through /auth/callback to a TrustOps page');
  return { landedOn: location, callback };
}

/** A full sign-in as `who` (a demo user or its TrustOps role); returns the session. */
export async function signIn(
  browser: TestBrowser,
  who: DemoUser | DemoUser['role'],
  returnTo?: string,
): Promise<SessionResponse & { landedOn: URL }> {
  const user = typeof who === 'object' && who !== null ? who : DEMO_USERS.find((candidate) => candidate.role === who);
  assert.ok(user, `no demo user for ${typeof who === 'string' ? who : 'that person'}`);
  const { loginAction } = await openLoginPage(browser, returnTo);
  const { landedOn } = await chooseDemoUser(browser, loginAction, user);
  const session = await browser.request('/api/session');
  assert.equal(session.status, 200, `GET /api/session after signing in as ${user.name}`);
  return { ...((await session.json()) as SessionResponse), landedOn };
}

/** JSON request with the session's CSRF token, as the Angular client sends it. */
export function withCsrf(
  csrfToken: string,
  init: { method: string; body?: unknown } = { method: 'POST' },
): { method: string; body?: unknown; headers: Record<string, string> } {
  return { ...init, headers: { [CSRF_HEADER]: csrfToken, accept: 'application/json' } };
}
