import { Injectable } from '@nestjs/common';

/** Why a running handler's signal was aborted. */
export class StepCancelledError extends Error {
  override readonly name = 'StepCancelledError';
}

/** Why a running handler's signal was aborted when its process is stopping: another worker takes the step over. */
export class StepInterruptedError extends Error {
  override readonly name = 'StepInterruptedError';
}

/**
 * The handlers running in this process, by run, so that cancelling a run aborts them at once.
 * (Handlers in other processes notice within a heartbeat, see StepExecutor.)
 */
@Injectable()
export class RunningSteps {
  private readonly byRun = new Map<string, Set<AbortController>>();

  add(runId: string, controller: AbortController): () => void {
    const controllers = this.byRun.get(runId) ?? new Set<AbortController>();
    controllers.add(controller);
    this.byRun.set(runId, controllers);
    return () => {
      controllers.delete(controller);
      if (controllers.size === 0) this.byRun.delete(runId);
    };
  }

  /** Aborts every handler in this process (it is stopping). */
  interruptAll(): number {
    let count = 0;
    for (const controllers of this.byRun.values()) {
      for (const controller of controllers) {
        controller.abort(new StepInterruptedError('This worker is stopping; another one takes the step over.'));
        count++;
      }
    }
    return count;
  }

  abortRun(runId: string, reason: string): void {
    for (const controller of this.byRun.get(runId) ?? []) controller.abort(new StepCancelledError(reason));
  }
}
