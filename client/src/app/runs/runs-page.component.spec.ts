import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { DeadLetterView, RunListResponse } from '@trustops/contracts';
import { sessionStub } from '../../testing/platform-status.stub';
import { runStub } from '../../testing/runs.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { RUNBOOKS_URL } from '../runbooks/runbooks-api';
import { RunsPageComponent } from './runs-page.component';
import { DEAD_LETTERS_URL, RUNS_URL } from './runs-api';

const PAGE: RunListResponse = {
  items: [
    runStub({ state: 'waiting', progress: { done: 1, total: 3 } }),
    runStub({
      id: 'run-2',
      runbookTitle: 'Nightly feed check',
      state: 'failed',
      error: "Step 'Ask the feed' failed",
      progress: { done: 2, total: 4 },
    }),
  ],
  nextCursor: 'cursor-2',
};

const DEAD_LETTER: DeadLetterView = {
  runId: 'run-2',
  runbookTitle: 'Nightly feed check',
  stepId: 'ask',
  stepTitle: 'Ask the feed',
  attempts: 3,
  error: 'The feed did not answer',
  failedAt: '2026-11-23T10:00:00.000Z',
};

describe(RunsPageComponent.name, () => {
  let fixture: ComponentFixture<RunsPageComponent>;
  let httpTesting: HttpTestingController;

  async function render(roles: string[], deadLetters: DeadLetterView[] = []): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles, userId: 'user-op' }));
    fixture = TestBed.createComponent(RunsPageComponent);
    await settle();
    expectList().flush(PAGE);
    httpTesting.expectOne(RUNBOOKS_URL).flush([]);
    httpTesting.expectOne(DEAD_LETTERS_URL).flush(deadLetters);
    await settle();
  }

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const expectList = (): TestRequest => httpTesting.expectOne((request) => request.url === RUNS_URL);
  const params = (request: TestRequest): Record<string, string | null> =>
    Object.fromEntries(request.request.params.keys().map((key) => [key, request.request.params.get(key)]));
  const rows = (): string[][] =>
    [...page().querySelectorAll('tr.mat-mdc-row')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
    );

  it('should list runs with their state in words and their progress', async () => {
    await render(['operator']);

    expect(rows().map((cells) => cells.slice(0, 3))).toEqual([
      ['Approval demoVersion 1', 'Waiting for a person', '1 of 3 steps done'],
      ['Nightly feed checkVersion 1', "FailedStep 'Ask the feed' failed", '2 of 4 steps done'],
    ]);
    expect(page().querySelector('a[href="/runs/run-2"]')?.textContent?.trim()).toBe('Nightly feed check');
    expect(page().querySelector('mat-progress-bar')?.getAttribute('aria-valuetext')).toBe('1 of 3 steps done');
    expect(page().querySelector('a[href="/runs/start"]')?.textContent).toContain('Start a run');
  });

  it('should ask for the runs the person started, and page on with the cursor', async () => {
    await render(['operator']);

    page().querySelector<HTMLInputElement>('mat-checkbox input')?.click();
    await settle();
    const mine = expectList();
    expect(params(mine)).toEqual({ limit: '25', startedBy: 'user-op' });
    mine.flush(PAGE);
    await settle();

    page().querySelector<HTMLButtonElement>('button[aria-label="Older runs"]')?.click();
    await settle();
    const older = expectList();
    expect(params(older)).toEqual({ limit: '25', startedBy: 'user-op', cursor: 'cursor-2' });
    older.flush({ items: [], nextCursor: null });
    await settle();
    expect(page().textContent).toContain('No runs match these filters');
  });

  it('should not offer to start runs to someone who may only watch them', async () => {
    await render(['supervisor']);
    expect(page().querySelector('a[href="/runs/start"]')).toBeNull();
  });

  it('should show steps that gave up, with a retry for people who may start runs', async () => {
    await render(['operator'], [DEAD_LETTER]);

    const section = page().querySelector('to-dead-letters');
    expect(section?.querySelector('h2')?.textContent?.trim()).toBe('1 step needs someone to retry');
    expect(section?.textContent).toContain("Nightly feed check: step 'Ask the feed'");
    expect(section?.textContent).toContain('Gave up after 3 attempts');
    expect(section?.querySelector('button')?.textContent).toContain('Retry');
  });
});
