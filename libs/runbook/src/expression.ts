/**
 * The safe expression language of `when` conditions (and of the references inside `{{ }}`
 * templates). A hand-written tokenizer and recursive-descent parser produce a small tree that
 * is interpreted directly: nothing is ever handed to `eval` or `Function`, and a path can only
 * read the run's own data (own properties of plain objects and arrays), never a prototype.
 *
 *   expression := or
 *   or         := and ( '||' and )*
 *   and        := unary ( '&&' unary )*
 *   unary      := '!' unary | comparison
 *   comparison := primary ( ( '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'contains' ) primary )?
 *   primary    := literal | path | list | '(' expression ')'
 *   literal    := number | 'text' | "text" | true | false | null
 *   list       := '[' ( expression ( ',' expression )* )? ']'
 *   path       := ( 'inputs' | 'steps' ) ( '.' name | '[' number | text ']' )*
 */
import { RUNBOOK_LIMITS } from './limits.js';

export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  /** 0-based offset in the expression text where the problem is. */
  readonly position: number;

  constructor(message: string, position = 0) {
    super(message);
    this.position = position;
  }
}

/** What conditions and templates can read: the run's inputs and the outputs of finished steps. */
export interface ExpressionScope {
  inputs: Record<string, unknown>;
  steps: Record<string, { output?: unknown } | undefined>;
}

export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'contains';

export type Expression =
  | { kind: 'literal'; value: string | number | boolean | null; position: number }
  | { kind: 'path'; root: 'inputs' | 'steps'; segments: Array<string | number>; text: string; position: number }
  | { kind: 'list'; items: Expression[]; position: number }
  | { kind: 'not'; operand: Expression; position: number }
  | { kind: 'logical'; operator: '&&' | '||'; left: Expression; right: Expression; position: number }
  | { kind: 'comparison'; operator: ComparisonOperator; left: Expression; right: Expression; position: number };

type Token =
  | { kind: 'number'; value: number; text: string; position: number }
  | { kind: 'text'; value: string; text: string; position: number }
  | { kind: 'name'; value: string; text: string; position: number }
  | { kind: 'symbol'; value: string; text: string; position: number }
  | { kind: 'end'; value: ''; text: ''; position: number };

