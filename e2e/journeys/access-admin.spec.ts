import { readFileSync } from 'node:fs';
import { expect, test } from '../fixtures/test.ts';
import { DEMO_PEOPLE, signInAs } from '../support/sign-in.ts';

test.describe('Personal API tokens', () => {
  test('should show a new token once, let a tool use it within its permissions, and refuse it once revoked', async ({
    page,
    playwright,
  }) => {
    await signInAs(page, 'analyst', { returnTo: '/admin/tokens' });
    await expect(page.getByRole('heading', { name: 'Your API tokens' })).toBeVisible();

    await page.getByRole('button', { name: 'Create a token' }).click();
    const create = page.getByRole('dialog', { name: 'Create an API token' });
    await create.getByRole('textbox', { name: 'Name' }).fill('Journey laptop');
    // Nothing chosen yet: the dialog says so rather than creating a token that can do nothing.
    await create.getByRole('button', { name: 'Create token' }).click();
    await expect(create.getByRole('alert')).toHaveText('Choose at least one permission.');
    await create.getByRole('checkbox', { name: 'See agent runners and transcripts' }).check();
    await create.getByRole('button', { name: 'Create token' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Copy your new token now' });
    await expect(secretDialog).toContainText('This is the only time you will see this token.');
    const secret = await secretDialog.getByRole('textbox', { name: 'Token “Journey laptop”' }).inputValue();
    expect(secret).toMatch(/^trustops_pat_/);
    await secretDialog.getByRole('button', { name: 'I have stored it safely' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Journey laptop' });
    await expect(row).toContainText('Active');
    await expect(page.getByText(secret)).toHaveCount(0);

    // A tool holding the token, with no session cookie: only what the token was given.
    const tool = await playwright.request.newContext({
      baseURL: new URL(page.url()).origin,
      extraHTTPHeaders: { authorization: `Bearer ${secret}` },
    });
    expect((await tool.get('/api/session')).status()).toBe(200);
    expect((await tool.get('/api/runners')).status(), 'runners:read was given').toBe(200);
    expect((await tool.get('/api/tokens')).status(), 'tokens:manage was not given').toBe(403);

    await row.getByRole('button', { name: 'Revoke the token Journey laptop' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke the token “Journey laptop”?' })
      .getByRole('button', { name: 'Revoke token' })
      .click();
    await expect(row).toContainText('Revoked');
    expect((await tool.get('/api/session')).status(), 'a revoked token').toBe(401);
    await tool.dispose();
  });
});

test.describe('Custom roles', () => {
  test('should let the admin create a role in the matrix and give it, opening exactly its areas to that person', async ({
    browser,
    page,
  }) => {
    test.slow(); // several people and browsers on a shared two-core machine
    const wardContext = await browser.newContext();
    const ward = await wardContext.newPage();
    await signInAs(ward, 'none');

    await signInAs(page, 'admin', { returnTo: '/admin/roles' });
    await page.getByRole('button', { name: 'Create a custom role' }).click();
    const create = page.getByRole('dialog', { name: 'Create a custom role' });
    await create.getByRole('textbox', { name: 'Name' }).fill('Audit reader');
    await expect(create.getByRole('textbox', { name: 'Key' })).toHaveValue('audit-reader');
    await create.getByRole('checkbox', { name: 'Read the audit trail' }).check();
    await create.getByRole('button', { name: 'Create role' }).click();
    await expect(page.getByText('The Audit reader role has been created.')).toBeVisible();
    await expect(page.getByRole('columnheader', { name: /Audit reader/ })).toBeVisible();

    await page.getByRole('tab', { name: 'Users' }).click();
    const jamie = page.getByRole('row').filter({ hasText: DEMO_PEOPLE.none.name });
    await jamie.getByRole('button', { name: `Give ${DEMO_PEOPLE.none.name} a role` }).click();
    await page.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Audit reader (custom)' }).click();
    await page.getByRole('button', { name: 'Give the Audit reader role' }).click();
    await expect(jamie).toContainText('Audit reader');

    await ward.goto('/audit');
    await expect(ward.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
    await expect(
      ward.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Audit trail/ }),
    ).toBeVisible();
    await ward.goto('/admin/users');
    await expect(ward.getByRole('heading', { level: 1 })).toHaveText("You don't have access to this page");

    // Back as it was, so other journeys meet Jamie Patel without a role.
    await page.getByRole('button', { name: `Take away the Audit reader role from ${DEMO_PEOPLE.none.name}` }).click();
    await page
      .getByRole('dialog', { name: 'Take away the Audit reader role?' })
      .getByRole('button', { name: 'Take away role' })
      .click();
    await expect(jamie).toContainText('No role');
    await wardContext.close();
  });
});

test.describe('Audit evidence', () => {
  test('should let compliance check the chain, filter the trail and export what matches', async ({ page }) => {
    await signInAs(page, 'compliance', { returnTo: '/audit' });
    await expect(page.getByRole('heading', { name: /^Audit trail intact — \d+ records checked$/ })).toBeVisible();

    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Signed in', exact: true }).click();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const rows = page.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect(rows.first()).toContainText('Signed in');
    for (const text of await rows.allInnerTexts()) expect(text).toContain('Signed in');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export as CSV, for spreadsheets' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toContain('action');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toContain('auth.signed-in');

    // Exporting is itself recorded.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Exported audit evidence' }).first()).toBeVisible();
  });
});
