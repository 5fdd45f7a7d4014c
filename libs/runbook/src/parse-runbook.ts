/**
 * Parses and validates a runbook's YAML. Collects every problem it can find (not just the first)
 * with file, line and column, so `trustops runbook validate` and the editor can show them all.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { parseDuration } from './duration.js';
import { ExpressionError, parseExpression, type Expression } from './expression.js';
import { validateInputValue } from './inputs.js';
import { RUNBOOK_LIMITS } from './limits.js';
import { checkStepGraph, checkReferences, type StepSource } from './runbook-references.js';
import type {
  DecisionPolicy,
  ParseResult,
  RunbookDefinition,
  RunbookInput,
  RunbookInputType,
  RunbookOutput,
  RunbookStep,
  StepApproval,
  StepRetry,
} from './types.js';
import { YamlSource, type YamlField, type YamlNode } from './yaml-source.js';

export interface ParseRunbookOptions {
  /** Step types the server knows; when given, other types are reported. */
  stepTypes?: readonly string[];
}

export const RUNBOOK_KEYS = ['id', 'version', 'title', 'description', 'tags', 'inputs', 'steps', 'outputs'] as const;
export const STEP_KEYS = ['id', 'type', 'title', 'with', 'needs', 'when', 'retry', 'timeout', 'approval'] as const;
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
export const RETRY_KEYS = ['attempts', 'backoff', 'strategy'] as const;
export const APPROVAL_KEYS = ['policy', 'roles', 'sla', 'onTimeout'] as const;
export const DECISION_POLICIES: readonly DecisionPolicy[] = ['auto', 'require_one', 'require_two'];

export const RUNBOOK_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const STEP_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const INPUT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
export const STEP_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
/** Names that would collide with JavaScript's object machinery when used as keys. */
const RESERVED_NAMES = new Set(['constructor', 'prototype', '__proto__']);

const DEFAULT_RETRY_BACKOFF = '10s';

export function parseRunbook(yamlText: string, file: string, options: ParseRunbookOptions = {}): ParseResult {
  const size = new TextEncoder().encode(yamlText).length;
  if (size > RUNBOOK_LIMITS.maxYamlBytes) {
    return {
      ok: false,
      problems: [
        {
          file,
          line: 0,
          column: 0,
          path: '',
          message: `the file is ${Math.ceil(size / 1024)} KiB; a runbook may be at most ${RUNBOOK_LIMITS.maxYamlBytes / 1024} KiB — split it into smaller runbooks`,
        },
      ],
    };
  }
  const lines = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source = new YamlSource(file, yamlText, lines, document);
  for (const error of document.errors) {
    source.reportAt(error.pos[0], '', `this is not valid YAML: ${firstSentence(error.message)}`);
  }
  if (document.errors.length === 0) {
    try {
      document.toJS({ maxAliasCount: RUNBOOK_LIMITS.maxAliases });
    } catch (_error) {
      source.reportAt(
        0,
        '',
        `the file expands too many YAML aliases (more than ${RUNBOOK_LIMITS.maxAliases}); write the values out instead`,
      );
    }
  }
  if (source.problems.length) return { ok: false, problems: sortProblems(source.problems) };

  const runbook = new RunbookReader(source, options).read(document.contents);
  if (source.problems.length || !runbook) return { ok: false, problems: sortProblems(source.problems) };
  return { ok: true, runbook };
}

function firstSentence(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function sortProblems<T extends { line: number; column: number }>(problems: T[]): T[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => a.problem.line - b.problem.line || a.problem.column - b.problem.column || a.index - b.index)
    .map(({ problem }) => problem);
}

/** Formats a problem the way compilers do: `file:line:col path: message`. */
export function formatProblem(problem: {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}): string {
  const place = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  return `${place} ${problem.path ? `${problem.path}: ` : ''}${problem.message}`;
}

class RunbookReader {
  constructor(
    private readonly source: YamlSource,
    private readonly settings: ParseRunbookOptions,
  ) {}

