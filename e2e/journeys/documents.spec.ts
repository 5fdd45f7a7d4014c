import { fileURLToPath } from 'node:url';
import { expect, test } from '../fixtures/test.ts';
import { pagePicture as picture } from '../support/page-picture.ts';
import { callApiAs, signInAs } from '../support/sign-in.ts';

const FIXTURE_TIE = fileURLToPath(new URL('../../fixtures/tie', import.meta.url));

/** A message flow through many stages, left to right: far wider than the page. */
const WIDE_FLOW = [
  '```mermaid',
  'flowchart LR',
  '  A[PAS sends ADT A01] --> B[MLLP listener on port 2575] --> C[HL7 v2 parser] --> D[NHS number validator]',
  '  D --> E[Patient identity lookup] --> F[Field mapping to FHIR Patient] --> G[Routing rules by ward]',
  '  G --> H[EPR admission endpoint] --> I[Acknowledgement sent back] --> J[Audit of the message]',
  '```',
].join('\n');

test.describe('Documents', () => {
  test.use({ locale: 'en-GB', timezoneId: 'Europe/London' });

  test('should let an analyst find documents from the navigation, read a wide diagram, and ask the agent from a template', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    await signInAs(page, 'analyst');

    // Arranged through the API: the fixture integration, a ready-made question, and a document
    // written by a wizard with a flow wider than the page.
    const imported = await callApiAs(page, 'POST', '/api/workspaces', { source: FIXTURE_TIE, name: 'Fixture TIE' });
    expect([200, 201], await imported.text()).toContain(imported.status());
    const workspace = (await imported.json()) as { id: string; name: string };
    const saved = await callApiAs(page, 'POST', '/api/prompt-templates', {
      key: 'explain-feed',
      title: 'Explain a feed',
      description: 'A plain-English walk through one feed, for people who do not read code.',
      body: 'Explain what the {{ feed }} feed does, step by step, for {{ audience }}.',
      variables: [
        { name: 'feed', required: true, description: 'Which feed?' },
        { name: 'audience', required: false, default: 'a ward manager' },
      ],
    });
    expect(saved.status(), await saved.text()).toBe(201);
    const started = await callApiAs(page, 'POST', '/api/runs', {
      runbookId: 'wizards-analyse-integration',
      inputs: { workspace: workspace.id },
    });
    expect(started.status(), await started.text()).toBe(201);
    const runId = ((await started.json()) as { id: string }).id;
    let documentId = '';
    await expect
      .poll(
        async () => {
          const response = await page.request.get(`/api/documents?runId=${runId}`);
          documentId = ((await response.json()) as { items: Array<{ id: string }> }).items[0]?.id ?? '';
          return documentId;
        },
        { timeout: 60_000 },
      )
      .not.toBe('');
    const current = (await (await page.request.get(`/api/documents/${documentId}`)).json()) as { content: string };
    const edited = await callApiAs(page, 'PATCH', `/api/documents/${documentId}`, {
      title: 'ADT admission flow',
      content: `${current.content}\n\n## The admission flow end to end\n\n${WIDE_FLOW}\n`,
    });
    expect(edited.status(), await edited.text()).toBe(200);

    // Documents is in the navigation; the list says each document's status.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Documents/ })
      .click();
    await page.waitForURL((url) => url.pathname === '/documents');
    await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: 'ADT admission flow' });
    await expect(row).toContainText('Draft');
    await expect(row).toContainText('Tom Whitaker');
    await page.getByRole('radio', { name: /^Signed/ }).click();
    await expect(row).toBeHidden();
    await page.getByRole('radio', { name: /^Draft/ }).click();
    await expect(row).toBeVisible();
    await picture(page, testInfo, 'documents.png');

    // The wide diagram scrolls sideways in its box, from the keyboard too, instead of being cut off.
    await row.getByRole('link', { name: 'ADT admission flow' }).click();
    await page.waitForURL(`**/documents/${documentId}`);
    const wide = page.getByRole('region', { name: /wider than the page: scroll sideways/ }).last();
    // Mermaid draws the document's diagrams one after another: on a busy machine that takes a while.
    await expect(wide.locator('figure.diagram svg')).toBeVisible({ timeout: 30_000 });
    await expect(wide).toContainText('Audit of the message');
    const box = await wide.evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
      right: element.getBoundingClientRect().right,
      page: document.querySelector('main')?.getBoundingClientRect().right ?? 0,
    }));
    expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
    expect(box.right).toBeLessThanOrEqual(box.page + 1);
    await wide.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => wide.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await wide.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await wide.evaluate((element) => element.scrollTo({ left: 0 }));
    await picture(page, testInfo, 'document-wide-diagram.png');
    await page
      .locator('.diagram-box')
      .last()
      .screenshot({ path: testInfo.outputPath('wide-diagram.png') });

    // Asking the agent from a template: choose it, fill in the blank and the integration, and
    // watch the answer on the run's page.
    await page.getByRole('link', { name: 'All documents' }).click();
    await page.getByRole('link', { name: 'Ask the agent from a template' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ask the agent from a template' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Template' }).click();
    await page.getByRole('option', { name: 'Explain a feed' }).click();
    const question = page.getByLabel('The question the agent will be asked');
    await expect(question).toHaveText('Explain what the [Which feed?] feed does, step by step, for a ward manager.');
    await page.getByRole('button', { name: 'Ask the agent' }).click();
    await expect(page.getByRole('alert')).toContainText('Fill in “Which feed?”.');
    await page.getByRole('textbox', { name: 'Which feed?' }).fill('ADT');
    await expect(question).toHaveText('Explain what the ADT feed does, step by step, for a ward manager.');
    await page.getByRole('combobox', { name: 'Which integration?' }).click();
    await page.getByRole('option', { name: new RegExp(`^${workspace.name} \\(`) }).click();
    await picture(page, testInfo, 'ask-from-template.png');
    await page.getByRole('button', { name: 'Ask the agent' }).click();

    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('run-state')).toHaveText('Succeeded', { timeout: 60_000 });
    await expect(page.getByRole('heading', { name: 'What the agent did' })).toBeVisible();
    await expect(
      page.getByText('Explain what the ADT feed does, step by step, for a ward manager.').first(),
    ).toBeVisible();
    await picture(page, testInfo, 'template-session-run.png');
  });
});
