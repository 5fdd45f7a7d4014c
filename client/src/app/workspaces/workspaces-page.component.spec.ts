import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { WorkspaceImportOptions, WorkspaceView } from '@trustops/contracts';
import { sessionStub } from '../../testing/platform-status.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { WORKSPACE_IMPORT_OPTIONS_URL, WORKSPACES_URL } from './workspaces-api';
import { WorkspacesPageComponent } from './workspaces-page.component';

const workspace = (overrides: Partial<WorkspaceView> = {}): WorkspaceView => ({
  id: 'workspace-1',
  name: 'Northfield TIE',
  sourceKind: 'local',
  source: '/srv/fixtures/tie',
  commit: 'abcdef0123456789abcdef0123456789abcdef01',
  fileCount: 37,
  sizeBytes: 48_000,
  allowWrite: false,
  allowBash: false,
  createdBy: { userId: 'user-1', displayName: 'Ada Analyst' },
  createdAt: '2026-12-01T10:00:00.000Z',
  refreshedAt: '2026-12-01T10:00:00.000Z',
  ...overrides,
});

const OPTIONS: WorkspaceImportOptions = {
  allowedRoots: ['/srv/fixtures'],
  gitSchemes: ['https', 'file'],
  maxFiles: 20000,
  maxBytes: 524288000,
  suggestions: [{ name: 'tie', path: '/srv/fixtures/tie' }],
};

describe(WorkspacesPageComponent.name, () => {
  let fixture: ComponentFixture<WorkspacesPageComponent>;
  let httpTesting: HttpTestingController;

  async function open(roles: string[], items: WorkspaceView[]): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles }));
    fixture = TestBed.createComponent(WorkspacesPageComponent);
    fixture.detectChanges();
    TestBed.tick();
    httpTesting.expectOne(WORKSPACES_URL).flush({ items });
    await fixture.whenStable();
  }

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const dialog = (): HTMLElement | null => document.querySelector('mat-dialog-container');
  const buttonIn = (root: ParentNode | null, text: string): HTMLButtonElement | undefined =>
    [...(root?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((button) =>
      button.textContent?.includes(text),
    );

  it('should list workspaces with their source, commit and size', async () => {
    await open(['analyst'], [workspace()]);
    const text = page().textContent ?? '';
    expect(text).toContain('Northfield TIE');
    expect(text).toContain('Server folder /srv/fixtures/tie at commit abcdef01');
    expect(text).toContain('37 files');
    expect(text).toContain('47 KB');
  });

  it('should say plainly when there are none, and offer import only to those who may', async () => {
    await open(['supervisor'], []);
    expect(page().textContent).toContain('When someone imports an integration');
    expect(buttonIn(page(), 'Import a workspace')).toBeUndefined();
  });

  it('should import from the dialog and open an existing workspace with a notice', async () => {
    await open(['analyst'], []);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    buttonIn(page(), 'Import a workspace')?.click();
    await settle();
    httpTesting.expectOne(WORKSPACE_IMPORT_OPTIONS_URL).flush(OPTIONS);
    await settle();
    expect(dialog()?.textContent).toContain('folders inside /srv/fixtures');

    buttonIn(dialog(), 'Import')?.click();
    await settle();
    expect(dialog()?.textContent).toContain('Enter a git address or a folder path.');

    buttonIn(dialog(), 'tie')?.click();
    await settle();
    expect(dialog()?.querySelector<HTMLInputElement>('input[name="source"]')?.value).toBe('/srv/fixtures/tie');
    expect(dialog()?.textContent).toContain('This folder will be copied.');
    buttonIn(dialog(), 'Import')?.click();
    await settle();
    const request = httpTesting.expectOne({ method: 'POST', url: WORKSPACES_URL });
    expect(request.request.body).toEqual({ source: '/srv/fixtures/tie' });
    request.flush(workspace(), { status: 200, statusText: 'OK' });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/workspaces', 'workspace-1'], {
      state: { notice: '“Northfield TIE” was already imported from that source, so it has been opened.' },
    });
  });

  it('should keep the dialog open with the reason when the server refuses', async () => {
    await open(['analyst'], []);
    buttonIn(page(), 'Import a workspace')?.click();
    await settle();
    httpTesting.expectOne(WORKSPACE_IMPORT_OPTIONS_URL).flush(OPTIONS);
    const source = dialog()?.querySelector<HTMLInputElement>('input[name="source"]');
    if (!source) throw new Error('no source field');
    source.value = '/etc';
    source.dispatchEvent(new Event('input'));
    buttonIn(dialog(), 'Import')?.click();
    await settle();
    httpTesting.expectOne({ method: 'POST', url: WORKSPACES_URL }).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Only folders inside /srv/fixtures can be imported.',
        requestId: 'r1',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(dialog()?.textContent).toContain('Only folders inside /srv/fixtures can be imported.');
  });
});
