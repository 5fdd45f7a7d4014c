import { stat } from 'node:fs/promises';
import type { RunDetail, RunState, StartRunRequest, StepRunView } from '@trustops/contracts';
import { TERMINAL_RUN_STATES } from '@trustops/contracts';
import { formatProblem, validateRunInputs } from '@trustops/runbook';
import { readFile } from 'node:fs/promises';
import { EXIT, type CliOutput, type ExitCode } from './cli-output.js';
import { readRunbookFile } from './runbook-files.js';
import { ApiError, TrustOpsApi } from './trustops-api.js';

export interface RunCommandOptions {
  /** A runbook file (uploaded as a new version first) or the id of a runbook on the server. */
  target: string;
  /** `name=value` pairs. */
  inputs: string[];
  url?: string;
  token?: string;
  idempotencyKey?: string;
  /** How often to look at the run while following it. */
  pollMilliseconds?: number;
}

/**
 * `trustops runbook run <file-or-id> --input k=v ... --url <server> --token <api token>`: starts a
 * run through the API and follows it until it finishes, printing each step's changes. Exit 0
 * when the run succeeded, 1 when it failed or was cancelled, 2 when the command could not work.
 */
export async function runCommand(options: RunCommandOptions, output: CliOutput): Promise<ExitCode> {
  if (!options.url) {
    output.error('Say which TrustOps server to use: --url https://trustops.example.nhs.uk (or set TRUSTOPS_URL).');
    return EXIT.usage;
  }
  if (!options.token) {
    output.error(
      'An API token is needed: --token trustops_pat_… (or set TRUSTOPS_TOKEN). Create one under Settings → API tokens.',
    );
    return EXIT.usage;
  }
  const inputs: Record<string, string> = {};
  for (const pair of options.inputs) {
    const separator = pair.indexOf('=');
    if (separator < 1) {
      output.error(`--input "${pair}" should be name=value, for example --input reason="Disk full".`);
      return EXIT.usage;
    }
    inputs[pair.slice(0, separator)] = pair.slice(separator + 1);
  }

  const api = new TrustOpsApi(options.url, options.token);
  try {
    const request: StartRunRequest = {
      runbookId: options.target,
      inputs,
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    };
    if (await isFile(options.target)) {
      const uploaded = await uploadRunbook(api, options.target, inputs, output);
      if (!uploaded) return EXIT.problems;
      Object.assign(request, uploaded);
    }
    const started = await api.post<RunDetail>('/api/runs', request);
    output.out(`Run ${started.id} started: ${started.runbookTitle} (version ${started.runbookVersion}).`);
    output.out(`Follow it in the browser: ${api.baseUrl}/runs/${started.id}`);
    const finished = await follow(api, started, output, options.pollMilliseconds ?? 500);
    return finished.state === 'succeeded' ? EXIT.ok : EXIT.problems;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    output.error(error.status ? `TrustOps refused: ${error.message} (HTTP ${error.status})` : error.message);
    return error.status === 400 || error.status === 422 ? EXIT.problems : EXIT.usage;
  }
}

async function isFile(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isFile();
  } catch {
    return false;
  }
}

/** Checks the file and the inputs here first (clearer messages, no round trip), then saves it as a new version. */
async function uploadRunbook(
  api: TrustOpsApi,
  file: string,
  inputs: Record<string, string>,
  output: CliOutput,
): Promise<{ runbookId: string; version: number } | undefined> {
  const parsed = await readRunbookFile(file);
  if (!parsed.ok) {
    for (const problem of parsed.problems) output.error(formatProblem(problem));
    return undefined;
  }
  const checked = validateRunInputs(parsed.runbook, inputs);
  if (!checked.ok) {
    for (const error of checked.errors) output.error(`--input ${error.input}: ${error.message}`);
    return undefined;
  }
  const saved = await api.post<{ id: string; version: number }>('/api/runbooks', {
    yaml: await readFile(file, 'utf8'),
  });
  output.out(`Saved ${file} as ${saved.id} version ${saved.version}.`);
  return { runbookId: saved.id, version: saved.version };
}

async function follow(
  api: TrustOpsApi,
  first: RunDetail,
  output: CliOutput,
  pollMilliseconds: number,
): Promise<RunDetail> {
  const seen = new Map<string, string>();
  let runState: RunState | undefined;
  let run = first;
  for (;;) {
    if (run.state !== runState) {
      output.out(`${clock()}  run ${run.state}`);
      runState = run.state;
    }
    for (const step of run.steps) {
      const key = `${step.state}:${step.attempt}`;
      if (seen.get(step.stepId) === key || (step.state === 'pending' && !seen.has(step.stepId) && step.attempt <= 1)) {
        seen.set(step.stepId, seen.get(step.stepId) ?? key);
        continue;
      }
      seen.set(step.stepId, key);
      output.out(`${clock()}  ${describeStep(step)}`);
    }
    if (TERMINAL_RUN_STATES.includes(run.state)) break;
    await new Promise((resolve) => setTimeout(resolve, pollMilliseconds));
    run = await api.get<RunDetail>(`/api/runs/${run.id}`);
  }
  if (run.state === 'succeeded') {
    output.out(`Run succeeded.${run.outputs && Object.keys(run.outputs).length ? ' Outputs:' : ''}`);
    for (const [name, value] of Object.entries(run.outputs ?? {}))
      output.out(`  ${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  } else {
    output.error(`Run ${run.state}${run.error ? `: ${run.error}` : '.'}`);
  }
  return run;
}

function describeStep(step: StepRunView): string {
  const attempt = step.attempt > 1 ? ` (attempt ${step.attempt} of ${step.maxAttempts})` : '';
  const base = `step ${step.stepId} ${step.state}${attempt}`;
  if (step.state === 'waiting' && step.decisionId) return `${base}: waiting for a decision in the approvals inbox`;
  if (step.state === 'failed' && step.error) return `${base}: ${step.error}`;
  return base;
}

function clock(): string {
  return new Date().toISOString().slice(11, 19);
}
