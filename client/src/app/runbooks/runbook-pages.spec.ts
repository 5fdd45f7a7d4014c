import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CSRF_HEADER, type RunbookSummary } from '@trustops/contracts';
import { sessionStub } from '../../testing/platform-status.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { RunbookDetailPageComponent } from './runbook-detail-page.component';
import { RunbookEditorPageComponent } from './runbook-editor-page.component';
import { RunbooksPageComponent } from './runbooks-page.component';
import {
  runbookDiffUrl,
  runbookRollbackUrl,
  RUNBOOKS_URL,
  runbookUrl,
  runbookVersionsUrl,
  type RunbookView,
} from './runbooks-api';

const SUMMARIES: RunbookSummary[] = [
  {
    id: 'approval-demo',
    version: 2,
    title: 'Approval demo',
    description: 'Waits for a supervisor.',
    tags: ['demo'],
    source: 'custom',
    updatedAt: '2026-11-23T10:00:00.000Z',
  },
  {
    id: 'nightly-feed-check',
    version: 1,
    title: 'Nightly feed check',
    description: 'Checks every feed answered overnight.',
    tags: ['feeds'],
    source: 'builtin',
    updatedAt: '2026-11-23T10:00:00.000Z',
  },
];

function version(number: number): RunbookView {
  return {
    ...SUMMARIES[0],
    version: number,
    yaml: `id: approval-demo\nversion: ${number}\n`,
    createdBy: { userId: 'u', displayName: 'Tom Whitaker' },
    definition: {
      id: 'approval-demo',
      version: number,
      title: 'Approval demo',
      description: 'Waits for a supervisor.',
      tags: ['demo'],
      inputs: [{ name: 'reason', type: 'text', label: 'Reason for the change', required: true }],
      steps: [
        { id: 'note', type: 'log', title: 'Change requested', with: {}, needs: [] },
        {
          id: 'approve',
          type: 'approval',
          title: 'Supervisor approves',
          with: {},
          needs: ['note'],
          approval: { policy: 'require_one', roles: ['supervisor'], onTimeout: 'fail' },
        },
      ],
      outputs: [],
    },
  };
}

