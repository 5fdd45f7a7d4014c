import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunnerWorkspace } from '../runner.js';
import { executeTool, toolDefinitionsFor } from './agent-tools.js';
import { DEFAULT_TOOL_LIMITS } from './workspace-tools.js';

describe('agent tools', () => {
  let base: string;
  let root: string;
  let readOnly: RunnerWorkspace;
  let writable: RunnerWorkspace;

  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'trustops-tools-'));
    root = join(base, 'workspace');
    await mkdir(join(root, 'src', 'adt'), { recursive: true });
    await writeFile(
      join(root, 'src', 'adt', 'a01.ts'),
      'export const EVENT = "ADT^A01";\nconst port = 2575; // MLLP listener\n',
    );
    await writeFile(join(root, 'README.md'), '# TIE\nRoutes ADT and ORU messages.\n');
    await writeFile(join(base, 'secret.txt'), 'TOP-SECRET-CONTENT');
    await symlink(join(base, 'secret.txt'), join(root, 'link-out.txt'));
    await symlink(base, join(root, 'folder-out'));
    await symlink(join(base, 'does-not-exist.txt'), join(root, 'dangling.txt'));
    readOnly = { root, allowWrite: false, allowBash: false };
    writable = { root, allowWrite: true, allowBash: true };
  });

  after(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('should read a file inside the workspace with line numbers', async () => {
    const result = await executeTool(readOnly, 'read_file', { path: 'src/adt/a01.ts' });
    assert.equal(result.isError, false);
    assert.match(result.output, /^1\texport const EVENT = "ADT\^A01";/);
    assert.match(result.output, /2\tconst port = 2575/);
  });

  it('should refuse to read a file above the workspace with ../', async () => {
    const result = await executeTool(readOnly, 'read_file', { path: '../secret.txt' });
    assert.equal(result.isError, true);
    assert.match(result.output, /not allowed: it goes up a folder/);
    assert.doesNotMatch(result.output, /TOP-SECRET/);
  });

  it('should refuse an absolute path', async () => {
    const result = await executeTool(readOnly, 'read_file', { path: join(base, 'secret.txt') });
    assert.equal(result.isError, true);
    assert.match(result.output, /absolute path/);
  });

  it('should refuse a symlink that points out of the workspace', async () => {
    const file = await executeTool(readOnly, 'read_file', { path: 'link-out.txt' });
    assert.equal(file.isError, true);
    assert.match(file.output, /outside the workspace/);
    const throughFolder = await executeTool(readOnly, 'read_file', { path: 'folder-out/secret.txt' });
    assert.equal(throughFolder.isError, true);
    assert.match(throughFolder.output, /outside the workspace/);
    const listing = await executeTool(readOnly, 'list_files', { path: 'folder-out' });
    assert.equal(listing.isError, true);
  });

  it('should not follow symlinks when searching', async () => {
    const result = await executeTool(readOnly, 'search', { query: 'TOP-SECRET' });
    assert.equal(result.isError, false);
    assert.match(result.output, /No line contains/);
  });

  it('should list files with sizes and find text with file and line', async () => {
    const listing = await executeTool(readOnly, 'list_files', {});
    assert.match(listing.output, /^README\.md \(\d+ bytes\)$/m);
    assert.match(listing.output, /^src\/adt\/a01\.ts \(\d+ bytes\)$/m);
    const found = await executeTool(readOnly, 'search', { query: 'mllp' });
    assert.equal(found.output, 'src/adt/a01.ts:2: const port = 2575; // MLLP listener');
  });

  it('should offer write_file and bash only when the workspace allows them', () => {
    assert.deepEqual(
      toolDefinitionsFor(readOnly).map((tool) => tool.name),
      ['list_files', 'read_file', 'search'],
    );
    assert.deepEqual(
      toolDefinitionsFor(writable).map((tool) => tool.name),
      ['list_files', 'read_file', 'search', 'write_file', 'bash'],
    );
  });

  it('should refuse write_file and bash when called anyway in a read-only workspace', async () => {
    const write = await executeTool(readOnly, 'write_file', { path: 'new.txt', content: 'x' });
    assert.deepEqual(write, { output: 'Writing files is not allowed in this workspace.', isError: true });
    const bash = await executeTool(readOnly, 'bash', { command: 'touch pwned' });
    assert.deepEqual(bash, { output: 'Running commands is not allowed in this workspace.', isError: true });
    await assert.rejects(readFile(join(root, 'pwned')), { code: 'ENOENT' });
  });

  it('should write inside the workspace but not through a dangling symlink or above it', async () => {
    const written = await executeTool(writable, 'write_file', { path: 'docs/notes.md', content: '# Notes\n' });
    assert.equal(written.isError, false, written.output);
    assert.equal(await readFile(join(root, 'docs', 'notes.md'), 'utf8'), '# Notes\n');
    const dangling = await executeTool(writable, 'write_file', { path: 'dangling.txt', content: 'x' });
    assert.equal(dangling.isError, true);
    await assert.rejects(readFile(join(base, 'does-not-exist.txt')), { code: 'ENOENT' });
    const above = await executeTool(writable, 'write_file', { path: '../escaped.txt', content: 'x' });
    assert.equal(above.isError, true);
    await assert.rejects(readFile(join(base, 'escaped.txt')), { code: 'ENOENT' });
  });

  it('should run bash in the workspace folder', async () => {
    const result = await executeTool(writable, 'bash', { command: 'pwd && ls src' });
    assert.equal(result.isError, false);
    assert.match(result.output, /\/workspace\nadt/);
  });

  it('should not pass the server environment to bash', async () => {
    process.env['TRUSTOPS_TEST_SECRET'] = 'sk-should-never-leak';
    try {
      const result = await executeTool(writable, 'bash', { command: 'env' });
      assert.equal(result.isError, false);
      assert.doesNotMatch(result.output, /sk-should-never-leak|TRUSTOPS_TEST_SECRET/);
      const names = result.output
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => line.split('=')[0])
        .filter((name) => !['PWD', 'SHLVL', '_'].includes(name ?? ''));
      assert.deepEqual(names.sort(), ['HOME', 'PATH']);
    } finally {
      delete process.env['TRUSTOPS_TEST_SECRET'];
    }
  });

  it('should stop a command at the timeout, including what it started', async () => {
    const limits = { ...DEFAULT_TOOL_LIMITS, timeoutMs: 300 };
    const started = Date.now();
    const result = await executeTool(writable, 'bash', { command: 'sleep 30 & sleep 30; echo never' }, { limits });
    assert.ok(Date.now() - started < 5_000, 'the command should have been stopped');
    assert.match(result.output, /stopped after 0 seconds|stopped after 1 seconds|was stopped after/);
    assert.doesNotMatch(result.output, /never/);
  });

  it('should not leave background processes running after the command ends', async () => {
    const result = await executeTool(writable, 'bash', { command: '(sleep 2; touch left-behind.txt) & echo started' });
    assert.equal(result.output, 'started');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await assert.rejects(readFile(join(root, 'left-behind.txt')), { code: 'ENOENT' });
  });

  it('should cap the output and stop a command that writes too much', async () => {
    const limits = { ...DEFAULT_TOOL_LIMITS, outputBytes: 1_000 };
    const result = await executeTool(writable, 'bash', { command: 'yes TIE' }, { limits });
    assert.match(result.output, /Output was cut at 1000 bytes/);
    assert.ok(result.output.length < 1_200);
  });

  it('should report the exit code of a failing command', async () => {
    const result = await executeTool(writable, 'bash', { command: 'echo oops >&2; exit 3' });
    assert.match(result.output, /oops\nExit code 3\./);
  });

  it('should answer an unknown tool with an error the model can read', async () => {
    assert.deepEqual(await executeTool(readOnly, 'delete_everything', {}), {
      output: 'There is no tool called "delete_everything".',
      isError: true,
    });
  });
});
