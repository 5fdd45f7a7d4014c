import type { RunbookDefinition, RunbookProblem } from '@trustops/runbook';
import type { StepHandlerRegistry } from './step-handler.registry.js';

/**
 * What each step's handler says about its `with` before anything runs (`StepHandler.validate`):
 * a duration that is not one, a missing URL. Parameters that still hold templates are the
 * handlers' to skip (they are only known when the step runs, and are checked again then).
 */
export function stepParameterProblems(
  definition: RunbookDefinition,
  registry: StepHandlerRegistry,
  file = 'runbook.yaml',
): RunbookProblem[] {
  return definition.steps.flatMap((step, index) => {
    const handler = registry.get(step.type);
    if (!handler?.validate) return [];
    let messages: string[];
    try {
      messages = handler.validate(step.with);
    } catch (error) {
      messages = [`its parameters could not be checked: ${(error as Error).message}`];
    }
    return messages.map((message) => ({ file, line: 0, column: 0, path: `steps[${index}] (${step.id})`, message }));
  });
}
