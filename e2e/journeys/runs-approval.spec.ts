import { expect, test } from '../fixtures/test.ts';
import { signInAs } from '../support/sign-in.ts';

test.describe('Runs and approvals', () => {
  test('should let an operator start a run that a supervisor approves in the inbox, and show it finish live', async ({
    browser,
    page,
  }, testInfo) => {
    test.setTimeout(90_000);

    // The operator starts the approval demo from the runs list.
    await signInAs(page, 'operator', { returnTo: '/runs' });
    await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
    await page.getByRole('link', { name: 'Start a run' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Start a run' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Runbook' }).click();
    await page.getByRole('option', { name: 'Approval demo' }).click();
    const reason = page.getByRole('textbox', { name: 'Reason for the change' });
    await expect(reason).toBeVisible();

    // The form checks answers with the runbook's own rules before anything is sent.
    await reason.fill('ab');
    await page.getByRole('button', { name: 'Start the run' }).click();
    await expect(page.getByText('Reason for the change must be at least 3 characters long.')).toBeVisible();
    await reason.fill('The overnight feed to the PAS needs its new certificate.');
    await page.getByRole('button', { name: 'Start the run' }).click();

    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const runPath = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { level: 1, name: 'Approval demo' })).toBeVisible();
    const runState = page.getByTestId('run-state');
    await expect(runState).toHaveText('Waiting for a person');
    const diagram = page.getByRole('group', { name: /Diagram of the run's 3 steps/ });
    await expect(
      diagram.getByRole('button', { name: /Supervisor approves the change\. Waiting for a person/ }),
    ).toBeVisible();
    await expect(diagram.getByRole('button', { name: /Change requested\. Done/ })).toBeVisible();
    const timeline = page.getByRole('region', { name: 'What happened' }).getByRole('listitem');
    await expect(timeline.filter({ hasText: /'Approval demo' \(version \d+\)/ })).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('run-detail-waiting.png'), fullPage: true });

    // The operator cannot approve their own run, even if they open the inbox.
    await page.goto('/approvals');
    const ownCard = page.locator('to-decision-card').filter({ has: page.locator(`a[href="${runPath}"]`) });
    await expect(ownCard).toBeVisible();
    await expect(ownCard.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await page.goBack();
    await expect(runState).toHaveText('Waiting for a person');

    // A supervisor, in a browser of their own, approves it from the inbox.
    const supervisorContext = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
    try {
      const supervisor = await supervisorContext.newPage();
      await signInAs(supervisor, 'supervisor', { returnTo: '/approvals' });
      await expect(supervisor.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
      const card = supervisor.locator('to-decision-card').filter({ has: supervisor.locator(`a[href="${runPath}"]`) });
      await expect(card).toBeVisible();
      await expect(card.getByTestId('due')).toHaveText(/Due in (59|60) min|Due in 1 h/);
      await expect(card).toContainText('The overnight feed to the PAS needs its new certificate.');
      await expect(card).toContainText('Needs one approval from a Supervisor');
      await supervisor.screenshot({ path: testInfo.outputPath('approvals-inbox.png'), fullPage: true });

      await card.getByRole('textbox', { name: /Comment/ }).fill('Certificate checked with the PAS team.');
      await card.getByRole('button', { name: 'Approve' }).click();
      await expect(supervisor.getByRole('status').filter({ hasText: 'You approved' })).toBeVisible();
      await expect(card).toHaveCount(0);
    } finally {
      await supervisorContext.close();
    }

    // The operator's page follows without a reload.
    await expect(runState).toHaveText('Succeeded', { timeout: 20_000 });
    await expect(timeline.filter({ hasText: /^Siobhan Murphy approved '/ })).toHaveCount(1);
    await expect(timeline.filter({ hasText: 'The run finished successfully' })).toHaveCount(1);
    await expect(diagram.getByRole('button', { name: /Change carried out\. Done/ })).toBeVisible();
    await expect(page.getByText('3 of 3 steps done')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('run-detail-succeeded.png'), fullPage: true });
  });
});
