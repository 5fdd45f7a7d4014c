import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { WorkspaceFileResponse, WorkspaceView } from '@trustops/contracts';
import { sessionStub } from '../../testing/platform-status.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { FileViewerComponent } from './file-viewer.component';
import { WorkspacePageComponent } from './workspace-page.component';

const WORKSPACE: WorkspaceView = {
  id: 'w1',
  name: 'Northfield TIE',
  sourceKind: 'git',
  source: 'file:///srv/repos/tie',
  commit: '1111111111111111111111111111111111111111',
  fileCount: 3,
  sizeBytes: 2048,
  allowWrite: false,
  allowBash: false,
  createdBy: { userId: 'u1', displayName: 'Tom Whitaker' },
  createdAt: '2026-12-01T10:00:00.000Z',
  refreshedAt: '2026-12-01T10:00:00.000Z',
};

const filePage = (overrides: Partial<WorkspaceFileResponse>): WorkspaceFileResponse => ({
  path: 'src/index.js',
  size: 100,
  binary: false,
  language: 'javascript',
  startLine: 1,
  endLine: 2,
  totalLines: 2,
  content: 'const port = 2575;\nlisten(port);',
  hasMore: false,
  ...overrides,
});

const buttonIn = (root: ParentNode | null, text: string): HTMLButtonElement | undefined =>
  [...(root?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((button) =>
    button.textContent?.trim().includes(text),
  );

describe(WorkspacePageComponent.name, () => {
  let fixture: ComponentFixture<WorkspacePageComponent>;
  let httpTesting: HttpTestingController;
  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;

  async function open(roles: string[], file?: string): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles }));
    fixture = TestBed.createComponent(WorkspacePageComponent);
    fixture.componentRef.setInput('workspaceId', 'w1');
    if (file) fixture.componentRef.setInput('file', file);
    fixture.detectChanges();
    TestBed.tick();
    httpTesting.expectOne('/api/workspaces/w1').flush(WORKSPACE);
    await settle();
    httpTesting.expectOne('/api/workspaces/w1/tree').flush({
      path: '',
      entries: [
        { name: 'src', path: 'src', kind: 'directory', size: 0 },
        { name: 'README.md', path: 'README.md', kind: 'file', size: 10 },
      ],
    });
    await settle();
  }

  afterEach(() => httpTesting.verify());

  it('should show the workspace and open folders as they are clicked', async () => {
    await open(['supervisor']);
    expect(page().textContent).toContain('Git repository file:///srv/repos/tie at commit 11111111');
    expect(page().textContent).toContain('Choose a file');
    expect(buttonIn(page(), 'Refresh')).toBeUndefined();

    buttonIn(page(), 'src')?.click();
    await settle();
    httpTesting.expectOne('/api/workspaces/w1/tree?path=src').flush({
      path: 'src',
      entries: [{ name: 'index.js', path: 'src/index.js', kind: 'file', size: 100 }],
    });
    await settle();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    buttonIn(page(), 'index.js')?.click();
    expect(navigate).toHaveBeenCalledWith([], { queryParams: { file: 'src/index.js' }, queryParamsHandling: 'merge' });
  });

  it('should open the folders above a file given in the address', async () => {
    await open(['analyst'], 'src/index.js');
    httpTesting.expectOne('/api/workspaces/w1/tree?path=src').flush({
      path: 'src',
      entries: [{ name: 'index.js', path: 'src/index.js', kind: 'file', size: 100 }],
    });
    await settle();
    httpTesting.expectOne((request) => request.url.startsWith('/api/workspaces/w1/file')).flush(filePage({}));
    await settle();
    expect(page().querySelector('[aria-current="true"]')?.textContent).toContain('index.js');
    expect(page().querySelector('.code')?.innerHTML).toContain('hljs-keyword');
  });

  it('should refresh and say which commit the files are at now', async () => {
    await open(['analyst']);
    buttonIn(page(), 'Refresh')?.click();
    await settle();
    httpTesting
      .expectOne({ method: 'POST', url: '/api/workspaces/w1/refresh' })
      .flush({ ...WORKSPACE, commit: '2222222222222222222222222222222222222222' });
    await settle();
    httpTesting.expectOne('/api/workspaces/w1/tree').flush({ path: '', entries: [] });
    await settle();
    expect(page().textContent).toContain('Refreshed. The files are now at commit 22222222.');
    expect(page().textContent).toContain('This workspace has no files.');
  });

  it('should remove the workspace after asking, then go back to the list', async () => {
    await open(['analyst']);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    buttonIn(page(), 'Remove')?.click();
    await settle();
    const dialog = document.querySelector('mat-dialog-container');
    expect(dialog?.textContent).toContain('Remove “Northfield TIE”?');
    buttonIn(dialog, 'Remove the workspace')?.click();
    await settle();
    httpTesting
      .expectOne({ method: 'DELETE', url: '/api/workspaces/w1' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/workspaces']);
  });

  it('should say why a refresh failed', async () => {
    await open(['analyst']);
    buttonIn(page(), 'Refresh')?.click();
    await settle();
    httpTesting.expectOne({ method: 'POST', url: '/api/workspaces/w1/refresh' }).flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'The repository could not be fetched. There is no git repository at that address.',
        requestId: 'r',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    httpTesting.expectOne('/api/workspaces/w1').flush(WORKSPACE);
    await settle();
    expect(page().textContent).toContain('There is no git repository at that address.');
  });
});

