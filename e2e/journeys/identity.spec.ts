import type { Page } from '@playwright/test';
import { permissionsForRoles, ROLES, type Permission } from '@trustops/contracts';
import { expect, test } from '../fixtures/test.ts';
import { pagePicture } from '../support/page-picture.ts';
import {
  accountButton,
  currentSession,
  DEMO_PEOPLE,
  signInAs,
  signOutThroughMenu,
  type DemoPerson,
} from '../support/sign-in.ts';

/**
 * The areas of the client, with who may open each (client/src/app/core/areas.ts and
 * admin/admin-tabs.ts, written out again here so the journeys check the client rather than
 * repeat it). Anyone holding one of `permissions` may open the page; `navigation` is the side
 * navigation entry the page belongs to, when it has one of its own.
 */
const PAGES: readonly { path: string; navigation?: string; permissions: readonly Permission[] }[] = [
  { path: '/wizards', navigation: 'Guided wizards', permissions: ['runs:start'] },
  { path: '/runs', navigation: 'Runs', permissions: ['runs:read'] },
  { path: '/runbooks', navigation: 'Runbooks', permissions: ['runbooks:read'] },
  { path: '/workspaces', navigation: 'Workspaces', permissions: ['workspaces:read'] },
  { path: '/incidents', navigation: 'Incidents', permissions: ['incidents:read'] },
  { path: '/tasks', navigation: 'Tasks', permissions: ['tasks:read'] },
  { path: '/schedules', navigation: 'Schedules', permissions: ['schedules:read'] },
  { path: '/revenue-cycle', navigation: 'Revenue cycle', permissions: ['rcm:read'] },
  { path: '/approvals', navigation: 'Approvals', permissions: ['decisions:read', 'decisions:provide-input'] },
  { path: '/admin/users', navigation: 'Admin', permissions: ['users:read'] },
  { path: '/admin/roles', permissions: ['roles:read'] },
  { path: '/admin/tenants', permissions: ['tenants:read'] },
  { path: '/admin/tokens', permissions: ['tokens:manage'] },
  { path: '/audit', navigation: 'Audit trail', permissions: ['audit:read'] },
];
/** The admin area's entry shows for any of its tabs except API tokens, which the user menu offers. */
const ADMIN_NAVIGATION: readonly Permission[] = ['users:read', 'roles:read', 'tenants:read'];

/** The server's own answer for the #3 endpoints, by the permission each needs. */
const ENDPOINTS: readonly { path: string; permission: Permission }[] = [
  { path: '/api/admin/users', permission: 'users:read' },
  { path: '/api/admin/roles', permission: 'roles:read' },
  { path: '/api/admin/tenants', permission: 'tenants:read' },
  { path: '/api/tokens', permission: 'tokens:manage' },
  { path: '/api/audit', permission: 'audit:read' },
];

const NO_ACCESS_HEADING = "You don't have access to this page";

/** The known areas' navigation entries the permissions `granted` open, in the order PAGES lists them. */
function expectedNavigation(granted: ReadonlySet<Permission>): string[] {
  const entries = ['Home'];
  for (const page of PAGES) {
    if (page.navigation === undefined) continue;
    const needs = page.navigation === 'Admin' ? ADMIN_NAVIGATION : page.permissions;
    if (needs.some((permission) => granted.has(permission))) entries.push(page.navigation);
  }
  return entries;
}

/**
 * The side navigation's entries as assistive technology reads them: each link's accessible name
 * (its title; the one-line summary is its description) and where it leads.
 */
async function navigationLinks(page: Page): Promise<{ title: string; path: string }[]> {
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  await expect(links.first()).toBeVisible();
  const entries: { title: string; path: string }[] = [];
  for (const link of await links.all()) {
    // The link's line in its ARIA snapshot: `- link "Audit trail":`, the name quoted as in JSON.
    const name = /^- link ("(?:[^"\\]|\\.)*")/.exec(await link.ariaSnapshot())?.[1];
    expect(name, 'every navigation entry has a name').toBeDefined();
    const href = await link.getAttribute('href');
    entries.push({ title: JSON.parse(name ?? '""') as string, path: new URL(href ?? '', page.url()).pathname });
  }
  return entries;
}

/**
 * The navigation offers exactly the known areas `granted` opens. Areas this journey does not know
 * yet (added since) are left to {@link expectPagesAndEntries}, so a new area does not fail it.
 */
async function expectNavigationFor(page: Page, granted: ReadonlySet<Permission>): Promise<void> {
  const known = new Set(['Home', ...PAGES.flatMap((area) => (area.navigation === undefined ? [] : [area.navigation]))]);
  const shown = (await navigationLinks(page)).map((link) => link.title).filter((title) => known.has(title));
  expect(shown).toEqual(expectedNavigation(granted));
}

