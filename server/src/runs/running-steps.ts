import { Injectable } from '@nestjs/common';

/** Why a running handler's signal was aborted. */
export class StepCancelledError extends Error {
  override readonly name = 'StepCancelledError';
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

  abortRun(runId: string, reason: string): void {
    for (const controller of this.byRun.get(runId) ?? []) controller.abort(new StepCancelledError(reason));
  }
}
