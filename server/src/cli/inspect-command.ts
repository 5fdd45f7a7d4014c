import {
  formatProblem,
  stepOrder,
  type RunbookDefinition,
  type RunbookInput,
  type RunbookStep,
} from '@trustops/runbook';
import { EXIT, type CliOutput, type ExitCode } from './cli-output.js';
import { readRunbookFile } from './runbook-files.js';

/**
 * `trustops runbook inspect <file>`: shows what a runbook asks for and what it will do, offline:
 * its inputs, its steps level by level (a level's steps run in parallel) and the graph of needs.
 */
export async function inspectCommand(files: string[], output: CliOutput): Promise<ExitCode> {
  if (files.length !== 1) {
    output.error('Name one runbook file: trustops runbook inspect runbooks/examples/approval-demo.yaml');
    return EXIT.usage;
  }
  const result = await readRunbookFile(files[0]);
  if (!result.ok) {
    for (const problem of result.problems) output.error(formatProblem(problem));
    return EXIT.problems;
  }
  for (const line of describeRunbook(result.runbook)) output.out(line);
  return EXIT.ok;
}

export function describeRunbook(runbook: RunbookDefinition): string[] {
  const lines = [`${runbook.title} (${runbook.id}, version ${runbook.version})`];
  if (runbook.description) lines.push(runbook.description);
  if (runbook.tags.length) lines.push(`Tags: ${runbook.tags.join(', ')}`);

  lines.push('', runbook.inputs.length ? 'Inputs:' : 'Inputs: none');
  for (const input of runbook.inputs) lines.push(`  ${input.name}: ${describeInput(input)}`);

  const levels = stepOrder(runbook);
  const byId = new Map(runbook.steps.map((step) => [step.id, step]));
  lines.push(
    '',
    `Steps (${runbook.steps.length}, in ${levels.length} level${levels.length === 1 ? '' : 's'}; steps on one level run in parallel):`,
  );
  levels.forEach((level, index) => {
    lines.push(`  Level ${index + 1}`);
    for (const id of level) lines.push(...describeStep(byId.get(id)!).map((line) => `    ${line}`));
  });

  lines.push('', 'Graph (each step after the steps it needs):');
  lines.push(...drawGraph(runbook, levels).map((line) => `  ${line}`));

  if (runbook.outputs.length) {
    lines.push('', 'Outputs:');
    for (const output of runbook.outputs)
      lines.push(`  ${output.name}${output.label ? ` (${output.label})` : ''} = ${output.value}`);
  }
  return lines;
}

function describeInput(input: RunbookInput): string {
  const facts: string[] = [input.type, input.required ? 'required' : 'optional'];
  if (input.default !== undefined) facts.push(`default ${JSON.stringify(input.default)}`);
  if (input.options) facts.push(`one of ${input.options.map((option) => option.value).join(' | ')}`);
  if (input.min !== undefined) facts.push(`min ${input.min}`);
  if (input.max !== undefined) facts.push(`max ${input.max}`);
  if (input.minLength !== undefined) facts.push(`at least ${input.minLength} characters`);
  if (input.maxLength !== undefined) facts.push(`at most ${input.maxLength} characters`);
  if (input.pattern !== undefined) facts.push(`matching /${input.pattern}/`);
  return `${facts.join(', ')} — "${input.label}"${input.help ? `\n      ${input.help}` : ''}`;
}

function describeStep(step: RunbookStep): string[] {
  const lines = [`${step.id} [${step.type}]${step.title ? ` "${step.title}"` : ''}`];
  if (step.needs.length) lines.push(`  needs: ${step.needs.join(', ')}`);
  if (step.when) lines.push(`  when: ${step.when}`);
  if (step.approval) {
    const { policy, roles, sla, onTimeout } = step.approval;
    lines.push(
      `  approval: ${policy}${roles.length ? ` by ${roles.join(' or ')}` : ''}${sla ? `, within ${sla}` : ''}, on timeout ${onTimeout}`,
    );
  }
  if (step.retry)
    lines.push(`  retry: ${step.retry.attempts} attempts, ${step.retry.strategy} backoff from ${step.retry.backoff}`);
  if (step.timeout) lines.push(`  timeout: ${step.timeout}`);
  return lines;
}

/** The DAG as text: one line per step, indented by level, with the steps it waits for. */
function drawGraph(runbook: RunbookDefinition, levels: string[][]): string[] {
  const levelOf = new Map(levels.flatMap((level, index) => level.map((id) => [id, index] as const)));
  return levels.flat().map((id) => {
    const step = runbook.steps.find((candidate) => candidate.id === id)!;
    const indent = '  '.repeat(levelOf.get(id)!);
    const from = step.needs.length ? `${step.needs.join(' + ')} ──▶ ` : '● ';
    return `${indent}${from}${id}${step.when ? ' (only if its condition holds)' : ''}`;
  });
}
