import { Injectable } from '@nestjs/common';
import { RUN_EVENT_TYPES } from '@trustops/contracts';
import { parseDuration } from '@trustops/runbook';
import type { Run } from './run.entity.js';
import { RunProgress, stepTitle } from './run-progress.js';
import { retryDelay } from './run-state.js';
import { ENGINE_ACTOR, type EventActor, type RunTransaction } from './run-transaction.js';
import type { StepRun } from './step-run.entity.js';
import type { WaitingStepResult } from './waiting-step-result.js';

/** Outputs bigger than this are kept on the step but left out of its event (events stay small). */
const MAX_OUTPUT_IN_EVENT_BYTES = 16 * 1024;

export interface StepFailure {
  error: string;
  /** Not retried (bad parameters, refused by policy, a person's rejection). */
  permanent: boolean;
  /** Put on the dead-letter list when no attempt is left (handler failures; not rejections). */
  deadLetter: boolean;
}

/**
 * How a step ends an attempt — succeeds, parks, fails (and is retried or dead-lettered) — each
 * inside the caller's RunTransaction with the run and its steps already locked and loaded.
 */
@Injectable()
export class StepTransitions {
  constructor(private readonly progress: RunProgress) {}

  async succeed(
    transaction: RunTransaction,
    run: Run,
    steps: StepRun[],
    step: StepRun,
    output: Record<string, unknown> | undefined,
    actor: EventActor = ENGINE_ACTOR,
  ): Promise<void> {
    Object.assign(step, {
      state: 'succeeded',
      output: output ?? {},
      error: null,
      finishedAt: new Date(),
      resumeAt: null,
      pendingCompletion: null,
    });
    await transaction.saveStep(step);
    const size = Buffer.byteLength(JSON.stringify(step.output));
    await transaction.emit(
      run,
      RUN_EVENT_TYPES.stepSucceeded,
      {
        stepId: step.stepId,
        attempt: step.attempt,
        ...(size <= MAX_OUTPUT_IN_EVENT_BYTES ? { output: step.output } : { outputOmitted: true }),
      },
      actor,
    );
    await this.progress.advance(transaction, run, steps, actor);
  }

  async fail(
    transaction: RunTransaction,
    run: Run,
    steps: StepRun[],
    step: StepRun,
    failure: StepFailure,
    actor: EventActor = ENGINE_ACTOR,
  ): Promise<void> {
    const now = new Date();
    const definition = run.definition.steps.find((candidate) => candidate.id === step.stepId);
    const retry = definition?.retry;
    if (!failure.permanent && step.attempt < step.maxAttempts) {
      const nextAttempt = step.attempt + 1;
      const delayMs = retry ? retryDelay(parseDuration(retry.backoff), retry.strategy, nextAttempt) : 0;
      await transaction.emit(
        run,
        RUN_EVENT_TYPES.stepFailed,
        {
          stepId: step.stepId,
          attempt: step.attempt,
          error: failure.error,
          willRetry: true,
          nextAttemptAt: new Date(now.getTime() + delayMs).toISOString(),
        },
        actor,
      );
      Object.assign(step, {
        state: 'queued',
        attempt: nextAttempt,
        dispatch: 0,
        error: failure.error,
        queuedAt: now,
        startedAt: null,
        resumeAt: null,
      });
      await transaction.saveStep(step);
      await transaction.emit(run, RUN_EVENT_TYPES.stepQueued, { stepId: step.stepId, attempt: step.attempt }, actor);
      transaction.dispatch(step, delayMs);
      await this.progress.advance(transaction, run, steps, actor);
      return;
    }
    Object.assign(step, {
      state: 'failed',
      error: failure.error,
      finishedAt: now,
      resumeAt: null,
      pendingCompletion: null,
      deadLetteredAt: failure.deadLetter ? now : null,
    });
    await transaction.saveStep(step);
    await transaction.emit(
      run,
      RUN_EVENT_TYPES.stepFailed,
      { stepId: step.stepId, attempt: step.attempt, error: failure.error, willRetry: false },
      actor,
    );
    if (failure.deadLetter) {
      await transaction.emit(
        run,
        RUN_EVENT_TYPES.stepDeadLettered,
        { stepId: step.stepId, title: stepTitle(run, step.stepId), attempts: step.attempt, error: failure.error },
        actor,
      );
    }
    await this.progress.advance(transaction, run, steps, actor);
  }

  /** Parks a step on a decision, unless the decision already arrived: then it is applied now. */
  async park(
    transaction: RunTransaction,
    run: Run,
    steps: StepRun[],
    step: StepRun,
    wait: { decisionId?: string; resumeAt?: Date },
  ): Promise<void> {
    if (step.pendingCompletion && !wait.resumeAt) {
      step.decisionId = wait.decisionId ?? step.decisionId;
      await this.complete(transaction, run, steps, step, step.pendingCompletion);
      return;
    }
    Object.assign(step, { state: 'waiting', decisionId: wait.decisionId ?? null, resumeAt: wait.resumeAt ?? null });
    if (wait.resumeAt) {
      // The same attempt comes back when it is due, as a new dispatch (so the old job's id is free).
      step.dispatch += 1;
      transaction.dispatch(step, wait.resumeAt.getTime() - Date.now());
    }
    await transaction.saveStep(step);
    await this.progress.advance(transaction, run, steps);
  }

  /** Ends a parked step with the result of what it waited for. */
  async complete(
    transaction: RunTransaction,
    run: Run,
    steps: StepRun[],
    step: StepRun,
    result: WaitingStepResult,
  ): Promise<void> {
    step.pendingCompletion = null;
    if (result.status === 'succeeded') return this.succeed(transaction, run, steps, step, result.output);
    return this.fail(transaction, run, steps, step, { error: result.error, permanent: true, deadLetter: false });
  }
}
