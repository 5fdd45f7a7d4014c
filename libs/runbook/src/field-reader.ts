/** Reading typed fields of a runbook's YAML, reporting what was expected where it is not. */
import { parseDuration } from './duration.js';
import { RUNBOOK_LIMITS } from './limits.js';
import { YamlSource, type YamlField, type YamlNode } from './yaml-source.js';

/** Names that would collide with JavaScript's object machinery when used as keys. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['constructor', 'prototype', '__proto__']);
export const INPUT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

export abstract class FieldReader {
  constructor(protected readonly source: YamlSource) {}

  protected requiredText(
    fields: Map<string, YamlField>,
    parent: YamlNode,
    key: string,
    owner: string,
    what: string,
    pattern?: RegExp,
    patternHint?: string,
  ): string | undefined {
    const field = fields.get(key);
    if (!field) {
      this.source.report(
        parent,
        owner.startsWith('steps[') ? owner : '',
        `${owner.startsWith('steps[') ? 'a step' : owner} needs "${key}": ${what}`,
      );
      return undefined;
    }
    const value = this.source.scalar(field.value ?? field.key, field.path, 'string', what);
    if (value === undefined) return undefined;
    if (value.trim() === '') {
      this.source.report(field.value, field.path, `expected ${what} but it is empty`);
      return undefined;
    }
    if (pattern && !pattern.test(value)) {
      this.source.report(field.value, field.path, `"${value}" is not allowed here; use ${patternHint}`);
      return undefined;
    }
    if (pattern && value.length > RUNBOOK_LIMITS.maxIdLength) {
      this.source.report(field.value, field.path, `"${value}" is longer than ${RUNBOOK_LIMITS.maxIdLength} characters`);
      return undefined;
    }
    return value;
  }

  protected optionalText(field: YamlField | undefined, what: string): string | undefined {
    if (!field) return undefined;
    return this.source.scalar(field.value ?? field.key, field.path, 'string', what);
  }

  protected textList(field: YamlField | undefined, path: string, what: string): string[] | undefined {
    if (!field) return undefined;
    const items = this.source.items(field.value ?? field.key, path, `${path}`);
    if (!items) return undefined;
    const values = items.map((item, index) => this.source.scalar(item, `${path}[${index}]`, 'string', what));
    return values.every((value) => value !== undefined) ? values : undefined;
  }

  protected duration(field: YamlField | undefined, what: string): string | undefined {
    if (!field) return undefined;
    const value = this.source.scalar(
      field.value ?? field.key,
      field.path,
      'string',
      `${what} such as "30s", "5m" or "4h"`,
    );
    if (value === undefined) return undefined;
    try {
      parseDuration(value);
      return value;
    } catch (error) {
      this.source.report(field.value, field.path, (error as Error).message);
      return undefined;
    }
  }

  protected boolean(field: YamlField | undefined, what: string): boolean | undefined {
    if (!field) return undefined;
    return this.source.scalar(field.value ?? field.key, field.path, 'boolean', what);
  }

  protected wholeNumber(field: YamlField, minimum: number, maximum = Number.MAX_SAFE_INTEGER): number | undefined {
    const value = this.source.scalar(field.value ?? field.key, field.path, 'number', 'a whole number');
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < minimum || value > maximum) {
      const range = maximum === Number.MAX_SAFE_INTEGER ? `${minimum} or more` : `from ${minimum} to ${maximum}`;
      this.source.report(field.value, field.path, `expected a whole number ${range} but found ${value}`);
      return undefined;
    }
    return value;
  }
}
