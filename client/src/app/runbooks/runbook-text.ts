import type { RunbookInput, RunbookInputType, RunbookStep } from '@trustops/runbook';

const STEP_TYPES: Readonly<Record<string, string>> = {
  log: 'Notes something in the run',
  wait: 'Waits',
  approval: 'A person approves',
  input: 'A person answers',
  'http.request': 'Calls another system',
  notify: 'Sends a notification',
  'agent.prompt': 'An agent works on it',
};

/** What a kind of step does, in a few plain words. */
export function describeStepType(type: string): string {
  return STEP_TYPES[type] ?? `Step of type ${type}`;
}

/** The caption under a step in a runbook's diagram: what it does, and who approves when a person must. */
export function describeStepPlan(step: Pick<RunbookStep, 'type' | 'approval' | 'when'>): string {
  const roles = step.approval?.roles ?? [];
  const base =
    (step.type === 'approval' || step.type === 'input') && roles.length > 0
      ? `${step.type === 'approval' ? 'Approved' : 'Answered'} by ${roles.join(' or ')}`
      : describeStepType(step.type);
  return step.when ? `${base} (if…)` : base;
}

const INPUT_TYPES: Readonly<Record<RunbookInputType, string>> = {
  string: 'Short text',
  text: 'Longer text',
  number: 'A number',
  boolean: 'Yes or no',
  enum: 'A choice',
  date: 'A date',
  workspace: 'A workspace',
  file: 'A file',
};

/** "A choice: Low, Medium or High". */
export function describeInputType(input: Pick<RunbookInput, 'type' | 'options'>): string {
  const base = INPUT_TYPES[input.type];
  if (input.type !== 'enum' || !input.options?.length) return base;
  const labels = input.options.map((option) => option.label || option.value);
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
  return `${base}: ${list}`;
}

/** An input's default as the form shows it: a choice by its label, yes/no for booleans; empty when there is none. */
export function describeDefault(input: Pick<RunbookInput, 'type' | 'options' | 'default'>): string {
  if (input.default === undefined) return '';
  if (input.type === 'boolean') return input.default === true ? 'Yes' : 'No';
  const option = input.options?.find((candidate) => candidate.value === String(input.default));
  return option?.label || String(input.default);
}

export type DiffLineKind = 'added' | 'removed' | 'context' | 'header';

export interface DiffLine {
  kind: DiffLineKind;
  /** The line without its leading `+`, `-` or space. */
  text: string;
  /** The `+`/`-` marker drawn in front, so a change shows without colour too. */
  marker: string;
}

/** A unified diff split into lines for display: additions, removals, unchanged context and hunk headers. */
export function parseUnifiedDiff(diff: string): DiffLine[] {
  if (diff.trim() === '') return [];
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .filter((line) => !line.startsWith('+++ ') && !line.startsWith('--- '))
    .map((line): DiffLine => {
      if (line.startsWith('@@')) {
        const newStart = /\+(\d+)/.exec(line)?.[1];
        return { kind: 'header', text: newStart ? `Near line ${newStart} of the newer version` : line, marker: '' };
      }
      if (line.startsWith('+')) return { kind: 'added', text: line.slice(1), marker: '+' };
      if (line.startsWith('-')) return { kind: 'removed', text: line.slice(1), marker: '−' };
      return { kind: 'context', text: line.startsWith(' ') ? line.slice(1) : line, marker: '' };
    });
}
