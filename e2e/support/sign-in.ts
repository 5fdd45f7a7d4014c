import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { CSRF_HEADER, type RoleName, type SessionResponse } from '@trustops/contracts';

/** A demonstration person of the development identity provider; `none` holds no TrustOps role. */
export type DemoPerson = RoleName | 'none';

/**
 * The development identity provider's demonstration people, by the TrustOps role each demonstrates
 * (server/src/auth/dev-identity-provider/demo-users.ts; e2e may not import server code, so the
 * names are repeated here, and a renamed person fails the sign-in below loudly).
 */
export const DEMO_PEOPLE: Record<DemoPerson, { name: string; subject: string }> = {
  clinician: { name: 'Dr Aisha Rahman', subject: '910000000101' },
  analyst: { name: 'Tom Whitaker', subject: '910000000102' },
  operator: { name: 'Grace Okafor', subject: '910000000103' },
  supervisor: { name: 'Siobhan Murphy', subject: '910000000104' },
  compliance: { name: 'David Evans', subject: '910000000105' },
  admin: { name: 'Priya Shah', subject: '910000000106' },
  none: { name: 'Jamie Patel', subject: '910000000107' },
};

/** The shell's account button, whose accessible name carries the signed-in person's name. */
export function accountButton(page: Page, who: DemoPerson) {
  return page.getByRole('banner').getByRole('button', { name: `Your account: ${DEMO_PEOPLE[who].name}` });
}

/**
 * Signs `page`'s browser context in as the demonstration person for `who`, the way a person does:
 * through /auth/login to the development identity provider's page of people, a click on their
 * name, and back to TrustOps at `returnTo` (a path on this site, `/` by default). Resolves once
 * the shell shows them signed in. Each browser context has its own cookies, so two contexts can be
 * signed in as two different people at once.
 */
export async function signInAs(page: Page, who: DemoPerson, options: { returnTo?: string } = {}): Promise<void> {
  const returnTo = options.returnTo ?? '/';
  await page.goto(returnTo === '/' ? '/auth/login' : `/auth/login?returnTo=${encodeURIComponent(returnTo)}`);

  await expect(page.getByRole('heading', { name: 'Choose who to sign in as' })).toBeVisible();
  const people = page.getByRole('list', { name: 'Demonstration people' });
  await people.getByRole('button', { name: DEMO_PEOPLE[who].name }).click();

  await page.waitForURL((url) => url.pathname === returnTo.split('?')[0]);
  await expect(accountButton(page, who)).toBeVisible();
}

/**
 * Signs out through the user menu, as a person does: TrustOps ends its session, the development
 * identity provider asks whether to sign out there too ("Yes"), and the browser comes back to the
 * TrustOps home page, signed out.
 */
export async function signOutThroughMenu(page: Page, who: DemoPerson): Promise<void> {
  await accountButton(page, who).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign out of the development identity provider?' })).toBeVisible();
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
}

/** The session of the person signed in to `page`'s context (`GET /api/session` with its cookies). */
export async function currentSession(page: Page): Promise<SessionResponse> {
  const response = await page.request.get('/api/session');
  expect(response.status(), 'GET /api/session').toBe(200);
  return (await response.json()) as SessionResponse;
}

/**
 * A state-changing API call with the context's session cookie and CSRF token, as the Angular client
 * sends it; for arranging data a journey needs without clicking through other areas.
 */
export async function callApiAs(
  page: Page,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Awaited<ReturnType<APIRequestContext['fetch']>>> {
  const { csrfToken } = await currentSession(page);
  return page.request.fetch(path, {
    method,
    headers: { [CSRF_HEADER]: csrfToken, accept: 'application/json' },
    ...(body === undefined ? {} : { data: body }),
  });
}
