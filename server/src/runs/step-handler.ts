import type { ActorSummary } from '@trustops/contracts';

/**
 * The contract between the runs engine and the domain modules that do the work. A module
 * implements `StepHandler` for a step `type` (`agent.prompt`, `incident.gather`, `approval`, ...)
 * and registers it with `StepHandlerRegistry` (exported by RunsModule) in `onModuleInit`.
 *
 * Delivery is at-least-once: the same (run, step, attempt) may be handed over again after a
 * crash. `context.effectKey` is stable for that triple, so a handler with side effects records or
 * passes it (as an idempotency key) and does not repeat them.
 */
export interface StepContext {
  tenantId: string;
  runId: string;
  stepId: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** `${runId}:${stepId}:${attempt}`: stable across redeliveries of this attempt. */
  effectKey: string;
  /** The step's `with`, templates already resolved against inputs and earlier outputs. */
  params: Record<string, unknown>;
  /** The run's validated inputs. */
  inputs: Record<string, unknown>;
  /** Who started the run (separation of duties needs it). */
  startedBy: ActorSummary;
  /** The step definition's title, for messages. */
  title: string;
  /** The step's `approval` block, for `approval` and `input` steps. */
  approval?: import('@trustops/runbook').StepApproval;
  /** When this attempt first started: the same across redeliveries and timer resumptions. */
  attemptStartedAt?: Date;
  /**
   * Set when this execution resumes an earlier `{ status: 'waiting', resumeAt }` of the same
   * attempt: the time that was asked for (a `wait` step then knows its time has come).
   */
  resumeAt?: Date;
  /** Aborted on timeout or when the run is cancelled. */
  signal: AbortSignal;
  /**
   * Makes sure the step's `step.started` is on the run's timeline (a quick step's start is
   * otherwise recorded with its result). Call it before appending to the run's stream yourself;
   * `log` and `emit` call it for you.
   */
  markStarted(): Promise<void>;
  /** Appends a `step.log` event to the run's timeline. */
  log(message: string, level?: 'info' | 'warn' | 'error'): Promise<void>;
  /** Appends a domain event of the handler's own (`agent.message`, `incident.evidence`, ...) to the run's stream. */
  emit(type: string, payload: Record<string, unknown>): Promise<void>;
}

export type StepOutcome =
  /** Done; `output` is committed and visible to later steps as `steps.<id>.output`. */
  | { status: 'succeeded'; output?: Record<string, unknown> }
  /**
   * Parked until something outside resumes it: a person's decision (`decisionId`) — resumed
   * through `RunsService.completeWaitingStep` — or a time (`resumeAt`), resumed by the engine.
   */
  | { status: 'waiting'; decisionId?: string; resumeAt?: Date };

/** Thrown by a handler for a failure that retrying cannot fix (bad parameters, refused by policy). */
export class PermanentStepError extends Error {
  override readonly name = 'PermanentStepError';
}

export interface StepHandler {
  /** The step `type` this handler runs. */
  readonly type: string;
  /** Checks `with` before a run starts (optional): return problems as plain sentences. */
  validate?(params: Record<string, unknown>): string[];
  execute(context: StepContext): Promise<StepOutcome>;
  /**
   * Optional: the run was cancelled while this step was waiting, so whatever it waits on should
   * stop asking (an approval leaves the inbox). For the engine to call after the cancel commits.
   */
  cancel?(step: { tenantId: string; runId: string; stepId: string; reason: string }): Promise<void>;
}