/**
 * Every page by its address, and every entry the navigation offers, each loaded once (most entries
 * lead to one of PAGES, and a page load is what these journeys spend their time on): a page of
 * PAGES opens when `granted` allows it and otherwise shows the no-access page in its place, under
 * the address asked for; an offered entry opens its page rather than the no-access page.
 */
async function expectPagesAndEntries(page: Page, granted: ReadonlySet<Permission>): Promise<void> {
  const areas = new Map(PAGES.map((area) => [area.path, area]));
  const entries = new Map((await navigationLinks(page)).map(({ title, path }) => [path, title]));
  const heading = page.getByRole('heading', { level: 1 });
  for (const path of new Set([...areas.keys(), ...entries.keys()])) {
    await page.goto(path);
    const area = areas.get(path);
    if (area !== undefined) {
      if (area.permissions.some((permission) => granted.has(permission))) {
        await expect(heading, `${path} should open`).not.toHaveText(NO_ACCESS_HEADING);
        await expect(heading, `${path} should open`).toBeVisible();
      } else {
        await expect(heading, `${path} should be refused`).toHaveText(NO_ACCESS_HEADING);
      }
      expect(new URL(page.url()).pathname, 'the address stays the page asked for').toBe(path);
    }
    const title = entries.get(path);
    if (title !== undefined) {
      await expect(heading, `${title} (${path}) should open`).toBeVisible();
      await expect(heading, `${title} (${path}) should open`).not.toHaveText(NO_ACCESS_HEADING);
    }
  }
}

test.describe('Who sees what', () => {
  for (const who of [...ROLES, 'none'] as const satisfies readonly DemoPerson[]) {
    test(`should show ${DEMO_PEOPLE[who].name} (${who}) only what the ${who} role allows`, async ({ page }) => {
      test.slow(); // every area's page in turn, on a shared two-core machine
      const granted = new Set(permissionsForRoles(who === 'none' ? [] : [who]));
      await signInAs(page, who);

      // The server grants exactly the permissions the shared map gives the role.
      const session = await currentSession(page);
      expect(session.roles).toEqual(who === 'none' ? [] : [who]);
      expect(new Set(session.permissions)).toEqual(granted);

      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${DEMO_PEOPLE[who].name}`);
      await expectNavigationFor(page, granted);
      await expectPagesAndEntries(page, granted);

      // The server agrees with the client for the identity and audit endpoints.
      for (const endpoint of ENDPOINTS) {
        const response = await page.request.get(endpoint.path);
        expect(response.status(), `GET ${endpoint.path}`).toBe(granted.has(endpoint.permission) ? 200 : 403);
      }
    });
  }

  test('should show a clinician the no-access page for admin, saying who can and the way home', async ({ page }) => {
    await signInAs(page, 'clinician');
    await page.goto('/admin');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NO_ACCESS_HEADING);
    await expect(page).toHaveURL(/\/admin$/);
    const main = page.getByRole('main');
    await expect(main).toContainText(
      'This page is for people who can see users: that is a Compliance officer or an Administrator.',
    );
    await expect(main).toContainText('You are signed in as Clinician in Default organisation.');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Admin/ })).toHaveCount(0);

    await main.getByRole('link', { name: 'Go to the home page' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${DEMO_PEOPLE.clinician.name}`);
  });
});

