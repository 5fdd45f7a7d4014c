import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCondition, ExpressionError, parseExpression, type ExpressionScope } from './expression.js';

const scope: ExpressionScope = {
  inputs: { priority: 'high', count: 3, urgent: true, tags: ['a', 'b'], note: null, ward: 'Ward 7' },
  steps: {
    check: { output: { status: 200, ok: true, items: [{ name: 'x' }], text: 'disk full' } },
    skipped: { output: undefined },
  },
};

function evaluate(expression: string, custom: ExpressionScope = scope): boolean {
  return evaluateCondition(expression, custom);
}

function failure(expression: string, custom: ExpressionScope = scope): ExpressionError {
  try {
    evaluateCondition(expression, custom);
  } catch (error) {
    assert.ok(error instanceof ExpressionError, `expected ExpressionError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected "${expression}" to fail`);
}

describe('evaluateCondition', () => {
  it('should compare literals and paths', () => {
    assert.equal(evaluate("inputs.priority == 'high'"), true);
    assert.equal(evaluate('inputs.priority != "high"'), false);
    assert.equal(evaluate('inputs.count >= 3 && inputs.count < 4'), true);
    assert.equal(evaluate('inputs.count > 3 || inputs.urgent'), true);
    assert.equal(evaluate('steps.check.output.status == 200'), true);
    assert.equal(evaluate("steps.check.output.items[0].name == 'x'"), true);
    assert.equal(evaluate("steps.check.output['status'] <= 199"), false);
    assert.equal(evaluate("'b' < 'c'"), true);
    assert.equal(evaluate('-1.5 < 0'), true);
  });

  it('should honour precedence: ! binds tightest, then &&, then ||', () => {
    assert.equal(evaluate('true || false && false'), true);
    assert.equal(evaluate('(true || false) && false'), false);
    assert.equal(evaluate('!false && !inputs.note'), true);
    assert.equal(evaluate('!(inputs.count == 3)'), false);
    assert.equal(evaluate('!!inputs.urgent'), true);
  });

  it('should support in and contains on lists and text', () => {
    assert.equal(evaluate("inputs.priority in ['high', 'critical']"), true);
    assert.equal(evaluate("'c' in inputs.tags"), false);
    assert.equal(evaluate("inputs.tags contains 'a'"), true);
    assert.equal(evaluate("steps.check.output.text contains 'full'"), true);
    assert.equal(evaluate("'Ward' in inputs.ward"), true);
    assert.equal(evaluate('inputs.priority in []'), false);
  });

  it('should treat null, missing output fields and skipped steps as null', () => {
    assert.equal(evaluate('inputs.note == null'), true);
    assert.equal(evaluate('steps.check.output.missing == null'), true);
    assert.equal(evaluate('steps.skipped.output.anything == null'), true);
    assert.equal(evaluate('steps.skipped.output.anything'), false);
  });

  it('should use truthiness for a bare value', () => {
    assert.equal(evaluate('inputs.tags'), true);
    assert.equal(evaluate('inputs.count'), true);
    assert.equal(evaluate("''"), false);
    assert.equal(evaluate('0'), false);
    assert.equal(evaluate('[]'), false);
  });

  it('should refuse unknown inputs and steps that have not finished', () => {
    assert.match(failure('inputs.nope == 1').message, /this run has no input "nope"/);
    assert.match(failure('steps.later.output.x').message, /step "later" has not finished/);
  });

  it('should explain malformed expressions with the position of the problem', () => {
    const cases: Array<[string, RegExp, number]> = [
      ["inputs.priority = 'high'", /unexpected character "=" \(to compare, write ==\)/, 16],
      ['inputs.priority ==', /ends too early/, 18],
      ['(inputs.count == 3', /expected a closing \)/, 18],
      ["inputs.count == 'x", /missing its closing '/, 16],
      ['high == inputs.priority', /unknown name "high".*text must be quoted \('high'\)/, 0],
      ['inputs.count == 3 inputs.urgent', /unexpected "inputs" after a complete expression/, 18],
      ['1 < 2 < 3', /comparisons cannot be chained/, 6],
      ['inputs', /"inputs" on its own is not a value/, 0],
      ['steps.check.status', /reads the step's output/, 0],
      ['', /the expression is empty/, 0],
      ['inputs.a & inputs.b', /write && or \|\|/, 9],
      ['[1, 2', /expected a , or the closing \]/, 5],
    ];
    for (const [expression, message, position] of cases) {
      const error = failure(expression);
      assert.match(error.message, message, expression);
      assert.equal(error.position, position, expression);
    }
  });

  it('should refuse comparing values of different kinds with < and >', () => {
    assert.match(failure("inputs.count < 'x'").message, /compares two numbers or two texts, not a number with text/);
    assert.match(failure('inputs.count contains 1').message, /needs a list or a text to look in, not a number/);
  });

  it('should never reach prototypes or functions', () => {
    for (const hostile of [
      'inputs.__proto__',
      'inputs.constructor',
      'steps.check.output.constructor.name',
      "inputs['__proto__']",
      'inputs.tags.prototype',
    ]) {
      assert.match(failure(hostile).message, /cannot be used in a path/, hostile);
    }
    // Inherited members do not exist: toString is not an input.
    assert.match(failure('inputs.toString').message, /this run has no input "toString"/);
    assert.equal(evaluate('steps.check.output.hasOwnProperty == null'), true);
    assert.equal(evaluate('inputs.tags.length == null'), true);
    const withFunction: ExpressionScope = { inputs: { run: () => true }, steps: {} };
    assert.equal(evaluate('inputs.x == null', { inputs: { x: null }, steps: {} }), true);
    assert.match(failure('inputs.run', withFunction).message, /no input "run"/);
  });

  it('should refuse over-long and over-deep expressions', () => {
    assert.match(failure(`inputs.count == ${'1'.repeat(1001)}`).message, /longer than 1000 characters/);
    assert.match(failure(`${'('.repeat(40)}true${')'.repeat(40)}`).message, /nests deeper than 32 levels/);
    assert.match(failure(`${'!'.repeat(40)}true`).message, /nests deeper than 32 levels/);
  });

  it('should not evaluate code', () => {
    const before = (globalThis as Record<string, unknown>)['hacked'];
    assert.throws(() => parseExpression('globalThis.hacked = 1'), ExpressionError);
    assert.throws(() => parseExpression('inputs.a; process.exit(1)'), ExpressionError);
    assert.throws(() => parseExpression('`${1}`'), ExpressionError);
    assert.equal((globalThis as Record<string, unknown>)['hacked'], before);
  });
});
