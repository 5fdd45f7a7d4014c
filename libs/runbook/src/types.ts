/**
 * The shape of a runbook once parsed and validated. A runbook is a versioned YAML definition:
 * typed inputs (rendered by the client as a wizard), steps forming a DAG through `needs`, and
 * outputs. Everything here is plain data so that the server, the client and the CLI share it.
 */

export type RunbookInputType = 'string' | 'text' | 'number' | 'boolean' | 'enum' | 'date' | 'workspace' | 'file';

export interface RunbookInput {
  /** The key under `inputs:`; referenced as `{{ inputs.<name> }}`. */
  name: string;
  type: RunbookInputType;
  /** What the wizard shows as the field's label. */
  label: string;
  /** One or two sentences of plain-English help under the field. */
  help?: string;
  required: boolean;
  default?: string | number | boolean;
  /** For `enum`: the allowed values, with optional labels. */
  options?: Array<{ value: string; label: string }>;
  /** For `string`/`text`: length limits and an optional regular expression with its message. */
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patternMessage?: string;
  /** For `number`. */
  min?: number;
  max?: number;
  /** Optional wizard page this input belongs to (inputs with the same `group` share a page). */
  group?: string;
}

export type DecisionPolicy = 'auto' | 'require_one' | 'require_two';

/** What a step that asks a person (type `approval` or `input`) needs. */
export interface StepApproval {
  policy: DecisionPolicy;
  /** Roles allowed to decide; empty means anyone with `decisions:approve`. */
  roles: string[];
  /** How long the decision may wait, as a duration (`30m`, `4h`, `2d`). */
  sla?: string;
  /** What happens when the SLA passes: fail the step, or continue as if approved. */
  onTimeout: 'fail' | 'continue';
}

export interface StepRetry {
  /** Total attempts including the first (1 = no retry). */
  attempts: number;
  /** Delay before the second attempt as a duration (`10s`); doubled for each later attempt when `exponential`. */
  backoff: string;
  strategy: 'fixed' | 'exponential';
}

export interface RunbookStep {
  id: string;
  /** The handler that runs it: `log`, `wait`, `approval`, `input`, `http.request`, `notify`, `agent.prompt`, ... */
  type: string;
  /** Plain-English name shown on the timeline; defaults to the id. */
  title?: string;
  /** Parameters for the handler; string values may hold `{{ ... }}` templates. */
  with: Record<string, unknown>;
  /** Ids of steps that must succeed (or be skipped) first. */
  needs: string[];
  /** A condition in the safe expression language; the step is skipped when false. */
  when?: string;
  retry?: StepRetry;
  /** Maximum time for one attempt, as a duration. */
  timeout?: string;
  approval?: StepApproval;
}

export interface RunbookOutput {
  name: string;
  label?: string;
  /** A template, e.g. `{{ steps.summarise.output.markdown }}`. */
  value: string;
}

export interface RunbookDefinition {
  id: string;
  version: number;
  title: string;
  description: string;
  /** Free labels used to group runbooks in the library (`wizard`, `incident`, ...). */
  tags: string[];
  inputs: RunbookInput[];
  steps: RunbookStep[];
  outputs: RunbookOutput[];
}

/** One problem found in a runbook, located in its source so people can fix it. */
export interface RunbookProblem {
  /** The file (or label) the YAML came from. */
  file: string;
  /** 1-based; 0 when the problem is not tied to a place in the text. */
  line: number;
  column: number;
  /** Where in the document, e.g. `steps[2].needs[0]`. */
  path: string;
  /** What is wrong and what was expected, in a sentence. */
  message: string;
}

export type ParseResult = { ok: true; runbook: RunbookDefinition } | { ok: false; problems: RunbookProblem[] };