  read(root: YamlNode): RunbookDefinition | undefined {
    const source = this.source;
    if (root == null || (isScalar(root) && root.value === null)) {
      source.reportAt(0, '', 'the file is empty; a runbook needs at least id, title and steps');
      return undefined;
    }
    const fields = source.fields(root, '', 'the runbook', RUNBOOK_KEYS);
    if (!fields) return undefined;

    const id = this.requiredText(
      fields,
      root,
      'id',
      'the runbook',
      'a runbook id such as "restart-interface"',
      RUNBOOK_ID_PATTERN,
      'lower-case letters, digits and dashes, for example "restart-interface"',
    );
    const version = this.version(fields.get('version'));
    const title = this.requiredText(fields, root, 'title', 'the runbook', 'a title people will see in the library');
    const description = this.optionalText(fields.get('description'), 'a description') ?? '';
    const tags = this.textList(fields.get('tags'), 'tags', 'a tag') ?? [];
    const inputs = this.inputs(fields.get('inputs'));
    const stepsResult = this.steps(fields, root);
    const outputs = this.outputs(fields.get('outputs'));

    if (stepsResult?.graphReady) {
      checkStepGraph(source, stepsResult.sources, fields.get('steps')!);
      // References are only checked against a complete list of inputs, or they would be misreported.
      if (inputs) checkReferences(source, stepsResult.sources, inputs, outputs?.sources ?? []);
    }
    if (
      id === undefined ||
      title === undefined ||
      !inputs ||
      !stepsResult?.complete ||
      !outputs ||
      version === undefined
    )
      return undefined;
    return { id, version, title, description, tags, inputs, steps: stepsResult.steps, outputs: outputs.outputs };
  }

  private requiredText(
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

  private optionalText(field: YamlField | undefined, what: string): string | undefined {
    if (!field) return undefined;
    return this.source.scalar(field.value ?? field.key, field.path, 'string', what);
  }

  private textList(field: YamlField | undefined, path: string, what: string): string[] | undefined {
    if (!field) return undefined;
    const items = this.source.items(field.value ?? field.key, path, `${path}`);
    if (!items) return undefined;
    const values = items.map((item, index) => this.source.scalar(item, `${path}[${index}]`, 'string', what));
    return values.every((value) => value !== undefined) ? values : undefined;
  }

  private version(field: YamlField | undefined): number | undefined {
    if (!field) return 1;
    const value = this.source.scalar(field.value ?? field.key, field.path, 'number', 'a version number (1, 2, 3, ...)');
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < 1) {
      this.source.report(field.value, field.path, `expected a whole version number of 1 or more but found ${value}`);
      return undefined;
    }
    return value;
  }

