import { fileURLToPath } from 'node:url';
import { expect, test } from '../fixtures/test.ts';
import { pagePicture as picture } from '../support/page-picture.ts';
import { callApiAs, signInAs } from '../support/sign-in.ts';

const FIXTURE_TIE = fileURLToPath(new URL('../../fixtures/tie', import.meta.url));

test.describe('Guided wizards', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

  test('should take a clinician from a plain-English question to an impact assessment that a supervisor approves and signs', async ({
    browser,
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const contextOptions = { baseURL: testInfo.project.use.baseURL, locale: 'en-GB', timezoneId: 'Europe/London' };

    // An integration analyst has imported the Trust's integration engine (the fixture TIE).
    const analystContext = await browser.newContext(contextOptions);
    let workspaceName: string;
    try {
      const analyst = await analystContext.newPage();
      await signInAs(analyst, 'analyst');
      const imported = await callApiAs(analyst, 'POST', '/api/workspaces', {
        source: FIXTURE_TIE,
        name: 'Fixture TIE',
      });
      expect([200, 201], await imported.text()).toContain(imported.status());
      workspaceName = ((await imported.json()) as { name: string }).name;
    } finally {
      await analystContext.close();
    }

    // The clinician asks in plain English on the home page and is taken to the impact wizard.
    await signInAs(page, 'clinician');
    await expect(page.getByRole('heading', { name: 'What do you need?' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Start a guided wizard' })).toBeVisible();
    await picture(page, testInfo, 'home.png', 'home-wizards.png');
    await page.getByTestId('what-do-you-need').fill('what happens if we change the NHS number format');
    await page.getByRole('button', { name: 'Go' }).click();
    await page.waitForURL(/\/wizards\/impact\?/);
    await expect(page.getByRole('heading', { level: 1, name: 'Assess the impact of a change' })).toBeVisible();

    // The stepper: the integration, then the change (already filled in from the question), then a check.
    const integration = page.getByRole('combobox', { name: 'Which integration?' });
    await integration.click();
    await page.getByRole('option', { name: new RegExp(`^${workspaceName} \\(`) }).click();
    await page.locator('form').filter({ has: integration }).getByRole('button', { name: 'Next' }).click();
    const change = page.getByRole('textbox', { name: 'What is changing?' });
    await expect(change).toHaveValue('what happens if we change the NHS number format');
    await change.fill('What happens if we change the NHS number format in PID-3 to a new 12-character identifier?');
    await page.locator('form').filter({ has: change }).getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
    await expect(page.getByText(workspaceName, { exact: true })).toBeVisible();
    await picture(page, testInfo, 'wizard-check.png');
    await page.getByRole('button', { name: 'Start the wizard' }).click();

    // Progress: the steps, the transcript, then the document with its diagram drawn in the page.
    await page.waitForURL(/\/wizards\/impact\/runs\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: 'Progress' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'What the agent did' })).toBeVisible();
    await expect(page.getByText('Analysed the whole codebase')).toBeVisible({ timeout: 30_000 });
    const document = page.getByRole('article', { name: 'The document' });
    await expect(document.getByRole('heading', { level: 1, name: /Impact assessment/ })).toBeVisible({
      timeout: 30_000,
    });
    await expect(document).toContainText('src/hl7/validator.js');
    await expect(document).toContainText('MLLP :2575');
    const diagram = document.locator('figure.diagram svg');
    await expect(diagram.first()).toBeVisible();
    await expect(diagram.first()).toContainText('validator.js');
    await expect(page.locator('.badge')).toHaveText('Draft');
    await picture(page, testInfo, 'wizard-document-draft.png');

    // The transcript: the analysis as a folded tool call, raw events one switch away, exports.
    await page.getByText('Analysed the whole codebase').click();
    await expect(page.getByText(/Found 4 HL7 message types/)).toBeVisible();
    await page.getByRole('switch', { name: 'Show raw events' }).click();
    await expect(page.getByTestId('raw-events')).toContainText('"type": "agent.tool_call"');
    await page.getByRole('switch', { name: 'Show raw events' }).click();
    await page.locator('to-transcript').screenshot({ path: testInfo.outputPath('transcript.png') });
    const runId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const exported = await page.request.get(`/api/agent-runs/${runId}/transcript.md`);
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain('analyse_workspace');

    // The clinician submits it for review.
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect(page.locator('.badge')).toHaveText('In review');
    await expect(page.getByText('You cannot approve your own document.')).toBeVisible();

    // A supervisor approves it in the inbox.
    const supervisorContext = await browser.newContext(contextOptions);
    try {
      const supervisor = await supervisorContext.newPage();
      await signInAs(supervisor, 'supervisor', { returnTo: '/approvals' });
      const card = supervisor.locator('to-decision-card').filter({ hasText: 'Impact assessment' }).first();
      await expect(card).toBeVisible();
      await expect(card).toContainText('Signature of the content under review');
      await card.getByRole('button', { name: 'Approve' }).click();
      await expect(supervisor.getByRole('status').filter({ hasText: 'You approved' })).toBeVisible();
    } finally {
      await supervisorContext.close();
    }

    // The clinician sees it approved, signed by the supervisor.
    const documents = await page.request.get(`/api/documents?runId=${page.url().split('/').at(-1) ?? ''}`);
    const { items } = (await documents.json()) as { items: Array<{ id: string }> };
    await expect
      .poll(async () => {
        const response = await page.request.get(`/api/documents/${items[0]?.id ?? ''}`);
        return ((await response.json()) as { state: string }).state;
      })
      .toBe('approved');
    await page.goto(`/documents/${items[0]?.id ?? ''}`);
    await expect(page.locator('.badge')).toHaveText('Approved');
    const signature = page.getByTestId('signature');
    await expect(signature).toContainText('Approved by Siobhan Murphy');
    await expect(signature.locator('code')).toHaveText(/^[0-9a-f]{64}$/);
    await expect(page.locator('figure.diagram svg').first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Download (Markdown)' })).toBeVisible();
    await picture(page, testInfo, 'wizard-document.png', 'wizard-document.png');

    // A compliance officer finds each step of the document's life in the audit trail.
    const complianceContext = await browser.newContext(contextOptions);
    try {
      const compliance = await complianceContext.newPage();
      await signInAs(compliance, 'compliance', { returnTo: '/audit' });
      await compliance.getByRole('textbox', { name: 'Resource ID' }).fill(items[0]?.id ?? '');
      await compliance.getByRole('button', { name: 'Apply filters' }).click();
      for (const action of ['Document drafted', 'Document submitted', 'Document approved'])
        await expect(compliance.getByRole('button', { name: new RegExp(`^${action} : record \\d+`) })).toBeVisible();
    } finally {
      await complianceContext.close();
    }
  });

  test('should route plain-English requests to the right wizard, and ask when a request could mean two', async ({
    page,
  }) => {
    await signInAs(page, 'clinician');
    const request = page.getByTestId('what-do-you-need');
    await request.fill('what does the ADT feed do?');
    await page.getByRole('button', { name: 'Go' }).click();
    await page.waitForURL(/\/wizards\/analyse\?/);
    await expect(page.getByRole('heading', { level: 1, name: 'Analyse an integration' })).toBeVisible();

    await page.goto('/');
    await request.fill('review the lab interface');
    await page.getByRole('button', { name: 'Go' }).click();
    await expect(page.getByText('Your request could mean either of these. Which is closer?')).toBeVisible();
    await page.getByRole('button', { name: 'Document a system' }).click();
    await page.waitForURL(/\/wizards\/document\?/);
    await expect(page.getByRole('heading', { level: 1, name: 'Document a system' })).toBeVisible();
  });
});
