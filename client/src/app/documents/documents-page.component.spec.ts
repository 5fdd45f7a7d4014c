import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { DocumentState, DocumentSummary } from '@trustops/contracts';
import { sessionStub } from '../../testing/platform-status.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { DOCUMENTS_URL } from './documents-api';
import { DocumentsPageComponent } from './documents-page.component';

function summary(id: string, title: string, state: DocumentState, author = 'Dr Aisha Rahman'): DocumentSummary {
  return {
    id,
    title,
    kind: 'impact-assessment',
    state,
    runId: `run-${id}`,
    workspaceId: 'ws-1',
    createdBy: { userId: 'user-1', displayName: author },
    createdAt: '2026-12-01T09:00:00Z',
    updatedAt: '2026-12-01T10:30:00Z',
    contentSha256: 'a'.repeat(64),
  };
}

const DOCUMENTS = [
  summary('d1', 'NHS number format change', 'draft'),
  summary('d2', 'ADT feed documentation', 'review', 'Tom Whitaker'),
  summary('d3', 'Lab results test plan', 'approved'),
  summary('d4', 'Discharge notification impact', 'verified', 'Tom Whitaker'),
];

describe(DocumentsPageComponent.name, () => {
  let fixture: ComponentFixture<DocumentsPageComponent>;
  let httpTesting: HttpTestingController;

  async function render(items: DocumentSummary[], roles = ['clinician']): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles }));
    fixture = TestBed.createComponent(DocumentsPageComponent);
    await settle();
    httpTesting.expectOne(DOCUMENTS_URL).flush({ items });
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  afterEach(() => httpTesting.verify());

  const words = (node: Node): string => node.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  /** Each row's cells; the parts of a cell (title and kind, status and stage) joined by " · ". */
  const rows = (page: HTMLElement): string[][] =>
    [...page.querySelectorAll('tr.mat-mdc-row')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) =>
        cell.children.length > 0 ? [...cell.children].map(words).join(' · ') : words(cell),
      ),
    );
  const toggle = (page: HTMLElement, label: RegExp): HTMLButtonElement | undefined =>
    [...page.querySelectorAll<HTMLButtonElement>('mat-button-toggle button')].find((button) =>
      label.test(button.textContent ?? ''),
    );

  it('should list every document with its status, who it was written for and when it last changed', async () => {
    const page = await render(DOCUMENTS);

    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Documents');
    expect(rows(page)).toEqual([
      ['NHS number format change · Impact assessment', 'Draft', 'Dr Aisha Rahman', '1 Dec 2026, 10:30'],
      ['ADT feed documentation · Impact assessment', 'In review', 'Tom Whitaker', '1 Dec 2026, 10:30'],
      ['Lab results test plan · Impact assessment', 'Signed', 'Dr Aisha Rahman', '1 Dec 2026, 10:30'],
      ['Discharge notification impact · Impact assessment', 'Signed · Verified', 'Tom Whitaker', '1 Dec 2026, 10:30'],
    ]);
    expect(page.querySelector('td a')?.getAttribute('href')).toBe('/documents/d1');
    expect(
      [...page.querySelectorAll('mat-button-toggle')].map((button) => button.textContent?.replace(/\s+/g, ' ').trim()),
    ).toEqual(['All (4)', 'Draft (1)', 'In review (1)', 'Signed (2)']);
  });

  it('should narrow the list by status and by words in the title or the author', async () => {
    const page = await render(DOCUMENTS);

    toggle(page, /^Signed/)?.click();
    await fixture.whenStable();
    expect(rows(page).map((row) => row[0])).toEqual([
      'Lab results test plan · Impact assessment',
      'Discharge notification impact · Impact assessment',
    ]);
    expect(page.querySelector('[role="status"]')?.textContent).toBe('2 signed documents.');

    const find = page.querySelector<HTMLInputElement>('input[type="search"]');
    if (!find) throw new Error('no search box');
    find.value = 'tom';
    find.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(rows(page).map((row) => row[0])).toEqual(['Discharge notification impact · Impact assessment']);

    find.value = 'pharmacy';
    find.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(page.querySelector('.empty-state')?.textContent).toContain('No signed documents matching “pharmacy”.');
    [...page.querySelectorAll<HTMLButtonElement>('.empty-state button')][0]?.click();
    await fixture.whenStable();
    expect(rows(page)).toHaveLength(4);
    expect(find.value).toBe('');
  });

  it('should say in plain English where documents come from when there are none', async () => {
    const page = await render([]);

    expect(page.querySelector('.empty-state h2')?.textContent).toBe('No documents yet');
    expect(page.querySelector('.empty-state')?.textContent).toContain('finishes a guided wizard');
    expect(page.querySelector('.empty-state a')?.getAttribute('href')).toBe('/wizards');
    expect(page.querySelector('table')).toBeNull();
  });

  it('should offer asking the agent from a template only to people who may run agents', async () => {
    const clinicianPage = await render(DOCUMENTS, ['clinician']);
    expect(clinicianPage.querySelector('a[href="/documents/ask"]')).toBeNull();
    httpTesting.verify();
    TestBed.resetTestingModule();

    const analystPage = await render(DOCUMENTS, ['analyst']);
    expect(analystPage.querySelector('a[href="/documents/ask"]')?.textContent).toContain(
      'Ask the agent from a template',
    );
  });
});
