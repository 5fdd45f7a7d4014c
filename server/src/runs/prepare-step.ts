import { evaluateCondition, resolveTemplates, type RunbookStep } from '@trustops/runbook';
import type { Run } from './run.entity.js';
import { runScope } from './run-progress.js';
import type { StepHandler } from './step-handler.js';
import type { StepHandlerRegistry } from './step-handler.registry.js';
import type { StepRun } from './step-run.entity.js';

export type PreparedStep =
  | { kind: 'execute'; definition: RunbookStep; handler: StepHandler; params: Record<string, unknown> }
  | { kind: 'skip'; reason: string }
  | { kind: 'fail'; error: string };

/**
 * What a delivered step comes to before its handler runs: skipped (its `when` is false, checked
 * only the first time it starts), failed (no such step type, parameters that cannot be filled in
 * or that the handler refuses), or the handler with its resolved parameters.
 */
export function prepareStep(
  run: Run,
  steps: readonly StepRun[],
  step: StepRun,
  registry: StepHandlerRegistry,
): PreparedStep {
  const definition = run.definition.steps.find((candidate) => candidate.id === step.stepId);
  if (!definition) return { kind: 'fail', error: `The runbook has no step "${step.stepId}".` };
  const scope = runScope(run, steps);
  if (step.state === 'queued' && definition.when !== undefined) {
    try {
      if (!evaluateCondition(definition.when, scope))
        return { kind: 'skip', reason: `Skipped because the condition "${definition.when}" was false.` };
    } catch (error) {
      return { kind: 'fail', error: `Its condition could not be checked: ${(error as Error).message}` };
    }
  }
  let params: Record<string, unknown>;
  try {
    params = resolveTemplates(definition.with, scope) as Record<string, unknown>;
  } catch (error) {
    return { kind: 'fail', error: `Its parameters could not be filled in: ${(error as Error).message}` };
  }
  const handler = registry.get(step.type);
  if (!handler) return { kind: 'fail', error: `This TrustOps has no "${step.type}" step type.` };
  const problems = handler.validate?.(params) ?? [];
  if (problems.length > 0) return { kind: 'fail', error: problems.join(' ') };
  return { kind: 'execute', definition, handler, params };
}
