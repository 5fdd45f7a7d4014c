import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RUNBOOK_LIMITS } from './limits.js';
import { formatProblem, parseRunbook } from './parse-runbook.js';
import type { RunbookProblem } from './types.js';

const VALID = `id: demo
title: Demo
inputs:
  reason:
    type: text
    required: true
  priority:
    type: enum
    options: [low, { value: high, label: High priority }]
    default: low
steps:
  - id: a
    type: log
    with:
      message: "Asked: {{ inputs.reason }}"
  - id: b
    type: wait
    needs: a
    with: { duration: 5m }
  - id: c
    type: notify
    needs: [a, b]
    when: inputs.priority == 'high' && steps.a.output.ok
    retry: { attempts: 3, backoff: 30s }
    timeout: 2m
outputs:
  said: "{{ steps.a.output.message }}"
`;

function problems(yaml: string, file = 'test.yaml'): RunbookProblem[] {
  const result = parseRunbook(yaml, file);
  assert.equal(result.ok, false, 'expected problems');
  return result.ok ? [] : result.problems;
}

function only(yaml: string): string {
  const found = problems(yaml);
  assert.equal(found.length, 1, `expected one problem, got:\n${found.map(formatProblem).join('\n')}`);
  return formatProblem(found[0]);
}

function withSteps(steps: string, extra = ''): string {
  return `id: demo\ntitle: Demo\n${extra}steps:\n${steps}`;
}

