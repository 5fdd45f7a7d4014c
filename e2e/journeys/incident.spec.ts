import { readFileSync } from 'node:fs';
import type { Browser, TestInfo } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { pagePicture } from '../support/page-picture.ts';
import { signInAs } from '../support/sign-in.ts';

const REPORT = 'checkout is failing after the deploy';

/** Another person's browser, on UK time like the page's. */
const anotherBrowser = (browser: Browser, testInfo: TestInfo) =>
  browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: 'en-GB', timezoneId: 'Europe/London' });

test.describe('Incidents', () => {
  // As NHS staff see it: a British browser on UK time.
  test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

  test('should let an operator report a problem, watch it diagnosed live, have a supervisor approve the rollback, and download the summary once verified', async ({
    browser,
    page,
  }, testInfo) => {
    test.setTimeout(180_000);
    const newContext = () => anotherBrowser(browser, testInfo);

    // An administrator sets the practice connections to act out the failed checkout release.
    const adminContext = await newContext();
    try {
      const admin = await adminContext.newPage();
      await signInAs(admin, 'admin', { returnTo: '/settings' });
      await expect(admin.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
      const connections = admin.getByRole('list', { name: 'Connections' }).getByRole('listitem');
      await expect(connections).toHaveCount(6);
      const datadog = connections.filter({ hasText: 'Datadog' });
      await expect(datadog).toContainText('Mode: Practice (pretend)');
      // Live needs Datadog's keys in the server's configuration, so it cannot be chosen yet, and it says why.
      await datadog.getByRole('button', { name: 'Change Datadog mode' }).click();
      await expect(datadog.getByRole('radio', { name: 'Live (real system)' })).toBeDisabled();
      await expect(datadog).toContainText('set DATADOG_API_KEY and DATADOG_APP_KEY');
      await admin.getByRole('radio', { name: /Partial rollout failure of checkout-service v3\.1\.0/ }).check();
      await admin.getByRole('button', { name: 'Use this scenario' }).click();
      await expect(admin.getByRole('status').filter({ hasText: 'The pretend connections now act out' })).toBeVisible();
      await pagePicture(admin, testInfo, 'settings.png', 'settings.png');
    } finally {
      await adminContext.close();
    }

    // The operator describes the problem in their own words and watches the diagnosis arrive.
    await signInAs(page, 'operator', { returnTo: '/incidents' });
    await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
    await page.getByRole('textbox', { name: 'What is the problem?' }).fill(REPORT);
    await page.getByRole('button', { name: 'Report the problem' }).click();
    const conversation = page.getByRole('log', { name: 'Conversation' });
    await expect(conversation).toContainText(REPORT);
    await expect(conversation).toContainText('I am opening an incident');
    await expect(conversation).toContainText('I have opened the incident');
    await expect(conversation).toContainText('The likely cause:', { timeout: 60_000 });
    await expect(conversation).toContainText('What I suggest:', { timeout: 30_000 });
    await expect(page.getByRole('list', { name: 'Active incidents' }).getByRole('listitem')).not.toHaveCount(0);
    await expect(
      page.getByRole('region', { name: 'Key measurements' }).locator('to-metric-chart').first(),
    ).toBeVisible();
    // The fixes TrustOps can carry out are the runbook library's incident runbooks.
    await expect(
      page.getByRole('list', { name: 'Incident runbooks' }).getByRole('link', { name: 'Roll back a deployment' }),
    ).toHaveAttribute('href', '/runbooks/incidents-rollback-deploy');
    await pagePicture(page, testInfo, 'incidents-dashboard.png', 'incidents-dashboard.png');

    await conversation.getByRole('link', { name: 'Open the incident' }).first().click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
    const incidentPath = new URL(page.url()).pathname;
    const status = page.getByTestId('incident-status');
    await expect(status).toHaveText('Waiting for approval', { timeout: 30_000 });
    await expect(page.getByTestId('finding').getByRole('meter', { name: 'Confidence in this cause' })).toBeVisible();
    const rollback = page.getByTestId('action').filter({ hasText: /roll/i }).first();
    await expect(rollback).toContainText('Waiting for approval');
    // The operator who reported it cannot approve the change themselves.
    await expect(rollback.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await expect(rollback).toContainText('approving or rejecting needs a role such as Supervisor');

    // A supervisor, in a browser of their own, approves the rollback right on the incident page.
    const supervisorContext = await newContext();
    try {
      const supervisor = await supervisorContext.newPage();
      await signInAs(supervisor, 'supervisor', { returnTo: incidentPath });
      const action = supervisor.getByTestId('action').filter({ hasText: /roll/i }).first();
      await expect(action.getByRole('button', { name: 'Approve' })).toBeVisible();
      await pagePicture(supervisor, testInfo, 'incident-detail-approval.png');
      await action.getByRole('button', { name: 'Approve' }).click();
      await expect(supervisor.getByRole('status').filter({ hasText: 'You approved' })).toBeVisible();
    } finally {
      await supervisorContext.close();
    }

    // The operator's page follows without a reload: the fix is carried out and verified.
    await expect(page.getByTestId('verification')).toContainText('Verification passed: the fix worked', {
      timeout: 90_000,
    });
    await expect(status).toHaveText('Resolved', { timeout: 30_000 });
    const timeline = page.getByRole('list', { name: 'Timeline' }).getByRole('listitem');
    await expect(timeline.filter({ hasText: /Verification passed/ }).first()).toBeVisible();
    await pagePicture(page, testInfo, 'incident-detail.png', 'incident-detail.png');

    // The summary for the incident record downloads as Markdown.
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download summary' }).first().click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const path = await download.path();
    const summary = readFileSync(path, 'utf8');
    expect(summary).toContain('checkout');
    expect(summary.toLowerCase()).toContain('roll');
    expect(summary).toMatch(/verif/i);

    // On a phone the evidence follows the cause and actions in one column.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole('heading', { level: 2, name: 'Evidence' })).toBeVisible();
    await pagePicture(page, testInfo, 'incident-detail-phone.png');
  });

  test('should show an incident someone else reports on an open dashboard without a reload', async ({
    browser,
    page,
  }, testInfo) => {
    test.setTimeout(90_000);
    await signInAs(page, 'supervisor', { returnTo: '/incidents' });
    await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
    await expect(page.getByText('Live', { exact: true })).toBeVisible();
    const active = page.getByRole('list', { name: 'Active incidents' });
    const report = `The ward printers stopped at ${Date.now()}`;

    const operatorContext = await anotherBrowser(browser, testInfo);
    try {
      const operator = await operatorContext.newPage();
      await signInAs(operator, 'operator', { returnTo: '/incidents' });
      await operator.getByRole('textbox', { name: 'What is the problem?' }).fill(report);
      await operator.getByRole('button', { name: 'Report the problem' }).click();
      await expect(operator.getByRole('log', { name: 'Conversation' })).toContainText('I have opened the incident');
    } finally {
      await operatorContext.close();
    }

    const reported = active.getByRole('listitem').filter({ hasText: report });
    await expect(reported).toBeVisible();
    await expect(reported).toContainText('reported by Grace Okafor');
    // Its status moves on as TrustOps works on it, still without a reload.
    await expect(reported).not.toContainText('Reported', { timeout: 30_000 });
  });
});