/** Names that would reach into JavaScript's object machinery if a path were ever looked up carelessly. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'prototype', 'constructor']);
const SYMBOLS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', ',', '.'];
const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_-]/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const character = source[index];
    if (/\s/.test(character)) {
      index++;
      continue;
    }
    const start = index;
    if (/[0-9]/.test(character) || (character === '-' && /[0-9]/.test(source[index + 1] ?? ''))) {
      index++;
      while (index < source.length && /[0-9]/.test(source[index])) index++;
      if (source[index] === '.' && /[0-9]/.test(source[index + 1] ?? '')) {
        index++;
        while (index < source.length && /[0-9]/.test(source[index])) index++;
      }
      const text = source.slice(start, index);
      tokens.push({ kind: 'number', value: Number(text), text, position: start });
      continue;
    }
    if (character === "'" || character === '"') {
      index++;
      let value = '';
      while (index < source.length && source[index] !== character) {
        if (source[index] === '\\' && index + 1 < source.length) {
          const escaped = source[index + 1];
          value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
          index += 2;
        } else {
          value += source[index];
          index++;
        }
      }
      if (index >= source.length) {
        throw new ExpressionError(`the text starting here is missing its closing ${character}`, start);
      }
      index++;
      tokens.push({ kind: 'text', value, text: source.slice(start, index), position: start });
      continue;
    }
    if (NAME_START.test(character)) {
      index++;
      while (index < source.length && NAME_PART.test(source[index])) index++;
      const text = source.slice(start, index);
      tokens.push({ kind: 'name', value: text, text, position: start });
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => source.startsWith(candidate, index));
    if (!symbol) {
      const hint =
        character === '='
          ? ' (to compare, write ==)'
          : character === '&' || character === '|'
            ? ' (write && or ||)'
            : '';
      throw new ExpressionError(`unexpected character "${character}"${hint}`, start);
    }
    index += symbol.length;
    tokens.push({ kind: 'symbol', value: symbol, text: symbol, position: start });
  }
  tokens.push({ kind: 'end', value: '', text: '', position: source.length });
  return tokens;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parse(): Expression {
    if (this.peek().kind === 'end') throw new ExpressionError('the expression is empty', 0);
    const expression = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') {
      throw new ExpressionError(
        `unexpected "${next.text}" after a complete expression (missing && or ||?)`,
        next.position,
      );
    }
    return expression;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private isSymbol(value: string): boolean {
    const token = this.peek();
    return token.kind === 'symbol' && token.value === value;
  }

  private expectSymbol(value: string, what: string): void {
    const token = this.peek();
    if (!this.isSymbol(value)) {
      throw new ExpressionError(`expected ${what} but found ${describeToken(token)}`, token.position);
    }
    this.next();
  }

  private enter(position: number): void {
    if (++this.depth > RUNBOOK_LIMITS.maxExpressionDepth) {
      throw new ExpressionError(
        `the expression nests deeper than ${RUNBOOK_LIMITS.maxExpressionDepth} levels`,
        position,
      );
    }
  }

  private parseOr(): Expression {
    let left = this.parseAnd();
    while (this.isSymbol('||')) {
      const position = this.next().position;
      left = { kind: 'logical', operator: '||', left, right: this.parseAnd(), position };
    }
    return left;
  }

  private parseAnd(): Expression {
    let left = this.parseUnary();
    while (this.isSymbol('&&')) {
      const position = this.next().position;
      left = { kind: 'logical', operator: '&&', left, right: this.parseUnary(), position };
    }
    return left;
  }

  private parseUnary(): Expression {
    if (this.isSymbol('!')) {
      const position = this.next().position;
      this.enter(position);
      const operand = this.parseUnary();
      this.depth--;
      return { kind: 'not', operand, position };
    }
    return this.parseComparison();
  }

  private parseComparison(): Expression {
    const left = this.parsePrimary();
    const token = this.peek();
    const isOperator =
      (token.kind === 'symbol' && ['==', '!=', '<', '<=', '>', '>='].includes(token.value)) ||
      (token.kind === 'name' && (token.value === 'in' || token.value === 'contains'));
    if (!isOperator) return left;
    this.next();
    const right = this.parsePrimary();
    const after = this.peek();
    if (after.kind === 'symbol' && ['==', '!=', '<', '<=', '>', '>='].includes(after.value)) {
      throw new ExpressionError(`comparisons cannot be chained; combine them with && or ||`, after.position);
    }
    return { kind: 'comparison', operator: token.value as ComparisonOperator, left, right, position: token.position };
  }

  private parsePrimary(): Expression {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        this.next();
        return { kind: 'literal', value: token.value, position: token.position };
      case 'text':
        this.next();
        return { kind: 'literal', value: token.value, position: token.position };
      case 'name':
        return this.parseNameOrPath(token);
      case 'symbol':
        if (token.value === '(') {
          this.next();
          this.enter(token.position);
          const inner = this.parseOr();
          this.depth--;
          this.expectSymbol(')', 'a closing )');
          return inner;
        }
        if (token.value === '[') return this.parseList(token.position);
        throw new ExpressionError(
          `expected a value (a number, 'text', true, false, null, a list or a path such as inputs.name) but found "${token.text}"`,
          token.position,
        );
      case 'end':
        throw new ExpressionError('the expression ends too early; a value is missing', token.position);
    }
  }

  private parseList(position: number): Expression {
    this.next();
    this.enter(position);
    const items: Expression[] = [];
    if (!this.isSymbol(']')) {
      for (;;) {
        items.push(this.parseOr());
        if (!this.isSymbol(',')) break;
        this.next();
      }
    }
    this.expectSymbol(']', 'a , or the closing ] of the list');
    this.depth--;
    return { kind: 'list', items, position };
  }

  private parseNameOrPath(token: Extract<Token, { kind: 'name' }>): Expression {
    this.next();
    switch (token.value) {
      case 'true':
        return { kind: 'literal', value: true, position: token.position };
      case 'false':
        return { kind: 'literal', value: false, position: token.position };
      case 'null':
        return { kind: 'literal', value: null, position: token.position };
      case 'inputs':
      case 'steps':
        break;
      default:
        throw new ExpressionError(
          `unknown name "${token.value}"; a path starts with inputs. or steps., and text must be quoted ('${token.value}')`,
          token.position,
        );
    }
    const segments: Array<string | number> = [];
    for (;;) {
      if (this.isSymbol('.')) {
        this.next();
        const name = this.peek();
        if (name.kind !== 'name') {
          throw new ExpressionError(`expected a name after "." but found ${describeToken(name)}`, name.position);
        }
        this.next();
        segments.push(checkSegment(name.value, name.position));
      } else if (this.isSymbol('[')) {
        this.next();
        const key = this.next();
        if (key.kind === 'number' && Number.isInteger(key.value) && key.value >= 0) segments.push(key.value);
        else if (key.kind === 'text') segments.push(checkSegment(key.value, key.position));
        else
          throw new ExpressionError(
            `expected a list index or a quoted key inside [ ] but found ${describeToken(key)}`,
            key.position,
          );
        this.expectSymbol(']', 'a closing ]');
      } else {
        break;
      }
    }
    const end = this.tokens[this.index - 1];
    const text = this.source.slice(token.position, end.position + end.text.length);
    if (segments.length === 0) {
      throw new ExpressionError(
        `"${token.value}" on its own is not a value; name what to read, such as ${token.value === 'inputs' ? 'inputs.reason' : 'steps.check.output.status'}`,
        token.position,
      );
    }
    if (token.value === 'steps' && (segments.length < 2 || segments[1] !== 'output')) {
      throw new ExpressionError(
        `a step reference reads the step's output, as in steps.${String(segments[0])}.output.field`,
        token.position,
      );
    }
    return { kind: 'path', root: token.value, segments, text, position: token.position };
  }
}

function checkSegment(name: string, position: number): string {
  if (FORBIDDEN_NAMES.has(name)) throw new ExpressionError(`"${name}" cannot be used in a path`, position);
  return name;
}

function describeToken(token: Token): string {
  return token.kind === 'end' ? 'the end of the expression' : `"${token.text}"`;
}

/** Parses an expression; throws `ExpressionError` (with the offset of the problem) when it is malformed. */
export function parseExpression(source: string): Expression {
  if (typeof source !== 'string') throw new ExpressionError('an expression must be text');
  if (source.length > RUNBOOK_LIMITS.maxExpressionLength) {
    throw new ExpressionError(`the expression is longer than ${RUNBOOK_LIMITS.maxExpressionLength} characters`);
  }
  return new Parser(source, tokenize(source)).parse();
}

