import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { formatProblem, parseRunbook } from './parse-runbook.js';
import { runbookJsonSchema } from './runbook-json-schema.js';

// Compiled specs live in libs/runbook/dist-spec; the library is at the repository root.
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const libraryFolder = join(repositoryRoot, 'runbooks');

function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

describe('the built-in runbook library', () => {
  const files = yamlFiles(libraryFolder);
  const validateSchema = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(runbookJsonSchema);

  it('should contain the example runbooks', () => {
    const names = files.map((file) => relative(libraryFolder, file));
    assert.ok(names.includes(join('examples', 'approval-demo.yaml')));
    assert.ok(names.includes(join('examples', 'parallel-checks.yaml')));
  });

  for (const file of files) {
    const name = relative(repositoryRoot, file);
    it(`${name} should pass parseRunbook and the JSON Schema`, () => {
      const text = readFileSync(file, 'utf8');
      const result = parseRunbook(text, name);
      assert.ok(result.ok, result.ok ? '' : result.problems.map(formatProblem).join('\n'));
      // One file per runbook, named after its id (a folder may prefix the id: agents/ask.yaml is agents-ask).
      const base = file
        .split(/[\\/]/)
        .pop()!
        .replace(/\.ya?ml$/, '');
      assert.ok(
        result.runbook.id === base || result.runbook.id.endsWith(`-${base}`),
        `${result.runbook.id} is not named ${base}`,
      );
      const valid = validateSchema(parse(text));
      assert.ok(valid, JSON.stringify(validateSchema.errors, null, 2));
    });
  }

  it('should describe the approval demo used by the end-to-end journey', () => {
    const result = parseRunbook(
      readFileSync(join(libraryFolder, 'examples', 'approval-demo.yaml'), 'utf8'),
      'approval-demo.yaml',
    );
    assert.ok(result.ok);
    const { runbook } = result;
    assert.equal(runbook.id, 'approval-demo');
    assert.deepEqual(
      runbook.inputs.map((input) => [input.name, input.type]),
      [['reason', 'text']],
    );
    assert.deepEqual(
      runbook.steps.map((step) => [step.type, step.needs]),
      [
        ['log', []],
        ['approval', [runbook.steps[0].id]],
        ['log', [runbook.steps[1].id]],
      ],
    );
    assert.deepEqual(runbook.steps[1].approval, {
      policy: 'require_one',
      roles: ['supervisor'],
      sla: '1h',
      onTimeout: 'fail',
    });
    assert.equal(runbook.steps[2].title, 'Change carried out');
  });

  it('should have a JSON Schema that rejects what parseRunbook rejects structurally', () => {
    assert.equal(validateSchema(parse('id: x\ntitle: X\nsteps:\n  - { id: a, type: log, neds: [b] }\n')), false);
    assert.equal(validateSchema(parse('id: x\ntitle: X\nsteps:\n  - { id: a, type: log, timeout: soon }\n')), false);
    assert.equal(validateSchema(parse('id: x\ntitle: X\nsteps: []\n')), false);
    assert.equal(
      validateSchema(parse('id: x\ntitle: X\ninputs: { a: { type: choice } }\nsteps:\n  - { id: a, type: log }\n')),
      false,
    );
  });
});
