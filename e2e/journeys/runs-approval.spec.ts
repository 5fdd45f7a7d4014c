import { expect, test } from '../fixtures/test.ts';
import { pagePicture as picture } from '../support/page-picture.ts';
import { callApiAs, signInAs } from '../support/sign-in.ts';

test.describe('Runs and approvals', () => {
  // As NHS staff see it: a British browser on UK time.
  test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

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
    await picture(page, testInfo, 'run-detail-waiting.png', 'run-detail.png');

    // The operator cannot approve their own run, even if they open the inbox.
    await page.goto('/approvals');
    const ownCard = page.locator('to-decision-card').filter({ has: page.locator(`a[href="${runPath}"]`) });
    await expect(ownCard).toBeVisible();
    await expect(ownCard.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await page.goBack();
    await expect(runState).toHaveText('Waiting for a person');

    // A supervisor, in a browser of their own, approves it from the inbox.
    const supervisorContext = await browser.newContext({
      baseURL: testInfo.project.use.baseURL,
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    try {
      const supervisor = await supervisorContext.newPage();
      await signInAs(supervisor, 'supervisor', { returnTo: '/approvals' });
      await expect(supervisor.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
      const card = supervisor.locator('to-decision-card').filter({ has: supervisor.locator(`a[href="${runPath}"]`) });
      await expect(card).toBeVisible();
      await expect(card.getByTestId('due')).toHaveText(/Due in (59|60) min|Due in 1 h/);
      await expect(card).toContainText('The overnight feed to the PAS needs its new certificate.');
      await expect(card).toContainText('Needs one approval from a Supervisor');
      await picture(supervisor, testInfo, 'approvals-inbox.png', 'approvals-inbox.png');

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
    await picture(page, testInfo, 'run-detail-succeeded.png');
  });

  test('should let the operator cancel a run that waits for approval, after asking', async ({ page }) => {
    await signInAs(page, 'operator');
    const started = await callApiAs(page, 'POST', '/api/runs', {
      runbookId: 'approval-demo',
      inputs: { reason: 'A change that is no longer needed.' },
    });
    expect(started.status(), 'POST /api/runs').toBe(201);
    const { id } = (await started.json()) as { id: string };

    await page.goto(`/runs/${id}`);
    const runState = page.getByTestId('run-state');
    await expect(runState).toHaveText('Waiting for a person');
    await page.getByRole('button', { name: 'Cancel run' }).click();
    const dialog = page.getByRole('dialog', { name: "Cancel 'Approval demo'?" });
    await expect(dialog).toContainText('Steps that have already finished are not undone.');
    await dialog.getByRole('button', { name: 'Cancel the run' }).click();

    await expect(runState).toHaveText('Cancelled');
    await expect(page.getByRole('status').filter({ hasText: 'This run was cancelled.' })).toBeVisible();
    const timeline = page.getByRole('region', { name: 'What happened' }).getByRole('listitem');
    await expect(timeline.filter({ hasText: 'Grace Okafor cancelled the run' })).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible();
  });

  test('should let an analyst add a runbook, see its failed step among those that need a retry, and retry it', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await signInAs(page, 'analyst', { returnTo: '/runbooks' });
    await page.getByRole('link', { name: 'Add a runbook' }).click();
    const editor = page.getByRole('textbox', { name: 'Runbook definition (YAML)' });
    await editor.fill(
      [
        'id: unreachable-check',
        'version: 1',
        'title: Unreachable check',
        'description: Calls a system TrustOps is not allowed to reach, so its one step fails.',
        'inputs:',
        '  address:',
        '    type: string',
        '    label: Address to call',
        '    default: https://not-on-the-allow-list.invalid/status',
        'steps:',
        '  - id: call',
        '    title: Call the system',
        '    type: http.request',
        '    with:',
        "      url: '{{ inputs.address }}'",
        '',
      ].join('\n'),
    );
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Unreachable check' })).toBeVisible();

    await page.getByRole('link', { name: 'Start a run' }).click();
    await expect(page.getByRole('textbox', { name: 'Address to call (optional)' })).toHaveValue(
      'https://not-on-the-allow-list.invalid/status',
    );
    await page.getByRole('button', { name: 'Start the run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('run-state')).toHaveText('Failed');
    const timeline = page.getByRole('region', { name: 'What happened' }).getByRole('listitem');
    await expect(timeline.filter({ hasText: /^Step 'Call the system' failed: / })).toHaveCount(1);

    await page.getByRole('link', { name: 'All runs' }).click();
    const deadLetters = page.getByRole('region', { name: /needs? someone to retry/ });
    await expect(deadLetters).toContainText("Unreachable check: step 'Call the system'");
    await deadLetters.getByRole('button', { name: /Retry/ }).first().click();
    const dialog = page.getByRole('dialog', { name: "Retry 'Call the system'?" });
    await dialog.getByRole('button', { name: 'Retry the step' }).click();
    await expect(dialog).toHaveCount(0);

    await deadLetters.getByRole('link', { name: "Unreachable check: step 'Call the system'" }).first().click();
    await expect(timeline.filter({ hasText: /^Step 'Call the system' failed: / })).toHaveCount(2);
  });

  test('should show an analyst a runbook: what it asks for, its steps, its definition', async ({ page }) => {
    await signInAs(page, 'analyst', { returnTo: '/runbooks' });
    await page.getByRole('link', { name: 'Approval demo' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Approval demo' })).toBeVisible();
    const diagram = page.getByRole('group', { name: /Diagram of the run's 3 steps/ });
    await expect(
      diagram.getByRole('button', { name: /Supervisor approves the change\. Approved by supervisor/ }),
    ).toBeVisible();
    await expect(page.getByRole('table', { name: 'What it asks for' })).toContainText('Reason for the change');

    // Each step is reachable from the keyboard, in reading order.
    await diagram.getByRole('button').first().focus();
    await page.keyboard.press('Tab');
    await expect(diagram.getByRole('button', { name: /^Step 2 of 3/ })).toBeFocused();

    await page.getByRole('tab', { name: 'Definition (YAML)' }).click();
    await expect(page.getByLabel(/Definition of version \d+/)).toContainText('id: approval-demo');
  });
});
