import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type {
  ErrorBody,
  SessionResponse,
  WorkspaceFileResponse,
  WorkspaceImportOptions,
  WorkspaceListResponse,
  WorkspaceTreeResponse,
  WorkspaceView,
} from '@trustops/contracts';
import { startAuthTestApp, type AuthTestApp } from '../auth/testing/auth-test-app.js';
import { signIn, withCsrf } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { findRepositoryRoot } from '../platform/app-info.js';
import { WorkspacesController } from './workspaces.controller.js';

const tieFolder = path.join(findRepositoryRoot(), 'fixtures', 'tie');

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      encoding: 'utf8',
    },
  ).trim();
}

describe(WorkspacesController.name, () => {
  let testApp: AuthTestApp;
  let scratch: string;
  let repository: string;
  let analyst: TestBrowser;
  let analystSession: SessionResponse;
  let supervisor: TestBrowser;
  let clinician: TestBrowser;

  const post = (browser: TestBrowser, session: SessionResponse, url: string, body: unknown = {}) =>
    browser.request(url, withCsrf(session.csrfToken, { method: 'POST', body }));
  const importSource = (source: string, name?: string) =>
    post(analyst, analystSession, '/api/workspaces', { source, ...(name ? { name } : {}) });
  const json = async <T>(response: Response, status: number): Promise<T> => {
    const body = (await response.json()) as T;
    assert.equal(response.status, status, JSON.stringify(body));
    return body;
  };

  before(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'workspaces-it-'));
    repository = path.join(scratch, 'allowed', 'adt-feed');
    await mkdir(repository, { recursive: true });
    git(repository, 'init', '--quiet', '--initial-branch=main');
    await writeFile(
      path.join(repository, 'listener.js'),
      "const PORT = 2575; // MLLP\nrequire('net').createServer().listen(PORT);\n",
    );
    await writeFile(
      path.join(repository, 'big.txt'),
      Array.from({ length: 1200 }, (_, index) => `line ${index + 1}`).join('\n') + '\n',
    );
    await writeFile(path.join(repository, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    await writeFile(path.join(scratch, 'secret.txt'), 'not for you');
    // A symlink committed to the repository that points outside any workspace.
    await symlink(path.join(scratch, 'secret.txt'), path.join(repository, 'escape.txt'));
    git(repository, 'add', '.');
    git(repository, 'commit', '--quiet', '-m', 'First version');

    const tooBig = path.join(scratch, 'allowed', 'too-many-files');
    await mkdir(tooBig, { recursive: true });
    for (let index = 0; index < 80; index += 1)
      await writeFile(path.join(tooBig, `message-${index}.hl7`), 'MSH|^~\\&|');

    testApp = await startAuthTestApp({
      env: {
        WORKSPACE_ALLOWED_ROOTS: `${path.join(findRepositoryRoot(), 'fixtures')},${path.join(scratch, 'allowed')}`,
        WORKSPACE_MAX_FILES: '60',
      },
    });
    analyst = new TestBrowser(testApp.url);
    analystSession = await signIn(analyst, 'analyst');
    supervisor = new TestBrowser(testApp.url);
    await signIn(supervisor, 'supervisor');
    clinician = new TestBrowser(testApp.url);
    await signIn(clinician, 'clinician');
  });

  after(async () => {
    await testApp?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('should import the fixture TIE once: a second import returns the same workspace', async () => {
    const first = await json<WorkspaceView>(await importSource(tieFolder, 'Northfield TIE'), 201);
    assert.equal(first.sourceKind, 'local');
    assert.equal(first.name, 'Northfield TIE');
    assert.ok(first.fileCount >= 20 && first.fileCount <= 60, `fileCount ${first.fileCount}`);
    assert.match(first.commit ?? '', /^[0-9a-f]{40}$/, 'the commit of the repository the folder sits in');
    assert.equal(first.allowWrite, false);
    assert.equal(first.allowBash, false);

    const again = await json<WorkspaceView>(await importSource(`${tieFolder}/`), 200);
    assert.equal(again.id, first.id);
    const list = await json<WorkspaceListResponse>(await analyst.request('/api/workspaces'), 200);
    assert.equal(list.items.filter((item) => item.source === first.source).length, 1);

    const tree = await json<WorkspaceTreeResponse>(await analyst.request(`/api/workspaces/${first.id}/tree`), 200);
    assert.deepEqual(
      tree.entries.filter((entry) => entry.kind === 'directory').map((entry) => entry.name),
      ['config', 'samples', 'scripts', 'src', 'test'],
    );
    const file = await json<WorkspaceFileResponse>(
      await analyst.request(`/api/workspaces/${first.id}/file?path=src/mllp/framing.js`),
      200,
    );
    assert.equal(file.language, 'javascript');
    assert.match(file.content, /START_BLOCK = 0x0b/);
  });

  it('should clone a file:// git repository, page large files and recognise binary ones', async () => {
    const created = await json<WorkspaceView>(await importSource(pathToFileURL(repository).href), 201);
    assert.equal(created.sourceKind, 'git');
    assert.equal(created.name, 'adt-feed');
    assert.equal(created.commit, git(repository, 'rev-parse', 'HEAD'));
    const again = await json<WorkspaceView>(await importSource(`${pathToFileURL(repository).href}/`), 200);
    assert.equal(again.id, created.id, 'the same repository written differently is the same source');
    const byPath = await json<WorkspaceView>(
      await post(analyst, analystSession, '/api/workspaces', { source: repository, kind: 'git' }),
      200,
    );
    assert.equal(byPath.id, created.id, 'a repository named by its path is its file:// address');
    const notGit = await json<ErrorBody>(
      await importSource(pathToFileURL(path.join(scratch, 'allowed', 'too-many-files')).href),
      409,
    );
    assert.match(notGit.message, /There is no git repository at that address/);

    const firstPage = await json<WorkspaceFileResponse>(
      await analyst.request(`/api/workspaces/${created.id}/file?path=big.txt&lineCount=500`),
      200,
    );
    assert.deepEqual(
      [firstPage.startLine, firstPage.endLine, firstPage.totalLines, firstPage.hasMore],
      [1, 500, 1200, true],
    );
    const lastPage = await json<WorkspaceFileResponse>(
      await analyst.request(`/api/workspaces/${created.id}/file?path=big.txt&startLine=1001&lineCount=500`),
      200,
    );
    assert.deepEqual([lastPage.startLine, lastPage.endLine, lastPage.hasMore], [1001, 1200, false]);
    assert.match(lastPage.content, /^line 1001\n/);

    const binary = await json<WorkspaceFileResponse>(
      await analyst.request(`/api/workspaces/${created.id}/file?path=logo.png`),
      200,
    );
    assert.equal(binary.binary, true);
    assert.equal(binary.content, '');
  });

  it('should record the new commit when a repository is refreshed', async () => {
    const list = await json<WorkspaceListResponse>(await analyst.request('/api/workspaces'), 200);
    const workspace = list.items.find((item) => item.sourceKind === 'git');
    assert.ok(workspace);
    await writeFile(path.join(repository, 'router.js'), '// routes ADT^A01 to the EPR\n');
    git(repository, 'add', 'router.js');
    git(repository, 'commit', '--quiet', '-m', 'Add the router');
    const head = git(repository, 'rev-parse', 'HEAD');
    assert.notEqual(head, workspace.commit);

    const refreshed = await json<WorkspaceView>(
      await post(analyst, analystSession, `/api/workspaces/${workspace.id}/refresh`),
      201,
    );
    assert.equal(refreshed.commit, head);
    assert.equal(refreshed.fileCount, workspace.fileCount + 1);
    const tree = await json<WorkspaceTreeResponse>(await analyst.request(`/api/workspaces/${workspace.id}/tree`), 200);
    assert.ok(tree.entries.some((entry) => entry.name === 'router.js'));

    // A checkout lost from the disk (a new server, a cleaned volume) says so, and a refresh restores it.
    const [row] = await testApp.query<{ storage_path: string }>('SELECT storage_path FROM workspaces WHERE id = $1', [
      workspace.id,
    ]);
    await rm(row?.storage_path ?? '', { recursive: true, force: true });
    const missing = await json<ErrorBody>(await analyst.request(`/api/workspaces/${workspace.id}/tree`), 404);
    assert.match(missing.message, /Refresh the workspace to restore it/);
    const restored = await json<WorkspaceView>(
      await post(analyst, analystSession, `/api/workspaces/${workspace.id}/refresh`),
      201,
    );
    assert.equal(restored.commit, head);
    assert.equal((await analyst.request(`/api/workspaces/${workspace.id}/file?path=router.js`)).status, 200);
    const audited = await testApp.query<{ action: string }>(
      "SELECT action FROM audit_records WHERE action LIKE 'workspace.%' ORDER BY sequence",
    );
    assert.ok(audited.some((row) => row.action === 'workspace.imported'));
    assert.ok(audited.some((row) => row.action === 'workspace.refreshed'));
  });

  it('should refuse every attempt to read outside the workspace, saying why', async () => {
    const list = await json<WorkspaceListResponse>(await analyst.request('/api/workspaces'), 200);
    const workspace = list.items.find((item) => item.sourceKind === 'git');
    assert.ok(workspace);
    const attempts: Array<[string, number, RegExp]> = [
      ['../secret.txt', 400, /goes up a folder/],
      ['src/../../secret.txt', 400, /goes up a folder/],
      [encodeURIComponent('../../secret.txt'), 400, /goes up a folder/],
      ['%2e%2e%2fsecret.txt', 400, /goes up a folder/],
      [encodeURIComponent('/etc/passwd'), 400, /absolute path/],
      ['escape.txt', 400, /link to somewhere outside/],
      ['%252e%252e%252fsecret.txt', 404, /There is no file or folder/],
      ['a%00b', 400, /NUL/],
    ];
    for (const [attempt, status, message] of attempts) {
      for (const route of ['file', 'tree']) {
        const response = await analyst.request(`/api/workspaces/${workspace.id}/${route}?path=${attempt}`);
        const body = (await response.json()) as ErrorBody;
        assert.equal(response.status, status, `${route} ${attempt}: ${JSON.stringify(body)}`);
        assert.match(body.message, message, `${route} ${attempt}`);
      }
    }
    const tree = await json<WorkspaceTreeResponse>(await analyst.request(`/api/workspaces/${workspace.id}/tree`), 200);
    assert.ok(
      !tree.entries.some((entry) => entry.name === 'escape.txt'),
      'links that leave the workspace are not listed',
    );
  });

  it('should offer the codebases in the allowed folders for a one-click import', async () => {
    const options = await json<WorkspaceImportOptions>(await analyst.request('/api/workspaces/import-options'), 200);
    assert.deepEqual(options.gitSchemes, ['https', 'file']);
    assert.equal(options.maxFiles, 60);
    assert.ok(options.suggestions.some((item) => item.path === tieFolder && item.name === 'tie'));
    assert.equal((await supervisor.request('/api/workspaces/import-options')).status, 403);
  });

  it('should refuse sources outside the allowed folders and unknown schemes', async () => {
    const outside = await json<ErrorBody>(await importSource(scratch), 400);
    assert.match(outside.message, /Only folders inside .* can be imported/);
    const relative = await json<ErrorBody>(await importSource('fixtures/tie'), 400);
    assert.match(relative.message, /full path/);
    const scheme = await json<ErrorBody>(await importSource('ftp://example.org/repo.git'), 400);
    assert.match(scheme.message, /not allowed here/);
    const credentials = await json<ErrorBody>(await importSource('https://user:secret@example.org/repo.git'), 400);
    assert.match(credentials.message, /Do not put a user name or password/);
    assert.doesNotMatch(credentials.message, /secret/);
  });

  it('should refuse an import over the file limit with a clear message and keep nothing', async () => {
    const refused = await json<ErrorBody>(await importSource(path.join(scratch, 'allowed', 'too-many-files')), 413);
    assert.match(refused.message, /has more than 60 files, the most a workspace may have/);
    const list = await json<WorkspaceListResponse>(await analyst.request('/api/workspaces'), 200);
    assert.ok(!list.items.some((item) => item.name === 'too-many-files'));
  });

  it("should answer 404 for another tenant's workspace", async () => {
    const [tenant] = await testApp.query<{ id: string }>(
      "INSERT INTO tenants (slug, name) VALUES ('riverside', 'Riverside Community NHS Trust') RETURNING id",
    );
    const [theirs] = await testApp.query<{ id: string }>(
      `INSERT INTO workspaces (tenant_id, name, source_kind, source, storage_path, created_by_name, refreshed_at)
       VALUES ($1, 'Their TIE', 'local', $2, $2, 'Someone else', now()) RETURNING id`,
      [tenant?.id, tieFolder],
    );
    for (const suffix of ['', '/tree', '/file?path=README.md']) {
      const response = await analyst.request(`/api/workspaces/${theirs?.id}${suffix}`);
      assert.equal(response.status, 404, suffix);
      assert.match(((await response.json()) as ErrorBody).message, /There is no workspace/);
    }
    const refresh = await post(analyst, analystSession, `/api/workspaces/${theirs?.id}/refresh`);
    assert.equal(refresh.status, 404);
    const list = await json<WorkspaceListResponse>(await analyst.request('/api/workspaces'), 200);
    assert.ok(!list.items.some((item) => item.id === theirs?.id));
  });

  it('should keep agents from writing or running commands until someone allows it', async () => {
    const list = await json<WorkspaceListResponse>(await analyst.request('/api/workspaces'), 200);
    const workspace = list.items[0];
    assert.ok(workspace);
    const changed = await json<WorkspaceView>(
      await analyst.request(
        `/api/workspaces/${workspace.id}`,
        withCsrf(analystSession.csrfToken, { method: 'PATCH', body: { allowWrite: true } }),
      ),
      200,
    );
    assert.deepEqual([changed.allowWrite, changed.allowBash], [true, false]);
  });

  it('should remove a workspace and its files', async () => {
    const created = await json<WorkspaceView>(
      await importSource(path.join(findRepositoryRoot(), 'fixtures', 'integration-samples', 'mirth-channels')),
      201,
    );
    const storage = await testApp.query<{ storage_path: string }>('SELECT storage_path FROM workspaces WHERE id = $1', [
      created.id,
    ]);
    const folder = storage[0]?.storage_path ?? '';
    assert.ok(existsSync(folder));
    const removed = await analyst.request(
      `/api/workspaces/${created.id}`,
      withCsrf(analystSession.csrfToken, { method: 'DELETE' }),
    );
    assert.equal(removed.status, 204);
    assert.equal((await analyst.request(`/api/workspaces/${created.id}`)).status, 404);
    assert.ok(!existsSync(folder), 'the files are gone too');
    const audited = await testApp.query<{ action: string }>(
      "SELECT action FROM audit_records WHERE action = 'workspace.deleted'",
    );
    assert.equal(audited.length, 1);
  });

  it('should let a supervisor browse but not import, and a clinician do neither', async () => {
    assert.equal((await supervisor.request('/api/workspaces')).status, 200);
    const supervisorSession = (await (await supervisor.request('/api/session')).json()) as SessionResponse;
    assert.equal((await post(supervisor, supervisorSession, '/api/workspaces', { source: tieFolder })).status, 403);
    assert.equal((await clinician.request('/api/workspaces')).status, 403);
  });
});
