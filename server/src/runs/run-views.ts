import type { DeadLetterView, RunDetail, RunSummary, StepRunView } from '@trustops/contracts';
import type { Run } from './run.entity.js';
import type { StepRun } from './step-run.entity.js';

const DONE_STATES = new Set(['succeeded', 'skipped']);

export function toRunSummary(run: Run, progress: RunSummary['progress']): RunSummary {
  return {
    id: run.id,
    runbookId: run.runbookId,
    runbookVersion: run.runbookVersion,
    runbookTitle: run.runbookTitle,
    state: run.state,
    idempotencyKey: run.idempotencyKey,
    startedBy: { userId: run.startedById, displayName: run.startedByName },
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    progress,
    error: run.error,
  };
}

/** Steps in the runbook's order, each with what the definition says about it. */
export function toRunDetail(run: Run, steps: StepRun[], lastSeq: number): RunDetail {
  const byId = new Map(steps.map((step) => [step.stepId, step]));
  const views: StepRunView[] = run.definition.steps.flatMap((definition) => {
    const step = byId.get(definition.id);
    if (!step) return [];
    return [
      {
        stepId: definition.id,
        title: definition.title ?? definition.id,
        type: definition.type,
        needs: definition.needs,
        state: step.state,
        attempt: step.attempt,
        maxAttempts: step.maxAttempts,
        startedAt: step.startedAt?.toISOString() ?? null,
        finishedAt: step.finishedAt?.toISOString() ?? null,
        output: step.output,
        error: step.error,
        decisionId: step.decisionId,
      },
    ];
  });
  return {
    ...toRunSummary(run, { done: views.filter((view) => DONE_STATES.has(view.state)).length, total: views.length }),
    inputs: run.inputs,
    outputs: run.outputs,
    steps: views,
    lastSeq,
  };
}

export function toDeadLetterView(run: Pick<Run, 'id' | 'runbookTitle' | 'definition'>, step: StepRun): DeadLetterView {
  const definition = run.definition.steps.find((candidate) => candidate.id === step.stepId);
  return {
    runId: run.id,
    runbookTitle: run.runbookTitle,
    stepId: step.stepId,
    stepTitle: definition?.title ?? step.stepId,
    attempts: step.attempt,
    error: step.error ?? 'The step failed without saying why.',
    failedAt: (step.deadLetteredAt ?? step.finishedAt ?? step.updatedAt).toISOString(),
  };
}