/** Every path an expression reads, for checks before a run starts (unknown inputs and steps). */
export function expressionPaths(expression: Expression): Array<Extract<Expression, { kind: 'path' }>> {
  switch (expression.kind) {
    case 'literal':
      return [];
    case 'path':
      return [expression];
    case 'list':
      return expression.items.flatMap(expressionPaths);
    case 'not':
      return expressionPaths(expression.operand);
    case 'logical':
    case 'comparison':
      return [...expressionPaths(expression.left), ...expressionPaths(expression.right)];
  }
}

/** Reads one own property; anything inherited (a prototype's method, `constructor`) does not exist. */
function ownValue(container: unknown, key: string | number): { found: boolean; value: unknown } {
  if (container === null || typeof container !== 'object') return { found: false, value: undefined };
  if (Array.isArray(container)) {
    return typeof key === 'number' && key < container.length
      ? { found: true, value: container[key] }
      : { found: false, value: undefined };
  }
  const name = String(key);
  if (!Object.prototype.hasOwnProperty.call(container, name)) return { found: false, value: undefined };
  const value = (container as Record<string, unknown>)[name];
  // Functions are never data of a run; refusing them keeps the language free of side effects.
  return typeof value === 'function' ? { found: false, value: undefined } : { found: true, value };
}

