/**
 * Parses and validates a runbook's YAML. Collects every problem it can find (not just the first)
 * with file, line and column, so `trustops runbook validate` and the editor can show them all.
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { ExpressionError, parseExpression, type Expression } from './expression.js';
import { FieldReader, INPUT_NAME_PATTERN, RESERVED_NAMES } from './field-reader.js';
import { InputReader } from './input-reader.js';
import { RUNBOOK_LIMITS } from './limits.js';
import { checkStepGraph, checkReferences, type StepSource } from './runbook-references.js';
import type {
  DecisionPolicy,
  ParseResult,
  RunbookDefinition,
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
export const RETRY_KEYS = ['attempts', 'backoff', 'strategy'] as const;
export const APPROVAL_KEYS = ['policy', 'roles', 'sla', 'onTimeout'] as const;
export const DECISION_POLICIES: readonly DecisionPolicy[] = ['auto', 'require_one', 'require_two'];

export const RUNBOOK_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const STEP_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const STEP_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

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

class RunbookReader extends FieldReader {
  constructor(
    source: YamlSource,
    private readonly settings: ParseRunbookOptions,
  ) {
    super(source);
  }

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
    const inputs = new InputReader(this.source).inputs(fields.get('inputs'));
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
