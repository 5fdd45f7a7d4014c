import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { RUN_EVENT_TYPES } from '@trustops/contracts';
import type { Principal } from '../rbac/principal.js';
import { RunProgress } from './run-progress.js';
import { RunTransactions, type EventActor } from './run-transaction.js';
import { RunningSteps } from './running-steps.js';
import { StepDispatcher } from './step-dispatcher.js';
import { StepHandlerRegistry } from './step-handler.registry.js';
import type { StepRun } from './step-run.entity.js';
import { StepTransitions } from './step-transitions.js';
import type { WaitingStepResult } from './waiting-step-result.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function personActor(principal: Principal): EventActor {
  return { type: 'person', userId: principal.userId, displayName: principal.displayName };
}

/** What people (and the approvals module) do to a run in progress: cancel it, retry a step, resume a parked one. */
@Injectable()
export class RunControl {
  private readonly logger = new Logger(RunControl.name);

  constructor(
    private readonly transactions: RunTransactions,
    private readonly transitions: StepTransitions,
    private readonly progress: RunProgress,
    private readonly running: RunningSteps,
    private readonly registry: StepHandlerRegistry,
    private readonly dispatcher: StepDispatcher,
  ) {}

  async cancel(principal: Principal, runId: string, reason?: string): Promise<void> {
    const message = reason?.trim()
      ? `Cancelled by ${principal.displayName}: ${reason.trim()}`
      : `Cancelled by ${principal.displayName}.`;
    const cancelled = await this.transactions.run(async (transaction) => {
      const run = await transaction.lockRun(principal.tenantId, checkedId(runId));
      if (!run) throw runNotFound(runId);
      if (run.state === 'succeeded' || run.state === 'failed' || run.state === 'cancelled') {
        throw new ConflictException(
          `The run has already ${run.state === 'cancelled' ? 'been cancelled' : run.state}, so it cannot be cancelled.`,
        );
      }
      const now = new Date();
      const parked: Array<{ stepId: string; type: string }> = [];
      const queued: Array<Pick<StepRun, 'runId' | 'stepId' | 'attempt' | 'dispatch'>> = [];
      for (const step of await transaction.steps(run.id)) {
        if (!['pending', 'queued', 'running', 'waiting'].includes(step.state)) continue;
        if (step.state === 'waiting') parked.push({ stepId: step.stepId, type: step.type });
        // A job waits in the queue for these: a queued step, and one waiting on a timer.
        if (step.state === 'queued' || (step.state === 'waiting' && step.resumeAt !== null))
          queued.push({ runId: step.runId, stepId: step.stepId, attempt: step.attempt, dispatch: step.dispatch });
        Object.assign(step, { state: 'cancelled', finishedAt: now, resumeAt: null });
        await transaction.saveStep(step);
      }
      Object.assign(run, { state: 'cancelled', finishedAt: now, error: message });
      await transaction.saveRun(run);
      await transaction.emit(run, RUN_EVENT_TYPES.runCancelled, { reason: message }, personActor(principal));
      return { parked, queued };
    });
    const { parked: waiting, queued } = cancelled;
    // Jobs not started yet are taken back (a worker elsewhere may remember the run as it was).
    if (queued.length > 0)
      await this.dispatcher
        .withdraw(queued)
        .catch((error: unknown) =>
          this.logger.warn(`Taking back the queued steps of run ${runId} failed: ${(error as Error).message}`),
        );
    // Handlers in this process stop now; elsewhere at their next heartbeat.
    this.running.abortRun(runId, message);
    // What the waiting steps wait on stops asking (an approval leaves the inbox). After the
    // commit, so a handler never sees a run that might still not be cancelled.
    await Promise.all(
      waiting.map(async (step) => {
        try {
          await this.registry
            .get(step.type)
            ?.cancel?.({ tenantId: principal.tenantId, runId, stepId: step.stepId, reason: message });
        } catch (error) {
          this.logger.warn(
            `Telling step ${step.stepId} of run ${runId} it was cancelled failed: ${(error as Error).message}`,
          );
        }
      }),
    );
  }

  /** Gives a failed step (dead-lettered or not) another attempt, with its full retry allowance again. */
  async retryStep(principal: Principal, runId: string, stepId: string): Promise<void> {
    await this.transactions.run(async (transaction) => {
      const run = await transaction.lockRun(principal.tenantId, checkedId(runId));
      if (!run) throw runNotFound(runId);
      const steps = await transaction.steps(run.id);
      const step = steps.find((candidate) => candidate.stepId === stepId);
      if (!step) throw new NotFoundException(`The run has no step "${stepId}".`);
      if (run.state === 'cancelled') throw new ConflictException('The run was cancelled; re-run it instead.');
      if (step.state !== 'failed')
        throw new ConflictException(`Only a failed step can be retried; this one is ${step.state}.`);
      const attempts = run.definition.steps.find((candidate) => candidate.id === stepId)?.retry?.attempts ?? 1;
      const actor = personActor(principal);
      Object.assign(step, {
        state: 'queued',
        attempt: step.attempt + 1,
        maxAttempts: step.attempt + attempts,
        dispatch: 0,
        error: null,
        queuedAt: new Date(),
        startedAt: null,
        finishedAt: null,
        deadLetteredAt: null,
        decisionId: null,
      });
      await transaction.saveStep(step);
      await transaction.emit(
        run,
        RUN_EVENT_TYPES.stepQueued,
        { stepId: step.stepId, attempt: step.attempt, retriedBy: principal.displayName },
        actor,
      );
      transaction.dispatch(step);
      await this.progress.advance(transaction, run, steps, actor);
    });
  }

  /**
   * Resumes a step parked on a decision. Kept when the step has not parked yet (applied when it
   * does); a step already finished ignores it, so calling twice is harmless.
   */
  async completeWaitingStep(tenantId: string, runId: string, stepId: string, result: WaitingStepResult): Promise<void> {
    await this.transactions.run(async (transaction) => {
      const loaded = await transaction.lockRunWithSteps(tenantId, checkedId(runId));
      if (!loaded) throw runNotFound(runId);
      const { run, steps } = loaded;
      const step = steps.find((candidate) => candidate.stepId === stepId);
      if (!step) throw new NotFoundException(`The run has no step "${stepId}".`);
      if (step.state === 'waiting') return this.transitions.complete(transaction, run, steps, step, result);
      if (['pending', 'queued', 'running'].includes(step.state) && step.pendingCompletion === null) {
        step.pendingCompletion = result;
        await transaction.saveStep(step);
      }
    });
  }
}

function checkedId(runId: string): string {
  if (!UUID.test(runId)) throw runNotFound(runId);
  return runId;
}

export function runNotFound(runId: string): NotFoundException {
  return new NotFoundException(`There is no run with id ${runId}.`);
}
