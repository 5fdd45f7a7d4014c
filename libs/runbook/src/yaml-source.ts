/**
 * Reading a YAML document node by node while remembering where each node came from, so that
 * every problem names the file, line and column, and says what was expected there.
 */
import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type LineCounter, type Node } from 'yaml';
import { RUNBOOK_LIMITS } from './limits.js';
import type { RunbookProblem } from './types.js';

export type YamlNode = Node | null | undefined;

export interface YamlField {
  key: Scalar;
  value: YamlNode;
  path: string;
}

/** The closest allowed word, for "did you mean" hints on misspelt keys. */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** What a node holds, in words, for "expected X but found Y". */
export function describeNode(node: YamlNode): string {
  if (node == null) return 'nothing';
  if (isMap(node)) return 'a mapping (key: value lines)';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'nothing';
    if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
    if (typeof value === 'number') return `the number ${value}`;
    if (typeof value === 'boolean') return `${value}`;
    return 'a value';
  }
  return 'a value';
}

export class YamlSource {
  readonly problems: RunbookProblem[] = [];

  constructor(
    readonly file: string,
    private readonly text: string,
    private readonly lines: LineCounter,
    private readonly document: Document,
  ) {}

  /** Line and column (1-based) of an offset in the text. */
  locate(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
    return { line, column: col };
  }

  report(node: YamlNode, path: string, message: string, offsetInValue?: number): void {
    const start = node?.range?.[0];
    if (start === undefined) {
      this.problems.push({ file: this.file, line: 0, column: 0, path, message });
      return;
    }
    this.problems.push({
      file: this.file,
      ...this.locate(start + this.valueOffset(node, offsetInValue)),
      path,
      message,
    });
  }

  reportAt(offset: number, path: string, message: string): void {
    this.problems.push({ file: this.file, ...this.locate(offset), path, message });
  }

  /**
   * Maps an offset inside a scalar's value to an offset from the node's start. Exact for plain
   * and quoted scalars on one line; anything else points at the start of the value.
   */
  private valueOffset(node: YamlNode, offsetInValue: number | undefined): number {
    if (offsetInValue === undefined || !isScalar(node) || typeof node.value !== 'string' || !node.range) return 0;
    const quote = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0;
    const start = node.range[0] + quote;
    return this.text.slice(start, start + node.value.length) === node.value ? quote + offsetInValue : 0;
  }

  resolve(node: YamlNode): YamlNode {
    return isAlias(node) ? node.resolve(this.document) : node;
  }

  /** The node as plain data (for `with` parameters). */
  toData(node: YamlNode): unknown {
    const resolved = this.resolve(node);
    return resolved == null
      ? null
      : (resolved.toJS(this.document, { maxAliasCount: RUNBOOK_LIMITS.maxAliases }) as unknown);
  }

  /**
   * The entries of a mapping. Keys outside `allowed` are reported (with a "did you mean" when a
   * key is close to an allowed one). Returns undefined when the node is not a mapping.
   */
  fields(
    node: YamlNode,
    path: string,
    what: string,
    allowed: readonly string[] | null,
  ): Map<string, YamlField> | undefined {
    const resolved = this.resolve(node);
    if (!isMap(resolved)) {
      this.report(
        resolved ?? node,
        path,
        `expected ${what} as a mapping (key: value lines) but found ${describeNode(resolved)}`,
      );
      return undefined;
    }
    const fields = new Map<string, YamlField>();
    for (const pair of resolved.items) {
      const key = this.resolve(pair.key as YamlNode);
      if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
        this.report(key, path, `expected a name as the key in ${what} but found ${describeNode(key)}`);
        continue;
      }
      const name = String(key.value);
      const fieldPath = path ? `${path}.${name}` : name;
      if (allowed && !allowed.includes(name)) {
        const suggestion = closestWord(name, allowed);
        this.report(
          key,
          fieldPath,
          `unknown key "${name}" in ${what}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; expected one of: ${allowed.join(', ')}`,
        );
        continue;
      }
      fields.set(name, { key, value: this.resolve(pair.value as YamlNode), path: fieldPath });
    }
    return fields;
  }

  /** The items of a list, or undefined (reported) when the node is not a list. */
  items(node: YamlNode, path: string, what: string): YamlNode[] | undefined {
    const resolved = this.resolve(node);
    if (!isSeq(resolved)) {
      this.report(
        resolved ?? node,
        path,
        `expected ${what} as a list (lines starting with "- ") but found ${describeNode(resolved)}`,
      );
      return undefined;
    }
    return resolved.items.map((item) => this.resolve(item as YamlNode));
  }

  /** A scalar's value when it has the expected JavaScript type; otherwise reports and returns undefined. */
  scalar<T extends 'string' | 'number' | 'boolean'>(
    node: YamlNode,
    path: string,
    type: T,
    what: string,
  ): (T extends 'string' ? string : T extends 'number' ? number : boolean) | undefined {
    const resolved = this.resolve(node);
    if (isScalar(resolved) && typeof resolved.value === type) {
      return resolved.value as T extends 'string' ? string : T extends 'number' ? number : boolean;
    }
    const hint =
      type === 'string' && isScalar(resolved) && resolved.value !== null ? ' (put it in quotes to make it text)' : '';
    this.report(resolved ?? node, path, `expected ${what} but found ${describeNode(resolved)}${hint}`);
    return undefined;
  }
}
