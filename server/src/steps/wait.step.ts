import { Injectable } from '@nestjs/common';
import { PermanentStepError, type StepContext, type StepHandler, type StepOutcome } from '../runs/step-handler.js';
import { durationParameter, knownParameters, optionalText, problemsOf } from './step-parameters.js';

/** Nothing waits longer than this: a runbook that needs longer should be scheduled instead. */
export const MAX_WAIT_MILLISECONDS = 30 * 24 * 3_600_000;

/**
 * `wait`: pauses the run without holding a worker. `with: { duration: "5m" }` or
 * `with: { until: "2026-12-01T09:00:00Z" }`. The first execution parks the step with
 * `{ status: 'waiting', resumeAt }`; the engine executes it again at that time and it succeeds.
 * The target is computed from when the attempt started, so a redelivered execution asks for the
 * same time rather than starting the wait again.
 */
@Injectable()
export class WaitStep implements StepHandler {
  readonly type = 'wait';

  validate(params: Record<string, unknown>): string[] {
    const known = knownParameters(params);
    return problemsOf(() => {
      const hasDuration = params['duration'] !== undefined;
      const hasUntil = params['until'] !== undefined;
      if (hasDuration === hasUntil)
        throw new PermanentStepError(
          'wait: give either "duration" (such as "5m") or "until" (an ISO date and time), not both.',
        );
      if (hasDuration) durationParameter(known, 'duration', this.type, 1, MAX_WAIT_MILLISECONDS);
      else this.until(known);
    });
  }

  execute(context: StepContext): Promise<StepOutcome> {
    return Promise.resolve(context).then((current) => this.outcome(current));
  }

  private outcome(context: StepContext): StepOutcome {
    const target = this.target(context);
    // Resumed by the engine at the time asked for (or later): the wait is over.
    if (context.resumeAt || target.getTime() <= Date.now()) {
      return { status: 'succeeded', output: { waitedUntil: target.toISOString() } };
    }
    return { status: 'waiting', resumeAt: target };
  }

  private target(context: StepContext): Date {
    const hasDuration = context.params['duration'] !== undefined && context.params['duration'] !== null;
    const hasUntil = context.params['until'] !== undefined && context.params['until'] !== null;
    if (hasDuration === hasUntil) {
      throw new PermanentStepError(
        'wait: give either "duration" (such as "5m") or "until" (an ISO date and time), not both.',
      );
    }
    if (hasUntil) return this.until(context.params)!;
    const duration = durationParameter(context.params, 'duration', this.type, 1, MAX_WAIT_MILLISECONDS);
    const startedAt = context.attemptStartedAt ?? new Date();
    return new Date(startedAt.getTime() + duration);
  }

  private until(params: Record<string, unknown>): Date | undefined {
    const text = optionalText(params, 'until', this.type);
    if (text === undefined) return undefined;
    // A date and time with a zone, so that "09:00" cannot mean different things on different servers.
    const valid =
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) &&
      !Number.isNaN(Date.parse(text));
    if (!valid)
      throw new PermanentStepError(
        `wait: "until" must be a date and time with a time zone, such as 2026-12-01T09:00:00Z (got "${text}").`,
      );
    const target = new Date(text);
    if (target.getTime() - Date.now() > MAX_WAIT_MILLISECONDS)
      throw new PermanentStepError('wait: "until" is more than 30 days away.');
    return target;
  }
}