  private duration(field: YamlField | undefined, what: string): string | undefined {
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

  private inputs(field: YamlField | undefined): RunbookInput[] | undefined {
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

  private boolean(field: YamlField | undefined, what: string): boolean | undefined {
    if (!field) return undefined;
    return this.source.scalar(field.value ?? field.key, field.path, 'boolean', what);
  }

  private wholeNumber(field: YamlField, minimum: number, maximum = Number.MAX_SAFE_INTEGER): number | undefined {
    const value = this.source.scalar(field.value ?? field.key, field.path, 'number', 'a whole number');
    if (value === undefined) return undefined;
    if (!Number.isInteger(value) || value < minimum || value > maximum) {
      const range = maximum === Number.MAX_SAFE_INTEGER ? `${minimum} or more` : `from ${minimum} to ${maximum}`;
      this.source.report(field.value, field.path, `expected a whole number ${range} but found ${value}`);
      return undefined;
    }
    return value;
  }

  private steps(
    fields: Map<string, YamlField>,
    root: YamlNode,
  ): { steps: RunbookStep[]; sources: StepSource[]; complete: boolean; graphReady: boolean } | undefined {
    const field = fields.get('steps');
    if (!field) {
      this.source.report(root, '', 'the runbook needs "steps": a list of at least one step');
      return undefined;
    }
    const items = this.source.items(field.value ?? field.key, 'steps', 'the steps');
    if (!items) return undefined;
    if (items.length === 0) {
      this.source.report(field.value, 'steps', 'the runbook needs at least one step');
      return undefined;
    }
    if (items.length > RUNBOOK_LIMITS.maxSteps) {
      this.source.report(
        field.value,
        'steps',
        `this runbook has ${items.length} steps; the limit is ${RUNBOOK_LIMITS.maxSteps} — split it into smaller runbooks`,
      );
      return undefined;
    }
    const steps: RunbookStep[] = [];
    const sources: StepSource[] = [];
    items.forEach((item, index) => {
      const result = this.step(item, index);
      if (result.step) steps.push(result.step);
      if (result.source) sources.push(result.source);
    });
    return { steps, sources, complete: steps.length === items.length, graphReady: sources.length === items.length };
  }

  /**
   * One step. `source` is there whenever its id and needs could be read, so that the graph is
   * checked even when another field of the step has a problem; `step` only when it has none.
   */
  private step(node: YamlNode, index: number): { step?: RunbookStep; source?: StepSource } {
    const source = this.source;
    const path = `steps[${index}]`;
    const fields = source.fields(node, path, 'a step', STEP_KEYS);
    if (!fields) return {};
    const before = source.problems.length;
    const id = this.requiredText(
      fields,
      node,
      'id',
      path,
      'a step id such as "notify_team"',
      STEP_ID_PATTERN,
      'letters, digits, "_" and "-", starting with a letter',
    );
    if (id !== undefined && RESERVED_NAMES.has(id))
      source.report(fields.get('id')!.value, `${path}.id`, `"${id}" cannot be a step id; choose another name`);
    const type = this.requiredText(
      fields,
      node,
      'type',
      path,
      'the step type, such as log, wait, http.request, notify or approval',
      STEP_TYPE_PATTERN,
      'lower-case words separated by dots, such as "http.request"',
    );
    const typeField = fields.get('type');
    if (type !== undefined && this.settings.stepTypes && !this.settings.stepTypes.includes(type)) {
      source.report(
        typeField!.value,
        typeField!.path,
        `"${type}" is not a step type this server knows; known types are: ${[...this.settings.stepTypes].sort().join(', ')}`,
      );
    }
    const title = this.optionalText(fields.get('title'), 'a title');
    const withField = fields.get('with');
    let parameters: Record<string, unknown> = {};
    if (
      withField &&
      source.fields(withField.value ?? withField.key, withField.path, 'the step parameters ("with")', null)
    ) {
      parameters = source.toData(withField.value) as Record<string, unknown>;
    }
    const needs = this.needs(fields.get('needs'), path);
    const whenField = fields.get('when');
    let when: string | undefined;
    let whenExpression: Expression | undefined;
    if (whenField) {
      when = this.optionalText(whenField, "a condition such as inputs.priority == 'high'");
      if (when !== undefined) {
        try {
          whenExpression = parseExpression(when);
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
          source.report(
            whenField.value,
            whenField.path,
            `the condition cannot be read: ${error.message}`,
            error.position,
          );
        }
      }
    }
    const retry = this.retry(fields.get('retry'));
    const timeout = this.duration(fields.get('timeout'), 'a time limit');
    const approval = this.approval(fields.get('approval'));
    if (id === undefined || !needs || RESERVED_NAMES.has(id)) return {};
    const stepSource: StepSource = {
      index,
      id,
      path,
      node,
      idNode: fields.get('id')!.value,
      needs,
      withNode: withField?.value,
      whenNode: whenField?.value,
      when: whenExpression,
    };
    if (source.problems.length > before || type === undefined) return { source: stepSource };

    const step: RunbookStep = { id, type, with: parameters, needs: needs.map((need) => need.id) };
    if (title !== undefined) step.title = title;
    if (when !== undefined) step.when = when;
    if (retry) step.retry = retry;
    if (timeout !== undefined) step.timeout = timeout;
    if (approval) step.approval = approval;
    return { step, source: stepSource };
  }

  private needs(
    field: YamlField | undefined,
    path: string,
  ): Array<{ id: string; node: YamlNode; path: string }> | undefined {
    if (!field) return [];
    const node = field.value;
    // `needs: build` is accepted as shorthand for `needs: [build]`.
    if (isScalar(node) && typeof node.value === 'string') return [{ id: node.value, node, path: `${path}.needs` }];
    const items = this.source.items(
      node ?? field.key,
      `${path}.needs`,
      'needs (the ids of the steps this one waits for)',
    );
    if (!items) return undefined;
    if (items.length > RUNBOOK_LIMITS.maxNeedsPerStep) {
      this.source.report(
        node,
        `${path}.needs`,
        `a step may need at most ${RUNBOOK_LIMITS.maxNeedsPerStep} steps; this one lists ${items.length}`,
      );
      return undefined;
    }
    const needs: Array<{ id: string; node: YamlNode; path: string }> = [];
    items.forEach((item, index) => {
      const value = this.source.scalar(item, `${path}.needs[${index}]`, 'string', 'a step id');
      if (value !== undefined) needs.push({ id: value, node: item, path: `${path}.needs[${index}]` });
    });
    return needs.length === items.length ? needs : undefined;
  }

  private retry(field: YamlField | undefined): StepRetry | undefined {
    if (!field) return undefined;
    const fields = this.source.fields(field.value ?? field.key, field.path, 'retry', RETRY_KEYS);
    if (!fields) return undefined;
    const attemptsField = fields.get('attempts');
    if (!attemptsField) {
      this.source.report(
        field.value,
        field.path,
        `retry needs "attempts": how many tries in all, from 1 to ${RUNBOOK_LIMITS.maxRetryAttempts}`,
      );
      return undefined;
    }
    const attempts = this.wholeNumber(attemptsField, 1, RUNBOOK_LIMITS.maxRetryAttempts);
    const backoff = this.duration(fields.get('backoff'), 'a delay between attempts') ?? DEFAULT_RETRY_BACKOFF;
    const strategyField = fields.get('strategy');
    let strategy: StepRetry['strategy'] = 'exponential';
    if (strategyField) {
      const value = this.optionalText(strategyField, 'fixed or exponential');
      if (value === 'fixed' || value === 'exponential') strategy = value;
      else if (value !== undefined)
        this.source.report(
          strategyField.value,
          strategyField.path,
          `expected fixed or exponential but found "${value}"`,
        );
    }
    return attempts === undefined ? undefined : { attempts, backoff, strategy };
  }

  private approval(field: YamlField | undefined): StepApproval | undefined {
    if (!field) return undefined;
    const fields = this.source.fields(field.value ?? field.key, field.path, 'approval', APPROVAL_KEYS);
    if (!fields) return undefined;
    const approval: StepApproval = { policy: 'require_one', roles: [], onTimeout: 'fail' };
    const policyField = fields.get('policy');
    if (policyField) {
      const value = this.optionalText(policyField, `a policy (${DECISION_POLICIES.join(', ')})`);
      if (value !== undefined && (DECISION_POLICIES as readonly string[]).includes(value))
        approval.policy = value as DecisionPolicy;
      else if (value !== undefined)
        this.source.report(
          policyField.value,
          policyField.path,
          `"${value}" is not a policy; expected one of: ${DECISION_POLICIES.join(', ')}`,
        );
    }
    const roles = this.textList(fields.get('roles'), `${field.path}.roles`, 'a role name');
    if (roles) approval.roles = roles;
    const sla = this.duration(fields.get('sla'), 'how long the decision may wait');
    if (sla !== undefined) approval.sla = sla;
    const timeoutField = fields.get('onTimeout');
    if (timeoutField) {
      const value = this.optionalText(timeoutField, 'fail or continue');
      if (value === 'fail' || value === 'continue') approval.onTimeout = value;
      else if (value !== undefined)
        this.source.report(timeoutField.value, timeoutField.path, `expected fail or continue but found "${value}"`);
    }
    return approval;
  }

  private outputs(
    field: YamlField | undefined,
  ): { outputs: RunbookOutput[]; sources: Array<{ name: string; node: YamlNode; path: string }> } | undefined {
    if (!field) return { outputs: [], sources: [] };
    const entries = this.source.fields(
      field.value ?? field.key,
      'outputs',
      'the outputs (one entry per output name)',
      null,
    );
    if (!entries) return undefined;
    if (entries.size > RUNBOOK_LIMITS.maxOutputs) {
      this.source.report(
        field.value,
        'outputs',
        `this runbook has ${entries.size} outputs; the limit is ${RUNBOOK_LIMITS.maxOutputs}`,
      );
      return undefined;
    }
    const outputs: RunbookOutput[] = [];
    const sources: Array<{ name: string; node: YamlNode; path: string }> = [];
    const before = this.source.problems.length;
    for (const [name, entry] of entries) {
      if (!INPUT_NAME_PATTERN.test(name) || RESERVED_NAMES.has(name)) {
        this.source.report(
          entry.key,
          entry.path,
          `"${name}" cannot be an output name; use letters, digits and underscores, starting with a letter`,
        );
        continue;
      }
      if (isMap(entry.value)) {
        const fields = this.source.fields(entry.value, entry.path, `output "${name}"`, ['value', 'label']);
        const valueField = fields?.get('value');
        if (fields && !valueField)
          this.source.report(
            entry.value,
            entry.path,
            `output "${name}" needs "value", for example "{{ steps.check.output.status }}"`,
          );
        const value = valueField ? this.optionalText(valueField, 'a value or template') : undefined;
        const label = this.optionalText(fields?.get('label'), 'a label');
        if (value === undefined) continue;
        outputs.push(label === undefined ? { name, value } : { name, label, value });
        sources.push({ name, node: valueField!.value, path: valueField!.path });
      } else {
        const value = this.source.scalar(
          entry.value ?? entry.key,
          entry.path,
          'string',
          'a value or template such as "{{ steps.check.output.status }}"',
        );
        if (value === undefined) continue;
        outputs.push({ name, value });
        sources.push({ name, node: entry.value, path: entry.path });
      }
    }
    return this.source.problems.length > before ? undefined : { outputs, sources };
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