describe('parseRunbook', () => {
  it('should parse a valid runbook with defaults filled in', () => {
    const result = parseRunbook(VALID, 'demo.yaml');
    assert.ok(result.ok, result.ok ? '' : result.problems.map(formatProblem).join('\n'));
    const runbook = result.runbook;
    assert.equal(runbook.version, 1);
    assert.equal(runbook.description, '');
    assert.deepEqual(runbook.tags, []);
    assert.deepEqual(runbook.inputs[0], { name: 'reason', type: 'text', label: 'Reason', required: true });
    assert.deepEqual(runbook.inputs[1].options, [
      { value: 'low', label: 'low' },
      { value: 'high', label: 'High priority' },
    ]);
    assert.equal(runbook.inputs[1].default, 'low');
    assert.deepEqual(runbook.steps[1].needs, ['a']);
    assert.deepEqual(runbook.steps[1].with, { duration: '5m' });
    assert.deepEqual(runbook.steps[2].retry, { attempts: 3, backoff: '30s', strategy: 'exponential' });
    assert.equal(runbook.steps[2].timeout, '2m');
    assert.deepEqual(runbook.outputs, [{ name: 'said', value: '{{ steps.a.output.message }}' }]);
  });

  it('should name file, line, column and the known steps for an unknown need', () => {
    const yaml = withSteps(`  - id: a
    type: log
  - id: b
    type: log
  - id: c
    type: log
    needs: [a, notify]
`);
    assert.equal(
      only(yaml),
      'test.yaml:10:16 steps[2].needs[1]: "notify" is not a step in this runbook; steps are: a, b, c',
    );
  });

  it('should report an unknown key with a suggestion and the allowed keys', () => {
    const message = only(withSteps(`  - id: a\n    type: log\n    neds: [b]\n`));
    assert.match(
      message,
      /^test\.yaml:6:5 steps\[0\]\.neds: unknown key "neds" in a step \(did you mean "needs"\?\); expected one of: id, type/,
    );
  });

  it('should report wrong types saying what was expected and what was found', () => {
    const found = problems(`id: demo\ntitle: [a, b]\nversion: two\nsteps:\n  - id: a\n    type: log\n    timeout: 5\n`);
    const messages = found.map(formatProblem);
    assert.deepEqual(messages, [
      'test.yaml:2:8 title: expected a title people will see in the library but found a list',
      'test.yaml:3:10 version: expected a version number (1, 2, 3, ...) but found the text "two"',
      'test.yaml:7:14 steps[0].timeout: expected a time limit such as "30s", "5m" or "4h" but found the number 5 (put it in quotes to make it text)',
    ]);
  });

  it('should report missing required keys at the object that lacks them', () => {
    const found = problems(`title: Demo\nsteps:\n  - id: a\n`).map(formatProblem);
    assert.deepEqual(found, [
      'test.yaml:1:1 the runbook needs "id": a runbook id such as "restart-interface"',
      'test.yaml:3:5 steps[0]: a step needs "type": the step type, such as log, wait, http.request, notify or approval',
    ]);
  });

  it('should refuse duplicate step ids, pointing at the second', () => {
    const message = only(withSteps(`  - id: a\n    type: log\n  - id: a\n    type: log\n`));
    assert.equal(message, 'test.yaml:6:9 steps[1].id: "a" is already the id of steps[0]; every step needs its own id');
  });

  it('should name the cycle in order', () => {
    const message = only(
      withSteps(
        `  - id: a\n    type: log\n    needs: [c]\n  - id: b\n    type: log\n    needs: [a]\n  - id: c\n    type: log\n    needs: [b]\n`,
      ),
    );
    assert.match(
      message,
      /steps\[0\]\.needs\[0\]: the steps need each other in a circle, so none of them could start: a → c → b → a/,
    );
  });

  it('should refuse a step that needs itself', () => {
    assert.match(only(withSteps(`  - id: a\n    type: log\n    needs: [a]\n`)), /a step cannot need itself/);
  });

  it('should report bad durations with the expected format', () => {
    const message = only(withSteps(`  - id: a\n    type: wait\n    timeout: 5 minutes\n`));
    assert.match(
      message,
      /^test\.yaml:6:14 steps\[0\]\.timeout: "5 minutes" is not a duration; write a number followed by a unit/,
    );
  });

  it('should point into a bad when expression at the failing character', () => {
    const message = only(
      withSteps(`  - id: a\n    type: log\n    when: inputs.x = 'high'\n`, 'inputs:\n  x: { type: string }\n'),
    );
    assert.equal(
      message,
      'test.yaml:8:20 steps[0].when: the condition cannot be read: unexpected character "=" (to compare, write ==)',
    );
  });

  it('should refuse references to unknown inputs and to steps that are not needed', () => {
    const found = problems(
      withSteps(`  - id: a
    type: log
  - id: b
    type: log
    when: steps.a.output.ok
    with:
      text: "{{ inputs.missing }} and {{ steps.c.output.x }}"
  - id: c
    type: log
    needs: b
`),
    ).map(formatProblem);
    assert.deepEqual(found, [
      'test.yaml:8:11 steps[1].when: steps.a.output.ok: step "b" does not need "a" (directly or through other steps), so its output may not exist yet; add "a" to needs',
      'test.yaml:10:17 steps[1].with.text: inputs.missing: "missing" is not an input of this runbook; it has no inputs',
      'test.yaml:10:42 steps[1].with.text: steps.c.output.x: step "b" does not need "c" (directly or through other steps), so its output may not exist yet; add "c" to needs',
    ]);
  });

  it('should accept references to steps needed indirectly', () => {
    const result = parseRunbook(
      withSteps(
        `  - id: a\n    type: log\n  - id: b\n    type: log\n    needs: a\n  - id: c\n    type: log\n    needs: b\n    when: steps.a.output.ok == true\n`,
      ),
      'x.yaml',
    );
    assert.ok(result.ok);
  });

  it('should report an unclosed template', () => {
    assert.match(
      only(withSteps(`  - id: a\n    type: log\n    with:\n      message: "hello {{ inputs.x"\n`)),
      /"\{\{" is not closed by "\}\}"/,
    );
  });

  it('should check input definitions: types, enum options, defaults, patterns, ranges', () => {
    const found = problems(
      withSteps(
        `  - id: a\n    type: log\n`,
        `inputs:
  colour:
    type: enum
  size:
    type: number
    min: 10
    max: 1
  code:
    type: string
    pattern: "([a-z"
  when:
    type: date
    default: 2026-02-30
  kind:
    type: choice
  flag:
    type: boolean
    minLength: 2
  constructor:
    type: string
`,
      ),
    ).map(formatProblem);
    assert.deepEqual(found, [
      'test.yaml:5:5 inputs.colour: an enum input needs "options": the list of values people can choose from',
      'test.yaml:8:10 inputs.size.min: min (10) is greater than max (1)',
      'test.yaml:12:14 inputs.code.pattern: "([a-z" is not a valid regular expression: Invalid regular expression: /([a-z/u: Unterminated character class',
      'test.yaml:15:14 inputs.when.default: the default does not fit the input: When must be a date written as YYYY-MM-DD, for example 2026-03-31.',
      'test.yaml:17:11 inputs.kind.type: "choice" is not an input type; expected one of: string, text, number, boolean, enum, date, workspace, file',
      'test.yaml:20:5 inputs.flag.minLength: "minLength" applies only to string and text inputs',
      'test.yaml:21:3 inputs.constructor: "constructor" cannot be an input name; use letters, digits and underscores, starting with a letter (for example "ticket_number")',
    ]);
  });

  it('should check approval and retry blocks', () => {
    const found = problems(
      withSteps(`  - id: gate
    type: approval
    approval: { policy: anyone, sla: soon, onTimeout: explode }
    retry: { attempts: 0, strategy: linear }
`),
    ).map((problem) => `${problem.path}: ${problem.message}`);
    assert.deepEqual(found, [
      'steps[0].approval.policy: "anyone" is not a policy; expected one of: auto, require_one, require_two',
      'steps[0].approval.sla: "soon" is not a duration; write a number followed by a unit (ms, s, m, h, d, w), for example "30s", "5m", "4h", "2d" or "1h30m".',
      'steps[0].approval.onTimeout: expected fail or continue but found "explode"',
      'steps[0].retry.attempts: expected a whole number from 1 to 20 but found 0',
      'steps[0].retry.strategy: expected fixed or exponential but found "linear"',
    ]);
  });

  it('should report YAML syntax errors with their position', () => {
    const found = problems('id: demo\ntitle: "unclosed\nsteps: []\n');
    assert.equal(found[0].line > 0, true);
    assert.match(found[0].message, /^this is not valid YAML: /);
  });

  it('should refuse duplicate keys', () => {
    const found = problems('id: demo\nid: other\ntitle: Demo\nsteps:\n  - id: a\n    type: log\n');
    assert.match(formatProblem(found[0]), /^test\.yaml:2:1 this is not valid YAML: Map keys must be unique/);
  });

  it('should refuse an empty file and a file that is not a mapping', () => {
    assert.match(only(''), /the file is empty/);
    assert.equal(
      only('- a\n- b\n'),
      'test.yaml:1:1 expected the runbook as a mapping (key: value lines) but found a list',
    );
  });

  it('should refuse more steps than the limit with a clear message', () => {
    const steps = Array.from(
      { length: RUNBOOK_LIMITS.maxSteps + 1 },
      (_, index) => `  - { id: s${index}, type: log }\n`,
    ).join('');
    assert.match(
      only(withSteps(steps)),
      /steps: this runbook has 201 steps; the limit is 200 — split it into smaller runbooks/,
    );
  });

  it('should refuse a chain of needs deeper than the limit', () => {
    const steps = Array.from(
      { length: RUNBOOK_LIMITS.maxDepth + 1 },
      (_, index) => `  - { id: s${index}, type: log${index ? `, needs: [s${index - 1}]` : ''} }\n`,
    ).join('');
    assert.match(only(withSteps(steps)), /the longest chain of needs is 51 steps \(ending at "s50"\); the limit is 50/);
  });

  it('should accept a 200-step chain within the depth limit when spread in parallel', () => {
    const steps = Array.from(
      { length: 200 },
      (_, index) => `  - { id: s${index}, type: log${index >= 4 ? `, needs: [s${index - 4}]` : ''} }\n`,
    ).join('');
    const result = parseRunbook(withSteps(steps), 'wide.yaml');
    assert.ok(result.ok);
  });

  it('should refuse more inputs than the limit', () => {
    const inputs = Array.from(
      { length: RUNBOOK_LIMITS.maxInputs + 1 },
      (_, index) => `  i${index}: { type: string }\n`,
    ).join('');
    assert.match(
      only(withSteps(`  - { id: a, type: log }\n`, `inputs:\n${inputs}`)),
      /this runbook has 101 inputs; the limit is 100/,
    );
  });

  it('should refuse oversized YAML before parsing it', () => {
    const yaml = `id: demo\ntitle: Demo\ndescription: "${'x'.repeat(RUNBOOK_LIMITS.maxYamlBytes)}"\nsteps: []\n`;
    assert.equal(
      only(yaml),
      'test.yaml the file is 257 KiB; a runbook may be at most 256 KiB — split it into smaller runbooks',
    );
  });

  it('should refuse YAML alias bombs', () => {
    const yaml = `id: demo
title: Demo
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
steps: []
`;
    assert.match(only(yaml), /expands too many YAML aliases/);
  });

  it('should check step types against a known list when given one', () => {
    const result = parseRunbook(withSteps(`  - id: a\n    type: lgo\n`), 'x.yaml', { stepTypes: ['log', 'wait'] });
    assert.equal(result.ok, false);
    assert.match(
      result.ok ? '' : result.problems[0].message,
      /"lgo" is not a step type this server knows; known types are: log, wait/,
    );
  });

  it('should keep a "__proto__" key in with as plain data', () => {
    const result = parseRunbook(
      withSteps(`  - id: a\n    type: log\n    with:\n      __proto__: { polluted: true }\n`),
      'x.yaml',
    );
    assert.ok(result.ok);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.getPrototypeOf(result.runbook.steps[0].with), Object.prototype);
  });
});