describe(FileViewerComponent.name, () => {
  let fixture: ComponentFixture<FileViewerComponent>;
  let httpTesting: HttpTestingController;
  const viewer = (): HTMLElement => fixture.nativeElement as HTMLElement;

  async function show(path: string, first: WorkspaceFileResponse): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(FileViewerComponent);
    fixture.componentRef.setInput('workspaceId', 'w1');
    fixture.componentRef.setInput('path', path);
    fixture.detectChanges();
    await settle();
    httpTesting
      .expectOne(`/api/workspaces/w1/file?path=${encodeURIComponent(path)}&startLine=1&lineCount=500`)
      .flush(first);
    await settle();
  }

  afterEach(() => httpTesting.verify());

  it('should page through a large file', async () => {
    const lines = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, index) => `line ${from + index}`).join('\n');
    await show(
      'big.txt',
      filePage({
        path: 'big.txt',
        language: null,
        endLine: 500,
        totalLines: 600,
        content: lines(1, 500),
        hasMore: true,
      }),
    );
    expect(viewer().textContent).toContain('Showing lines 1 to 500 of 600.');
    expect(viewer().querySelectorAll('.line')).toHaveLength(500);

    buttonIn(viewer(), 'Show the next 500 lines')?.click();
    await settle();
    httpTesting.expectOne('/api/workspaces/w1/file?path=big.txt&startLine=501&lineCount=500').flush(
      filePage({
        path: 'big.txt',
        language: null,
        startLine: 501,
        endLine: 600,
        totalLines: 600,
        content: lines(501, 600),
      }),
    );
    await settle();
    expect(viewer().querySelectorAll('.line')).toHaveLength(600);
    expect(viewer().textContent).not.toContain('Show the next');
  });

  it('should explain a binary file instead of showing it', async () => {
    await show(
      'logo.png',
      filePage({ path: 'logo.png', binary: true, content: '', totalLines: 0, endLine: 0, language: null }),
    );
    expect(viewer().textContent).toContain('This file is not text');
  });

  it('should say why a file could not be opened, with a retry', async () => {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(FileViewerComponent);
    fixture.componentRef.setInput('workspaceId', 'w1');
    fixture.componentRef.setInput('path', 'escape.txt');
    fixture.detectChanges();
    await settle();
    httpTesting
      .expectOne((request) => request.url.startsWith('/api/workspaces/w1/file'))
      .flush(
        {
          statusCode: 400,
          error: 'Bad Request',
          message:
            'That path is not allowed: it is a link to somewhere outside the workspace. Paths must stay inside the workspace.',
          requestId: 'r',
        },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(viewer().textContent).toContain('it is a link to somewhere outside the workspace');
    expect(buttonIn(viewer(), 'Try again')).toBeDefined();
  });
});
