import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadRunbookLibrary } from './runbook-library.js';

const runbook = (id: string) =>
  `id: ${id}\nversion: 2\ntitle: ${id}\ndescription: A test.\nsteps:\n  - id: only\n    type: log\n    with: { message: hello }\n`;

describe('loadRunbookLibrary', () => {
  let folder: string;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'trustops-runbooks-'));
    await mkdir(join(folder, 'nested', 'deeper'), { recursive: true });
    await writeFile(join(folder, 'first.yaml'), runbook('first'));
    await writeFile(join(folder, 'nested', 'deeper', 'second.yml'), runbook('second'));
    await writeFile(join(folder, 'nested', 'again.yaml'), runbook('first'));
    await writeFile(join(folder, 'broken.yaml'), 'id: broken\nsteps: nope\n');
    await writeFile(join(folder, 'notes.md'), '# not a runbook');
  });

  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('should load every YAML file below the folder and report the ones it left out', async () => {
    const library = await loadRunbookLibrary(folder);
    assert.deepEqual([...library.runbooks.keys()].sort(), ['first', 'second']);
    assert.equal(library.runbooks.get('second')?.file, join('nested', 'deeper', 'second.yml'));
    assert.equal(library.runbooks.get('first')?.definition.version, 2);
    const files = library.problems.map((problem) => problem.file);
    assert.ok(files.includes('broken.yaml'));
    assert.ok(
      library.problems.some(
        (problem) =>
          problem.file === join('nested', 'again.yaml') && /already used by first\.yaml/.test(problem.message),
      ),
    );
  });

  it('should treat a missing folder as an empty library', async () => {
    const library = await loadRunbookLibrary(join(folder, 'missing'));
    assert.equal(library.runbooks.size, 0);
    assert.deepEqual(library.problems, []);
  });
});