/**
 * Resolves a path against the scope. An unknown input or step is an error; inside a step's
 * output, a missing field is `undefined` so that callers can choose (conditions treat it as
 * null, templates refuse it).
 */
export function readPath(
  path: Extract<Expression, { kind: 'path' }>,
  scope: ExpressionScope,
): { found: boolean; value: unknown } {
  const [first, ...rest] = path.segments;
  if (path.root === 'inputs') {
    const input = ownValue(scope.inputs, first);
    if (!input.found)
      throw new ExpressionError(`${path.text}: this run has no input "${String(first)}"`, path.position);
    return walk(input.value, rest);
  }
  const step = ownValue(scope.steps, first);
  if (!step.found)
    throw new ExpressionError(
      `${path.text}: step "${String(first)}" has not finished, so its output is not available`,
      path.position,
    );
  // A skipped step has no output: everything read from it is null.
  const output = ownValue(step.value, 'output');
  if (!output.found || output.value == null) return { found: true, value: null };
  return walk(output.value, rest.slice(1));
}

function walk(start: unknown, segments: Array<string | number>): { found: boolean; value: unknown } {
  let current = start;
  for (const segment of segments) {
    const next = ownValue(current, segment);
    if (!next.found) return { found: false, value: undefined };
    current = next.value;
  }
  return { found: true, value: current };
}

type Value = unknown;

function isTruthy(value: Value): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function describeValue(value: Value): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true/false';
  return 'an object';
}

function equal(left: Value, right: Value): boolean {
  if (left == null || right == null) return left == null && right == null;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => equal(item, right[index]));
  }
  return left === right;
}

function evaluate(expression: Expression, scope: ExpressionScope): Value {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'path': {
      const { found, value } = readPath(expression, scope);
      return found ? (value ?? null) : null;
    }
    case 'list':
      return expression.items.map((item) => evaluate(item, scope));
    case 'not':
      return !isTruthy(evaluate(expression.operand, scope));
    case 'logical': {
      const left = isTruthy(evaluate(expression.left, scope));
      if (expression.operator === '&&') return left && isTruthy(evaluate(expression.right, scope));
      return left || isTruthy(evaluate(expression.right, scope));
    }
    case 'comparison':
      return compare(expression, evaluate(expression.left, scope), evaluate(expression.right, scope));
  }
}

function compare(expression: Extract<Expression, { kind: 'comparison' }>, left: Value, right: Value): boolean {
  switch (expression.operator) {
    case '==':
      return equal(left, right);
    case '!=':
      return !equal(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const comparable =
        (typeof left === 'number' && typeof right === 'number') ||
        (typeof left === 'string' && typeof right === 'string');
      if (!comparable) {
        throw new ExpressionError(
          `"${expression.operator}" compares two numbers or two texts, not ${describeValue(left)} with ${describeValue(right)}`,
          expression.position,
        );
      }
      const a = left;
      const b = right;
      if (expression.operator === '<') return a < b;
      if (expression.operator === '<=') return a <= b;
      if (expression.operator === '>') return a > b;
      return a >= b;
    }
    case 'in':
      return contains(expression, right, left);
    case 'contains':
      return contains(expression, left, right);
  }
}

function contains(expression: Extract<Expression, { kind: 'comparison' }>, container: Value, item: Value): boolean {
  if (Array.isArray(container)) return container.some((element) => equal(element, item));
  if (typeof container === 'string' && typeof item === 'string') return container.includes(item);
  if (container == null) return false;
  throw new ExpressionError(
    `"${expression.operator}" needs a list or a text to look in, not ${describeValue(container)}`,
    expression.position,
  );
}

/**
 * Evaluates a `when` condition. The result is true or false: null, false, 0, '' and [] count as
 * false, everything else as true. Throws `ExpressionError` with a message fit to show people.
 */
export function evaluateCondition(expression: string | Expression, scope: ExpressionScope): boolean {
  const tree = typeof expression === 'string' ? parseExpression(expression) : expression;
  return isTruthy(evaluate(tree, scope));
}
