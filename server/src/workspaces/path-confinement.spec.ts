import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import {
  listInsideWorkspace,
  normaliseRequestPath,
  resolveForWriting,
  resolveInsideWorkspace,
  walkInsideWorkspace,
} from './path-confinement.js';

describe(resolveInsideWorkspace.name, () => {
  let base: string;
  let root: string;
  before(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'confinement-'));
    root = path.join(base, 'workspace');
    await mkdir(path.join(root, 'src'), { recursive: true });
    await writeFile(path.join(root, 'src', 'a.js'), 'a');
    await writeFile(path.join(base, 'secret.txt'), 'secret');
    await symlink(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
    await symlink(base, path.join(root, 'escape-folder'));
    await symlink(path.join(root, 'src', 'a.js'), path.join(root, 'inside-link.js'));
  });
  after(async () => rm(base, { recursive: true, force: true }));

  it('should resolve a file inside the workspace', async () => {
    const resolved = await resolveInsideWorkspace(root, 'src/a.js');
    assert.equal(resolved.kind, 'file');
    assert.equal(resolved.relativePath, 'src/a.js');
  });

  it('should resolve the root for an empty path', async () => {
    assert.equal((await resolveInsideWorkspace(root, '')).kind, 'directory');
  });

  for (const [attempt, reason] of [
    ['../secret.txt', /goes up a folder/],
    ['src/../../secret.txt', /goes up a folder/],
    ['/etc/passwd', /absolute path/],
    ['C:/Windows/win.ini', /absolute path/],
    ['src\\..\\..\\secret.txt', /backslash/],
    ['src/a.js\0.png', /NUL/],
    ['escape.txt', /link to somewhere outside/],
    ['escape-folder/secret.txt', /link to somewhere outside/],
  ] as const) {
    it(`should refuse ${JSON.stringify(attempt)} with a plain reason`, async () => {
      await assert.rejects(resolveInsideWorkspace(root, attempt), (error: unknown) => {
        assert.ok(error instanceof BadRequestException);
        assert.match(error.message, reason);
        assert.match(error.message, /must stay inside the workspace/);
        return true;
      });
    });
  }

  it('should follow a symlink that stays inside', async () => {
    assert.equal((await resolveInsideWorkspace(root, 'inside-link.js')).relativePath, 'inside-link.js');
  });

  it('should say a missing file is missing (404)', async () => {
    await assert.rejects(resolveInsideWorkspace(root, 'src/nope.js'), NotFoundException);
  });

  it('should treat an encoded traversal as a literal name', () => {
    assert.equal(normaliseRequestPath('%2e%2e/secret.txt'), '%2e%2e/secret.txt');
  });

  it('should leave links that escape out of listings and walks', async () => {
    const names = (await listInsideWorkspace(root, '')).map((entry) => entry.name);
    assert.deepEqual(names, ['src', 'inside-link.js']);
    const walked = await walkInsideWorkspace(root);
    assert.deepEqual(
      walked.files.map((file) => file.path),
      ['inside-link.js', 'src/a.js'],
    );
  });
});

describe(resolveForWriting.name, () => {
  let base: string;
  let root: string;
  before(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'confinement-write-'));
    root = path.join(base, 'workspace');
    await mkdir(path.join(root, 'src'), { recursive: true });
    await writeFile(path.join(root, 'src', 'a.js'), 'a');
    await symlink(base, path.join(root, 'out'));
    await symlink(path.join(base, 'nowhere.txt'), path.join(root, 'dangling.txt'));
  });
  after(async () => rm(base, { recursive: true, force: true }));

  it('should allow a new file in a new folder inside the workspace', async () => {
    const target = await resolveForWriting(root, 'docs/new/analysis.md');
    assert.equal(target.exists, false);
    assert.equal(target.absolutePath, path.join(await realpath(root), 'docs', 'new', 'analysis.md'));
  });

  it('should allow replacing an existing file', async () => {
    assert.equal((await resolveForWriting(root, 'src/a.js')).exists, true);
  });

  for (const [attempt, reason] of [
    ['out/new.txt', /outside the workspace/],
    ['dangling.txt', /points nowhere/],
    ['../escape.txt', /goes up a folder/],
    ['/tmp/escape.txt', /absolute path/],
  ] as const) {
    it(`should refuse writing ${attempt}`, async () => {
      await assert.rejects(resolveForWriting(root, attempt), (error: unknown) => {
        assert.ok(error instanceof BadRequestException);
        assert.match(error.message, reason);
        return true;
      });
    });
  }

  it('should refuse writing over a folder', async () => {
    await assert.rejects(resolveForWriting(root, 'src'), /is a folder, not a file/);
  });
});
