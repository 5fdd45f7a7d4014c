import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExpressionScope } from './expression.js';
import { resolveTemplates, TemplateError, templatePaths } from './template.js';

const scope: ExpressionScope = {
  inputs: { reason: 'disk full', count: 3, flag: false, empty: null, list: [1, 2] },
  steps: { check: { output: { status: 200, body: { ok: true }, message: 'fine' } }, skipped: { output: undefined } },
};

describe('resolveTemplates', () => {
  it('should keep the type of a whole-string template', () => {
    assert.equal(resolveTemplates('{{ inputs.count }}', scope), 3);
    assert.equal(resolveTemplates('{{inputs.flag}}', scope), false);
    assert.deepEqual(resolveTemplates('{{ steps.check.output.body }}', scope), { ok: true });
    assert.deepEqual(resolveTemplates('{{ inputs.list }}', scope), [1, 2]);
    assert.equal(resolveTemplates('{{ inputs.empty }}', scope), null);
    assert.equal(resolveTemplates('{{ steps.skipped.output.x }}', scope), null);
  });

  it('should write values into longer text', () => {
    assert.equal(
      resolveTemplates('Reason: {{ inputs.reason }} ({{ inputs.count }}, {{ inputs.flag }})', scope),
      'Reason: disk full (3, false)',
    );
    assert.equal(resolveTemplates('Body: {{ steps.check.output.body }}', scope), 'Body: {"ok":true}');
    assert.equal(resolveTemplates('[{{ inputs.empty }}]', scope), '[]');
  });

  it('should resolve inside nested lists and objects and leave other values alone', () => {
    const value = {
      url: 'https://x/{{ inputs.count }}',
      headers: [{ n: '{{ steps.check.output.status }}' }],
      retries: 2,
      on: true,
      none: null,
    };
    assert.deepEqual(resolveTemplates(value, scope), {
      url: 'https://x/3',
      headers: [{ n: 200 }],
      retries: 2,
      on: true,
      none: null,
    });
    assert.equal(resolveTemplates('no templates here', scope), 'no templates here');
  });

  it('should give clear errors for unknown references', () => {
    assert.throws(
      () => resolveTemplates('{{ inputs.nope }}', scope),
      (error: unknown) => {
        assert.ok(error instanceof TemplateError);
        assert.match(error.message, /^\{\{ inputs\.nope \}\}: this run has no input "nope"/);
        return true;
      },
    );
    assert.throws(() => resolveTemplates('{{ steps.later.output.x }}', scope), /step "later" has not finished/);
    assert.throws(
      () => resolveTemplates('{{ steps.check.output.stauts }}', scope),
      /there is no such value; available here: status, body, message/,
    );
    assert.throws(() => resolveTemplates('{{ inputs.reason', scope), /"\{\{" is not closed by "\}\}"/);
    assert.throws(() => resolveTemplates('{{ inputs.count == 3 }}', scope), /holds one reference/);
    assert.throws(() => resolveTemplates('{{ }}', scope), /the expression is empty/);
  });

  it('should not reach prototypes and keep hostile keys as plain data', () => {
    assert.throws(() => resolveTemplates('{{ inputs.__proto__ }}', scope), /cannot be used in a path/);
    assert.throws(() => resolveTemplates('{{ inputs.constructor }}', scope), /cannot be used in a path/);
    assert.throws(() => resolveTemplates('{{ inputs.toString }}', scope), /no input "toString"/);
    const hostile = JSON.parse('{"__proto__": {"polluted": "{{ inputs.reason }}"}}') as unknown;
    const resolved = resolveTemplates(hostile, scope) as Record<string, unknown>;
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.getPrototypeOf(resolved), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(resolved, '__proto__')?.value, { polluted: 'disk full' });
  });

  it('should list the references a value uses', () => {
    const paths = templatePaths({ a: 'x {{ inputs.reason }}', b: ['{{ steps.check.output.status }}'], c: 1 });
    assert.deepEqual(
      paths.map((path) => path.text),
      ['inputs.reason', 'steps.check.output.status'],
    );
  });
});