test.describe('Giving a role', () => {
  test('should let the admin give a person a role, which the audit trail shows to the admin and to compliance', async ({
    browser,
    page,
  }) => {
    test.slow(); // several people and browsers on a shared two-core machine
    // People appear in the admin area once they have signed in: Jamie Patel (no role) signs in first.
    const jamieContext = await browser.newContext();
    const jamie = await jamieContext.newPage();
    await signInAs(jamie, 'none');
    await expectNavigationFor(jamie, new Set());

    await signInAs(page, 'admin', { returnTo: '/admin/users' });
    await expect(page.getByRole('heading', { name: 'People in this organisation' })).toBeVisible();
    const jamieRow = page.getByRole('row').filter({ hasText: DEMO_PEOPLE.none.name });
    await expect(jamieRow).toContainText('No role');

    await jamieRow.getByRole('button', { name: `Give ${DEMO_PEOPLE.none.name} a role` }).click();
    const dialog = page.getByRole('dialog', { name: `Give ${DEMO_PEOPLE.none.name} a role` });
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Integration analyst' }).click();
    await expect(dialog).toContainText('Browse workspaces');
    await dialog.getByRole('button', { name: 'Give the Integration analyst role' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`${DEMO_PEOPLE.none.name} now has the Integration analyst role.`)).toBeVisible();
    await expect(jamieRow).toContainText('Integration analyst');

    // The grant takes effect for Jamie at once, without signing in again.
    await jamie.reload();
    await expect(() => expectNavigationFor(jamie, new Set(permissionsForRoles(['analyst'])))).toPass();
    await jamieContext.close();

    // The admin's audit trail shows who gave which role to whom.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Audit trail/ })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
    const grant = page.getByRole('row').filter({ hasText: 'Gave the Integration analyst role' });
    await expect(grant).toHaveCount(1);
    await expect(grant).toContainText(DEMO_PEOPLE.admin.name);
    await expect(grant).toContainText(DEMO_PEOPLE.none.name);
    await expect(grant).toContainText('Succeeded');

    // So does the compliance officer's, in a browser of their own.
    const complianceContext = await browser.newContext();
    const compliance = await complianceContext.newPage();
    await signInAs(compliance, 'compliance', { returnTo: '/audit' });
    const seenByCompliance = compliance.getByRole('row').filter({ hasText: 'Gave the Integration analyst role' });
    await expect(seenByCompliance).toHaveCount(1);
    await expect(seenByCompliance).toContainText(DEMO_PEOPLE.admin.name);
    await expect(seenByCompliance).toContainText(DEMO_PEOPLE.none.name);
    await seenByCompliance.getByRole('button', { name: /Gave the Integration analyst role/ }).click();
    const details = compliance.getByRole('dialog');
    await expect(details).toContainText(DEMO_PEOPLE.admin.name);
    await expect(details).toContainText(DEMO_PEOPLE.none.name);
    await complianceContext.close();

    // Take the role away again through the confirmation, which the trail records too.
    await page.goto('/admin/users');
    await page
      .getByRole('button', { name: `Take away the Integration analyst role from ${DEMO_PEOPLE.none.name}` })
      .click();
    const confirm = page.getByRole('dialog', { name: 'Take away the Integration analyst role?' });
    await confirm.getByRole('button', { name: 'Take away role' }).click();
    await expect(page.getByText(`${DEMO_PEOPLE.none.name} no longer has the Integration analyst role.`)).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: DEMO_PEOPLE.none.name })).toContainText('No role');
  });
});