describe('Runbook pages', () => {
  let httpTesting: HttpTestingController;

  async function signIn(roles: string[]): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles }));
  }

  afterEach(() => httpTesting.verify());

  it('should find runbooks by the words in them', async () => {
    await signIn(['analyst']);
    const fixture = TestBed.createComponent(RunbooksPageComponent);
    await settle();
    httpTesting.expectOne(RUNBOOKS_URL).flush(SUMMARIES);
    await settle();
    const page = fixture.nativeElement as HTMLElement;
    const titles = (): string[] =>
      [...page.querySelectorAll('.runbooks h2')].map((title) => title.textContent?.trim() ?? '');

    expect(titles()).toEqual(['Approval demo', 'Nightly feed check']);
    expect(page.querySelector('a[href="/runbooks/new"]')).not.toBeNull();
    const search = page.querySelector<HTMLInputElement>('input');
    if (!search) throw new Error('no search box');
    search.value = 'overnight';
    search.dispatchEvent(new Event('input'));
    await settle();
    expect(titles()).toEqual(['Nightly feed check']);
  });

  it('should show what a runbook asks for and its steps, and go back to an earlier version after asking', async () => {
    await signIn(['analyst']);
    const fixture = TestBed.createComponent(RunbookDetailPageComponent);
    fixture.componentRef.setInput('runbookId', 'approval-demo');
    await settle();
    httpTesting.expectOne(runbookUrl('approval-demo')).flush(version(2));
    httpTesting.expectOne(runbookVersionsUrl('approval-demo')).flush([version(2), version(1)]);
    await settle();
    const diff = httpTesting.expectOne((request) => request.url === runbookDiffUrl('approval-demo'));
    expect(diff.request.params.get('from')).toBe('1');
    expect(diff.request.params.get('to')).toBe('2');
    diff.flush('--- a\n+++ b\n@@ -2 +2 @@\n-version: 1\n+version: 2\n');
    await settle();
    const page = fixture.nativeElement as HTMLElement;

    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Approval demo');
    expect([...page.querySelectorAll('g.node text.state')].map((text) => text.textContent)).toEqual([
      'Notes something in the run',
      'Approved by supervisor',
    ]);
    expect(
      [...page.querySelectorAll('table.inputs tbody td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    ).toEqual(['Reason for the change', 'Longer text', 'Yes']);

    // The versions tab: the earlier version can be made the newest again, once confirmed.
    const versionsTab = [...page.querySelectorAll<HTMLElement>('[role="tab"]')].find((tab) =>
      tab.textContent?.includes('Versions'),
    );
    versionsTab?.click();
    await settle();
    expect([...page.querySelectorAll('.diff-line')].map((line) => line.getAttribute('data-kind'))).toEqual([
      'header',
      'removed',
      'added',
    ]);
    [...page.querySelectorAll<HTMLButtonElement>('button')]
      .find((button) => button.textContent?.includes('Go back to this version'))
      ?.click();
    await settle();
    expect(document.querySelector('mat-dialog-container h2')?.textContent).toBe('Go back to version 1?');
    [...document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button')]
      .find((button) => button.textContent?.includes('Make version 1 the newest'))
      ?.click();
    await settle();

    const rollback = httpTesting.expectOne(runbookRollbackUrl('approval-demo'));
    expect(rollback.request.body).toEqual({ version: 1 });
    expect(rollback.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
    rollback.flush(version(3));
    await settle();
    httpTesting.expectOne(runbookUrl('approval-demo')).flush(version(3));
    httpTesting.expectOne(runbookVersionsUrl('approval-demo')).flush([version(3), version(2), version(1)]);
    await settle();
    httpTesting
      .match((request) => request.url === runbookDiffUrl('approval-demo'))
      .forEach((request) => request.flush(''));
  });

  it('should point out problems in a runbook by line before saving it', async () => {
    await signIn(['analyst']);
    const fixture = TestBed.createComponent(RunbookEditorPageComponent);
    await settle();
    const page = fixture.nativeElement as HTMLElement;
    const editor = page.querySelector<HTMLTextAreaElement>('textarea');
    if (!editor) throw new Error('no editor');

    editor.value = 'id: broken\nversion: 1\ntitle: Broken\nsteps:\n  - id: a\n    type: log\n    needs: [b]\n';
    editor.dispatchEvent(new Event('input'));
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    await settle();

    const problems = [...page.querySelectorAll('.form-error li')].map((item) => item.textContent?.trim() ?? '');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((problem) => /^Line \d+, column \d+: /.test(problem))).toBe(true);
  });

  it('should list each problem the server finds when it refuses a save', async () => {
    await signIn(['analyst']);
    const fixture = TestBed.createComponent(RunbookEditorPageComponent);
    await settle();
    const page = fixture.nativeElement as HTMLElement;
    const editor = page.querySelector<HTMLTextAreaElement>('textarea');
    if (!editor) throw new Error('no editor');

    editor.value =
      'id: later\nversion: 1\ntitle: Later\nsteps:\n  - id: pause\n    type: wait\n    with: { duration: soon }\n';
    editor.dispatchEvent(new Event('input'));
    page.querySelector('form')?.dispatchEvent(new Event('submit'));
    await settle();
    const details = ['steps[0] (pause): wait: "duration": "soon" is not a duration.', 'steps[0] (pause): another.'];
    httpTesting.expectOne({ method: 'POST', url: RUNBOOKS_URL }).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: `The runbook is not valid: ${details[0]} (and 1 more problem(s))`,
        requestId: 'r',
        details,
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();

    const problems = [...page.querySelectorAll('.form-error li')].map((item) => item.textContent?.trim() ?? '');
    expect(problems).toEqual(details);
  });
});
