import type { UserListResponse } from '@trustops/contracts';
import { expect, test } from '../fixtures/test.ts';
import { pagePicture } from '../support/page-picture.ts';
import { callApiAs, DEMO_PEOPLE, signInAs, type DemoPerson } from '../support/sign-in.ts';

/**
 * The README's pictures, of the real app on real data: demonstration people sign in, the admin
 * gives a role, and the home page, the compliance audit trail and the admin's list of people are
 * photographed. Every run keeps them with its results; `UPDATE_README_IMAGES=1` also refreshes
 * docs/images/ (home.png, admin-roles.png, audit-viewer.png), each the size of the same window.
 */
const SAME_WINDOW = { viewport: 'window' } as const;

test.describe('README pictures', () => {
  // As NHS staff see it: a British browser (dates as dd/mm/yyyy) on UK time.
  test.use({ viewport: { width: 1280, height: 860 }, locale: 'en-GB', timezoneId: 'Europe/London' });

  test('should photograph the home page, the people in the organisation and the audit trail', async ({
    browser,
    page,
  }, testInfo) => {
    testInfo.setTimeout(90_000);
    // Everyone signs in once, so the admin area lists them and the audit trail has their sign-ins.
    for (const who of [
      'supervisor',
      'operator',
      'analyst',
      'none',
      'compliance',
    ] as const satisfies readonly DemoPerson[]) {
      const context = await browser.newContext();
      await signInAs(await context.newPage(), who);
      await context.close();
    }

    await signInAs(page, 'admin', { returnTo: '/admin/users' });
    const jamie = page.getByRole('row').filter({ hasText: DEMO_PEOPLE.none.name });
    await jamie.getByRole('button', { name: `Give ${DEMO_PEOPLE.none.name} a role` }).click();
    await page.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Supervisor' }).click();
    await page.getByRole('button', { name: 'Give the Supervisor role' }).click();
    await expect(jamie).toContainText('Supervisor');
    await expect(page.getByRole('heading', { name: 'People in this organisation' })).toBeVisible();
    // The admin's picture waits for the confirmation to go (it stays five seconds): the other two
    // pictures are taken meanwhile, in browsers of their own.

    const clinicianContext = await browser.newContext();
    const clinician = await clinicianContext.newPage();
    await signInAs(clinician, 'clinician');
    await expect(clinician.getByTestId('status-database')).toContainText('Working');
    await pagePicture(clinician, testInfo, 'home.png', 'home.png', SAME_WINDOW);
    await clinicianContext.close();

    const complianceContext = await browser.newContext();
    const compliance = await complianceContext.newPage();
    await signInAs(compliance, 'compliance', { returnTo: '/audit' });
    await expect(compliance.getByRole('row').filter({ hasText: 'Gave the Supervisor role' })).toBeVisible();
    await expect(compliance.getByRole('heading', { name: /Audit trail intact/ })).toBeVisible();
    await pagePicture(compliance, testInfo, 'audit-viewer.png', 'audit-viewer.png', SAME_WINDOW);
    await complianceContext.close();

    await page.getByText(`${DEMO_PEOPLE.none.name} now has the Supervisor role.`).waitFor({ state: 'hidden' });
    await pagePicture(page, testInfo, 'admin-roles.png', 'admin-roles.png', SAME_WINDOW);

    // Leave Jamie Patel without a role again, as the other journeys expect.
    const users = (await (await page.request.get('/api/admin/users')).json()) as UserListResponse;
    const jamieId = users.items.find((user) => user.displayName === DEMO_PEOPLE.none.name)?.id;
    expect(jamieId).toBeDefined();
    const revoked = await callApiAs(page, 'DELETE', `/api/admin/users/${jamieId}/roles/supervisor`);
    expect(revoked.ok(), 'taking the Supervisor role away again').toBe(true);
  });
});
