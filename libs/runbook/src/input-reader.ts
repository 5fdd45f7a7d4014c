/** Reading a runbook's `inputs`: the typed fields a wizard renders, with their validation rules. */
import { isMap, isScalar, isSeq } from 'yaml';
import { FieldReader, INPUT_NAME_PATTERN, RESERVED_NAMES } from './field-reader.js';
import { validateInputValue } from './inputs.js';
import { RUNBOOK_LIMITS } from './limits.js';
import type { RunbookInput, RunbookInputType } from './types.js';
import type { YamlField, YamlNode } from './yaml-source.js';

export const INPUT_KEYS = [
  'type',
  'label',
  'help',
  'required',
  'default',
  'options',
  'minLength',
  'maxLength',
  'pattern',
  'patternMessage',
  'min',
  'max',
  'group',
] as const;
export const INPUT_TYPES: readonly RunbookInputType[] = [
  'string',
  'text',
  'number',
  'boolean',
  'enum',
  'date',
  'workspace',
  'file',
];

export class InputReader extends FieldReader {
  inputs(field: YamlField | undefined): RunbookInput[] | undefined {
    if (!field) return [];
    const entries = this.source.fields(
      field.value ?? field.key,
      'inputs',
      'the inputs (one entry per input name)',
      null,
    );
    if (!entries) return undefined;
    if (entries.size > RUNBOOK_LIMITS.maxInputs) {
      this.source.report(
        field.value,
        'inputs',
        `this runbook has ${entries.size} inputs; the limit is ${RUNBOOK_LIMITS.maxInputs}`,
      );
      return undefined;
    }
    const inputs: RunbookInput[] = [];
    let ok = true;
    for (const [name, entry] of entries) {
      const input = this.input(name, entry);
      if (input) inputs.push(input);
      else ok = false;
    }
    return ok ? inputs : undefined;
  }

  private input(name: string, entry: YamlField): RunbookInput | undefined {
    const source = this.source;
    const path = entry.path;
    if (!INPUT_NAME_PATTERN.test(name) || RESERVED_NAMES.has(name) || name.length > RUNBOOK_LIMITS.maxIdLength) {
      source.report(
        entry.key,
        path,
        `"${name}" cannot be an input name; use letters, digits and underscores, starting with a letter (for example "ticket_number")`,
      );
      return undefined;
    }
    const fields = source.fields(entry.value ?? entry.key, path, `input "${name}"`, INPUT_KEYS);
    if (!fields) return undefined;
    const before = source.problems.length;
    const typeField = fields.get('type');
    let type: RunbookInputType | undefined;
    if (!typeField) {
      source.report(entry.value, path, `input "${name}" needs "type": one of ${INPUT_TYPES.join(', ')}`);
    } else {
      const value = source.scalar(
        typeField.value,
        typeField.path,
        'string',
        `an input type (${INPUT_TYPES.join(', ')})`,
      );
      if (value !== undefined && !(INPUT_TYPES as readonly string[]).includes(value)) {
        source.report(
          typeField.value,
          typeField.path,
          `"${value}" is not an input type; expected one of: ${INPUT_TYPES.join(', ')}`,
        );
      } else {
        type = value as RunbookInputType | undefined;
      }
    }
    const input: RunbookInput = {
      name,
      type: type ?? 'string',
      label: this.optionalText(fields.get('label'), 'a label') ?? humanise(name),
      required: this.boolean(fields.get('required'), 'true or false') ?? false,
    };
    const help = this.optionalText(fields.get('help'), 'help text');
    if (help !== undefined) input.help = help;
    const group = this.optionalText(fields.get('group'), 'a wizard page name');
    if (group !== undefined) input.group = group;

    const isText = type === 'string' || type === 'text';
    for (const key of ['minLength', 'maxLength'] as const) {
      const field = fields.get(key);
      if (!field) continue;
      if (!isText) source.report(field.key, field.path, `"${key}" applies only to string and text inputs`);
      const value = this.wholeNumber(field, 0);
      if (value !== undefined) input[key] = value;
    }
    for (const key of ['min', 'max'] as const) {
      const field = fields.get(key);
      if (!field) continue;
      if (type !== 'number') source.report(field.key, field.path, `"${key}" applies only to number inputs`);
      const value = source.scalar(field.value ?? field.key, field.path, 'number', 'a number');
      if (value !== undefined) input[key] = value;
    }
    if (input.min !== undefined && input.max !== undefined && input.min > input.max) {
      source.report(fields.get('min')!.value, `${path}.min`, `min (${input.min}) is greater than max (${input.max})`);
    }
    if (input.minLength !== undefined && input.maxLength !== undefined && input.minLength > input.maxLength) {
      source.report(
        fields.get('minLength')!.value,
        `${path}.minLength`,
        `minLength (${input.minLength}) is greater than maxLength (${input.maxLength})`,
      );
    }
    this.pattern(fields, input, isText);
    this.enumOptions(fields, input, path);
    if (type === 'enum' && !fields.has('options')) {
      source.report(entry.value, path, `an enum input needs "options": the list of values people can choose from`);
    }
    if (source.problems.length > before) return undefined;
    this.defaultValue(fields.get('default'), input);
    return source.problems.length > before ? undefined : input;
  }

