/**
 * `{{ inputs.x }}` and `{{ steps.id.output.y }}` in a step's `with` and in `outputs`, resolved
 * by reading the run's data (never `eval`). A string that is exactly one template keeps the
 * value's type (a number stays a number, an object stays an object); templates inside longer
 * text are written as text.
 */
import { ExpressionError, parseExpression, readPath, type Expression, type ExpressionScope } from './expression.js';

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

type PathExpression = Extract<Expression, { kind: 'path' }>;

interface TemplatePart {
  /** Offset of `{{` in the string. */
  start: number;
  end: number;
  path: PathExpression;
}

const OPEN = '{{';
const CLOSE = '}}';

/**
 * Finds the templates in one string. Throws `ExpressionError` with the offset (in the whole
 * string) of a template that is not closed or does not hold a single reference.
 */
export function parseTemplateString(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(OPEN, from);
    if (start < 0) return parts;
    const close = text.indexOf(CLOSE, start + OPEN.length);
    if (close < 0) throw new ExpressionError('"{{" is not closed by "}}"', start);
    const innerStart = start + OPEN.length;
    const inner = text.slice(innerStart, close);
    let expression: Expression;
    try {
      expression = parseExpression(inner);
    } catch (error) {
      if (error instanceof ExpressionError)
        throw new ExpressionError(`in {{ }}: ${error.message}`, innerStart + error.position);
      throw error;
    }
    if (expression.kind !== 'path') {
      throw new ExpressionError(
        '{{ }} holds one reference, such as inputs.reason or steps.check.output.status',
        innerStart,
      );
    }
    parts.push({ start, end: close + CLOSE.length, path: shift(expression, innerStart) });
    from = close + CLOSE.length;
  }
}

function shift(path: PathExpression, offset: number): PathExpression {
  return { ...path, position: path.position + offset };
}

/** Every reference used by templates anywhere inside a value (strings in nested lists and objects). */
export function templatePaths(value: unknown): PathExpression[] {
  if (typeof value === 'string') return parseTemplateString(value).map((part) => part.path);
  if (Array.isArray(value)) return value.flatMap(templatePaths);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(templatePaths);
  return [];
}

function lookup(path: PathExpression, scope: ExpressionScope): unknown {
  let result: { found: boolean; value: unknown };
  try {
    result = readPath(path, scope);
  } catch (error) {
    throw new TemplateError(
      `{{ ${path.text} }}: ${error instanceof ExpressionError ? error.message.replace(`${path.text}: `, '') : String(error)}`,
    );
  }
  if (!result.found) {
    const fields = availableFields(path, scope);
    throw new TemplateError(`{{ ${path.text} }}: there is no such value${fields ? `; available here: ${fields}` : ''}`);
  }
  return result.value;
}

/** Names the fields that do exist at the deepest point the path reached, to help fix a typo. */
function availableFields(path: PathExpression, scope: ExpressionScope): string {
  let current: unknown = path.root === 'inputs' ? scope.inputs : scope.steps;
  for (const segment of path.segments) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, segment))
      break;
    current = (current as Record<string, unknown>)[segment];
  }
  if (current === null || typeof current !== 'object' || Array.isArray(current)) return '';
  return Object.keys(current).slice(0, 20).join(', ');
}

function asText(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function resolveString(text: string, scope: ExpressionScope): unknown {
  let parts: TemplatePart[];
  try {
    parts = parseTemplateString(text);
  } catch (error) {
    throw new TemplateError(error instanceof Error ? error.message : String(error));
  }
  if (parts.length === 0) return text;
  const only = parts[0];
  if (parts.length === 1 && only.start === 0 && only.end === text.length) return lookup(only.path, scope) ?? null;
  let result = '';
  let from = 0;
  for (const part of parts) {
    result += text.slice(from, part.start) + asText(lookup(part.path, scope));
    from = part.end;
  }
  return result + text.slice(from);
}

/**
 * Returns a copy of `value` with every template resolved. Throws `TemplateError` naming the
 * reference that cannot be resolved.
 */
export function resolveTemplates(value: unknown, scope: ExpressionScope): unknown {
  if (typeof value === 'string') return resolveString(value, scope);
  if (Array.isArray(value)) return value.map((item) => resolveTemplates(item, scope));
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so even a key named "__proto__" stays plain data.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveTemplates(item, scope)]));
  }
  return value;
}
