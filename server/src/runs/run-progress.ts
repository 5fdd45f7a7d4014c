import { Injectable } from '@nestjs/common';
import { RUN_EVENT_TYPES, type RunState } from '@trustops/contracts';
import { readySteps, resolveTemplates, type ExpressionScope } from '@trustops/runbook';
import type { Run } from './run.entity.js';
import { deriveRunState } from './run-state.js';
import { ENGINE_ACTOR, type EventActor, type RunTransaction } from './run-transaction.js';
import type { StepRun } from './step-run.entity.js';

/** What templates and conditions of `run` can read: its inputs and its finished steps' outputs. */
export function runScope(run: Run, steps: readonly StepRun[]): ExpressionScope {
  return {
    inputs: run.inputs,
    steps: Object.fromEntries(
      steps
        .filter((step) => step.state === 'succeeded' || step.state === 'skipped')
        // A skipped step has no output: whatever is read from it is null (libs/runbook semantics).
        .map((step) => [step.stepId, { output: step.state === 'skipped' ? null : (step.output ?? {}) }]),
    ),
  };
}

/**
 * Moves a run forward after any of its steps changed, inside that change's transaction: queues
 * the steps that became ready (dispatched after the commit) and brings the run's own state in
 * line with its steps', with the event that says so.
 */
@Injectable()
export class RunProgress {
  async advance(
    transaction: RunTransaction,
    run: Run,
    steps: StepRun[],
    actor: EventActor = ENGINE_ACTOR,
  ): Promise<void> {
    const now = new Date();
    // A failed or cancelled run starts nothing new; a retry brings it back first.
    if (
      deriveRunState(
        run.state,
        steps.map((step) => step.state),
      ) !== 'failed' &&
      run.state !== 'cancelled'
    ) {
      const states = Object.fromEntries(steps.map((step) => [step.stepId, step.state]));
      const ready = new Set(readySteps(run.definition, states));
      for (const step of steps) {
        if (!ready.has(step.stepId)) continue;
        Object.assign(step, { state: 'queued', attempt: step.attempt + 1, dispatch: 0, queuedAt: now, error: null });
        await transaction.saveStep(step);
        await transaction.emit(run, RUN_EVENT_TYPES.stepQueued, { stepId: step.stepId, attempt: step.attempt }, actor);
        transaction.dispatch(step);
      }
    }

    const next = deriveRunState(
      run.state,
      steps.map((step) => step.state),
    );
    if (next === run.state) return;
    const previous = run.state;
    run.state = next;
    await this.enter(transaction, run, previous, steps, actor, now);
    await transaction.saveRun(run);
  }

  private async enter(
    transaction: RunTransaction,
    run: Run,
    previous: RunState,
    steps: StepRun[],
    actor: EventActor,
    now: Date,
  ): Promise<void> {
    switch (run.state) {
      case 'queued':
        return;
      case 'running':
        run.startedAt ??= now;
        run.finishedAt = null;
        run.error = null;
        await transaction.emit(run, RUN_EVENT_TYPES.runStarted, { from: previous }, actor);
        return;
      case 'waiting': {
        const waiting = steps.find((step) => step.state === 'waiting');
        await transaction.emit(
          run,
          RUN_EVENT_TYPES.runWaiting,
          {
            stepId: waiting?.stepId ?? null,
            decisionId: waiting?.decisionId ?? null,
            resumeAt: waiting?.resumeAt?.toISOString() ?? null,
          },
          actor,
        );
        return;
      }
      case 'succeeded':
        run.startedAt ??= now;
        run.finishedAt = now;
        run.error = null;
        run.outputs = this.outputs(run, steps);
        await transaction.emit(run, RUN_EVENT_TYPES.runSucceeded, { outputs: run.outputs }, actor);
        return;
      case 'failed': {
        const failed = steps.find((step) => step.state === 'failed');
        const title = failed ? stepTitle(run, failed.stepId) : 'A step';
        run.finishedAt = now;
        run.error = failed
          ? `The step "${title}" failed${failed.attempt > 1 ? ` after ${failed.attempt} attempts` : ''}: ${failed.error ?? 'no reason was given'}`
          : 'A step failed.';
        await transaction.emit(
          run,
          RUN_EVENT_TYPES.runFailed,
          { error: run.error, stepId: failed?.stepId ?? null },
          actor,
        );
        return;
      }
      case 'cancelled':
        return;
    }
  }

  /** The run's `outputs` templates against its inputs and step outputs; one that cannot be resolved is null. */
  private outputs(run: Run, steps: StepRun[]): Record<string, unknown> {
    const scope = runScope(run, steps);
    return Object.fromEntries(
      run.definition.outputs.map((output) => {
        try {
          return [output.name, resolveTemplates(output.value, scope)];
        } catch {
          return [output.name, null];
        }
      }),
    );
  }
}

export function stepTitle(run: Run, stepId: string): string {
  const step = run.definition.steps.find((candidate) => candidate.id === stepId);
  return step?.title ?? stepId;
}