  private pattern(fields: Map<string, YamlField>, input: RunbookInput, isText: boolean): void {
    const field = fields.get('pattern');
    const messageField = fields.get('patternMessage');
    if (messageField) {
      const message = this.optionalText(messageField, 'the message shown when the pattern does not match');
      if (message !== undefined) input.patternMessage = message;
      if (!field)
        this.source.report(messageField.key, messageField.path, `"patternMessage" needs a "pattern" beside it`);
    }
    if (!field) return;
    if (!isText) this.source.report(field.key, field.path, `"pattern" applies only to string and text inputs`);
    const pattern = this.optionalText(field, 'a regular expression');
    if (pattern === undefined) return;
    if (pattern.length > RUNBOOK_LIMITS.maxPatternLength) {
      this.source.report(
        field.value,
        field.path,
        `the pattern is longer than ${RUNBOOK_LIMITS.maxPatternLength} characters`,
      );
      return;
    }
    try {
      new RegExp(pattern, 'u');
      input.pattern = pattern;
    } catch (error) {
      this.source.report(
        field.value,
        field.path,
        `"${pattern}" is not a valid regular expression: ${(error as Error).message}`,
      );
    }
  }

  private enumOptions(fields: Map<string, YamlField>, input: RunbookInput, path: string): void {
    const field = fields.get('options');
    if (!field) return;
    if (input.type !== 'enum') {
      this.source.report(field.key, field.path, `"options" applies only to enum inputs`);
      return;
    }
    const items = this.source.items(field.value ?? field.key, field.path, 'the options');
    if (!items) return;
    if (items.length === 0) this.source.report(field.value, field.path, 'an enum input needs at least one option');
    const options: Array<{ value: string; label: string }> = [];
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const itemPath = `${path}.options[${index}]`;
      let option: { value: string; label: string } | undefined;
      if (isMap(item)) {
        const optionFields = this.source.fields(item, itemPath, 'an option', ['value', 'label']);
        const valueField = optionFields?.get('value');
        if (optionFields && !valueField) this.source.report(item, itemPath, 'an option needs "value"');
        const value = valueField ? this.optionValue(valueField.value, valueField.path) : undefined;
        if (value !== undefined)
          option = { value, label: this.optionalText(optionFields?.get('label'), 'a label') ?? value };
      } else {
        const value = this.optionValue(item, itemPath);
        if (value !== undefined) option = { value, label: value };
      }
      if (!option) return;
      if (seen.has(option.value)) this.source.report(item, itemPath, `the option "${option.value}" is listed twice`);
      seen.add(option.value);
      options.push(option);
    });
    input.options = options;
  }

  /** Options are text; numbers and booleans written without quotes are taken as their text. */

  private optionValue(node: YamlNode, path: string): string | undefined {
    if (isScalar(node) && (typeof node.value === 'number' || typeof node.value === 'boolean'))
      return String(node.value);
    return this.source.scalar(node, path, 'string', 'an option value (text) or a mapping with value and label');
  }

  private defaultValue(field: YamlField | undefined, input: RunbookInput): void {
    if (!field) return;
    const node = field.value;
    if (!isScalar(node) || node.value === null || !['string', 'number', 'boolean'].includes(typeof node.value)) {
      this.source.report(
        node ?? field.key,
        field.path,
        `expected a default value (text, a number, true or false) but found ${isSeq(node) ? 'a list' : 'something else'}`,
      );
      return;
    }
    const checked = validateInputValue(input, node.value);
    if (!checked.ok) {
      this.source.report(node, field.path, `the default does not fit the input: ${checked.message}`);
      return;
    }
    input.default = checked.value as string | number | boolean;
  }
}

/** `ticket_number` → `Ticket number`: a readable label when the runbook gives none. */
function humanise(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
