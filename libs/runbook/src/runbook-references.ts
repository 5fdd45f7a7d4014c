/**
 * Checks that need the whole runbook: unique step ids, `needs` that name real steps, no cycles,
 * depth within limits, and references in `when` conditions and `{{ }}` templates that name real
 * inputs and steps whose output will exist by then.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { ancestorsOf, describeCycle, findCycle, stepOrder } from './dag.js';
import { ExpressionError, expressionPaths, type Expression } from './expression.js';
import { RUNBOOK_LIMITS } from './limits.js';
import { parseTemplateString } from './template.js';
import type { RunbookInput } from './types.js';
import type { YamlField, YamlNode, YamlSource } from './yaml-source.js';

export interface StepSource {
  index: number;
  id: string;
  path: string;
  node: YamlNode;
  idNode: YamlNode;
  needs: Array<{ id: string; node: YamlNode; path: string }>;
  withNode: YamlNode;
  whenNode: YamlNode;
  when?: Expression;
}

type PathExpression = Extract<Expression, { kind: 'path' }>;

function list(names: readonly string[]): string {
  return names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
}

export function checkStepGraph(source: YamlSource, steps: readonly StepSource[], stepsField: YamlField): void {
  const before = source.problems.length;
  const firstIndex = new Map<string, number>();
  for (const step of steps) {
    const earlier = firstIndex.get(step.id);
    if (earlier !== undefined) {
      source.report(
        step.idNode,
        `${step.path}.id`,
        `"${step.id}" is already the id of steps[${earlier}]; every step needs its own id`,
      );
    } else {
      firstIndex.set(step.id, step.index);
    }
  }
  const ids = steps.map((step) => step.id);
  for (const step of steps) {
    const seen = new Set<string>();
    for (const need of step.needs) {
      if (need.id === step.id) source.report(need.node, need.path, `a step cannot need itself`);
      else if (!firstIndex.has(need.id))
        source.report(need.node, need.path, `"${need.id}" is not a step in this runbook; steps are: ${list(ids)}`);
      else if (seen.has(need.id)) source.report(need.node, need.path, `"${need.id}" is listed twice`);
      seen.add(need.id);
    }
  }
  if (source.problems.length > before) return;

  const graph = steps.map((step) => ({ id: step.id, needs: step.needs.map((need) => need.id) }));
  const cycle = findCycle(graph);
  if (cycle) {
    const first = steps.find((step) => step.id === cycle[0])!;
    const need = first.needs.find((candidate) => candidate.id === cycle[1]);
    source.report(
      need?.node ?? first.node,
      need?.path ?? first.path,
      `the steps need each other in a circle, so none of them could start: ${describeCycle(cycle)}; remove one of these needs`,
    );
    return;
  }
  const levels = stepOrder({ steps: graph });
  if (levels.length > RUNBOOK_LIMITS.maxDepth) {
    const deepest = levels[levels.length - 1][0];
    source.report(
      stepsField.value,
      'steps',
      `the longest chain of needs is ${levels.length} steps (ending at "${deepest}"); the limit is ${RUNBOOK_LIMITS.maxDepth} — run more steps in parallel or split the runbook`,
    );
  }
}

/** Calls `visit` for every text value inside a YAML node (nested lists and mappings included). */
function forEachText(node: YamlNode, path: string, visit: (node: YamlNode, path: string, text: string) => void): void {
  if (isScalar(node)) {
    if (typeof node.value === 'string') visit(node, path, node.value);
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      forEachText(pair.value as YamlNode, `${path}.${key}`, visit);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => forEachText(item as YamlNode, `${path}[${index}]`, visit));
  }
}

export function checkReferences(
  source: YamlSource,
  steps: readonly StepSource[],
  inputs: readonly RunbookInput[],
  outputs: ReadonlyArray<{ name: string; node: YamlNode; path: string }>,
): void {
  const inputNames = inputs.map((input) => input.name);
  const stepIds = steps.map((step) => step.id);
  const graph = steps.map((step) => ({ id: step.id, needs: step.needs.map((need) => need.id) }));

  const check = (
    reference: PathExpression,
    node: YamlNode,
    path: string,
    offset: number,
    reader: StepSource | null,
  ) => {
    const name = String(reference.segments[0]);
    if (reference.root === 'inputs') {
      if (!inputNames.includes(name)) {
        const known = inputNames.length ? `its inputs are: ${list(inputNames)}` : 'it has no inputs';
        source.report(node, path, `${reference.text}: "${name}" is not an input of this runbook; ${known}`, offset);
      }
      return;
    }
    if (!stepIds.includes(name)) {
      source.report(
        node,
        path,
        `${reference.text}: "${name}" is not a step in this runbook; steps are: ${list(stepIds)}`,
        offset,
      );
    } else if (reader && name === reader.id) {
      source.report(node, path, `${reference.text}: a step cannot read its own output`, offset);
    } else if (reader && !ancestorsOf(graph, reader.id).has(name)) {
      source.report(
        node,
        path,
        `${reference.text}: step "${reader.id}" does not need "${name}" (directly or through other steps), so its output may not exist yet; add "${name}" to needs`,
        offset,
      );
    }
  };

  const checkTemplates = (node: YamlNode, basePath: string, reader: StepSource | null) => {
    forEachText(node, basePath, (textNode, path, text) => {
      try {
        for (const part of parseTemplateString(text)) check(part.path, textNode, path, part.path.position, reader);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        source.report(textNode, path, `the template cannot be read: ${error.message}`, error.position);
      }
    });
  };

  for (const step of steps) {
    if (step.when) {
      for (const reference of expressionPaths(step.when))
        check(reference, step.whenNode, `${step.path}.when`, reference.position, step);
    }
    checkTemplates(step.withNode, `${step.path}.with`, step);
  }
  for (const output of outputs) checkTemplates(output.node, output.path, null);
}