test.describe('Signing out', () => {
  test('should end the session: signed-out shell, the old cookie refused, and Back shows nothing protected', async ({
    browser,
    page,
  }) => {
    await signInAs(page, 'compliance', { returnTo: '/audit' });
    await expect(page.getByRole('heading', { name: 'Records', exact: true })).toBeVisible();
    await expect(page.getByRole('row').nth(1)).toBeVisible();
    const oldCookies = await page.context().cookies();

    await signOutThroughMenu(page, 'compliance');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to TrustOps');
    await expect(accountButton(page, 'compliance')).toHaveCount(0);

    // The session is over on the server: its cookie, replayed from another browser, is refused.
    const replay = await browser.newContext();
    await replay.addCookies(oldCookies);
    for (const path of ['/api/session', '/api/audit']) {
      const response = await replay.request.get(path);
      expect(response.status(), `GET ${path} with the old session cookie`).toBe(401);
    }
    await replay.close();

    // Back, past the provider's sign-out page, to the audit trail: no records, and the page asks
    // who is signing in instead.
    for (let steps = 0; steps < 3 && new URL(page.url()).pathname !== '/audit'; steps++) {
      await page.goBack();
    }
    await expect(page.getByRole('heading', { name: 'Choose who to sign in as' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Records', exact: true })).toHaveCount(0);
    await expect(page.getByRole('table')).toHaveCount(0);
  });
});

test.describe('Organisations', () => {
  const riverside = 'Riverside Community Health NHS Trust';
  const sentTo = (email: string) =>
    `Invitation sent to ${email}. They will see it on their Home page when they next open TrustOps.`;

  test('should let the admin create an organisation and invite people without learning who uses TrustOps, and the invited colleague join it and switch to it with their role and data following', async ({
    browser,
    page,
  }, testInfo) => {
    test.slow(); // several people and browsers on a shared two-core machine
    // David Evans (compliance) has signed in before; nobody.here@nhs.net never has. The admin is told the same about both.
    const davidContext = await browser.newContext();
    const david = await davidContext.newPage();
    await signInAs(david, 'compliance');

    await signInAs(page, 'admin', { returnTo: '/admin/tenants' });
    await page.getByRole('button', { name: 'Create an organisation' }).click();
    const create = page.getByRole('dialog', { name: 'Create an organisation' });
    await create.getByRole('textbox', { name: 'Name' }).fill(riverside);
    await create.getByRole('button', { name: 'Create organisation' }).click();
    await expect(page.getByText(`${riverside} is ready.`)).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: riverside })).toBeVisible();

    // Priya switches to it from the menu under her name, and is its administrator.
    await accountButton(page, 'admin').click();
    const organisations = page.getByRole('group', { name: 'Organisation' });
    await expect(organisations.getByRole('menuitemradio', { name: 'Default organisation' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await organisations.getByRole('menuitemradio', { name: riverside }).click();
    await expect(page.getByText(`You are now working in ${riverside}.`)).toBeVisible();

    // Only Riverside's people: Priya alone. She invites two emails and is told the same about each.
    await page.goto('/admin/users');
    const people = page.getByRole('table', { name: 'People in this organisation' });
    await expect(people.getByRole('row')).toHaveCount(2);
    await expect(page.getByText('Nobody is waiting to join.')).toBeVisible();
    for (const email of ['nobody.here@nhs.net', 'david.evans@nhs.net']) {
      await page.getByRole('button', { name: 'Invite a person' }).click();
      const invite = page.getByRole('dialog', { name: `Invite a person to ${riverside}` });
      await invite.getByRole('textbox', { name: 'Their email address' }).fill(email);
      await invite.getByRole('combobox', { name: 'Role' }).click();
      await page.getByRole('option', { name: 'Compliance officer' }).click();
      await invite.getByRole('button', { name: 'Send invitation' }).click();
      await expect(invite).toBeHidden();
      await expect(page.getByText(sentTo(email))).toBeVisible();
    }
    const waiting = page.getByRole('table', { name: 'Waiting to join' });
    for (const email of ['nobody.here@nhs.net', 'david.evans@nhs.net']) {
      await expect(waiting.getByRole('row').filter({ hasText: email })).toContainText('Compliance officer');
      await expect(waiting.getByRole('button', { name: `Withdraw the invitation to ${email}` })).toBeVisible();
    }
    await expect(people.getByRole('row'), 'nobody joins until they accept').toHaveCount(2);
    await pagePicture(page, testInfo, 'users-waiting-to-join.png');

    // David opens Home again: the invitation is there; he joins with the keyboard and switches to Riverside.
    await david.reload();
    const card = david.getByRole('region', { name: 'An invitation for you' });
    await expect(card).toContainText(
      `${DEMO_PEOPLE.admin.name} invited you to join ${riverside} as Compliance officer.`,
    );
    await pagePicture(david, testInfo, 'home-invitation.png');
    await card.getByRole('button', { name: `Join ${riverside}`, exact: true }).focus();
    await david.keyboard.press('Enter');
    await expect(card).toContainText(`You have joined ${riverside} as Compliance officer.`);
    await pagePicture(david, testInfo, 'home-invitation-joined.png');
    await card.getByRole('button', { name: 'Switch to it now' }).click();
    await expect(david.getByText(`You are now working in ${riverside}.`)).toBeVisible();
    await expect(david.getByRole('main')).toContainText(`You are signed in to ${riverside} as Compliance officer.`);
    await expect(david.getByRole('button', { name: `Join ${riverside}`, exact: true })).toHaveCount(0);

    // In Riverside he sees Riverside's trail, and none of the default organisation's.
    await david.goto('/audit');
    await expect(david.getByRole('row').filter({ hasText: 'Created an organisation' })).toContainText(
      DEMO_PEOPLE.admin.name,
    );
    const invited = david.getByRole('row').filter({ hasText: 'Invited a person' });
    await expect(invited).toHaveCount(2);
    await expect(invited.filter({ hasText: DEMO_PEOPLE.admin.name })).toHaveCount(2);
    await expect(david.getByRole('row').filter({ hasText: 'Joined the organisation' })).toContainText(
      DEMO_PEOPLE.compliance.name,
    );
    await expect(david.getByRole('row').filter({ hasText: 'Signed in' })).toHaveCount(0);
    await pagePicture(david, testInfo, 'audit-after-joining.png');
    await davidContext.close();

    // Priya now sees David among Riverside's people, and only the other invitation still waiting.
    await page.reload();
    await expect(people.getByRole('row').filter({ hasText: DEMO_PEOPLE.compliance.name })).toContainText(
      'Compliance officer',
    );
    await expect(waiting.getByRole('row')).toHaveCount(2);
    await expect(waiting).toContainText('nobody.here@nhs.net');

    await accountButton(page, 'admin').click();
    await page.getByRole('menuitemradio', { name: 'Default organisation' }).click();
    await expect(page.getByText('You are now working in Default organisation.')).toBeVisible();
    await expectNavigationFor(page, new Set(permissionsForRoles(['admin'])));
  });
});
