import { Injectable } from '@nestjs/common';
import type { StepContext, StepHandler, StepOutcome } from '../runs/step-handler.js';
import { knownParameters, oneOf, problemsOf, requiredText } from './step-parameters.js';

const LEVELS = ['info', 'warn', 'error'] as const;

/**
 * `log`: writes a line on the run's timeline. `with: { message, level? }` (level info, warn or
 * error). Output `{ message, level }`, so later steps and outputs can quote it.
 */
@Injectable()
export class LogStep implements StepHandler {
  readonly type = 'log';

  validate(params: Record<string, unknown>): string[] {
    const known = knownParameters(params);
    return problemsOf(() => {
      if (!('message' in params)) requiredText(known, 'message', this.type, '"Backup finished"');
      oneOf(known, 'level', LEVELS, 'info', this.type);
    });
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const raw = context.params['message'];
    // A whole-string template may resolve to a number or an object: show it rather than fail.
    const message =
      typeof raw === 'string' || raw == null
        ? requiredText(context.params, 'message', this.type, '"Backup finished"')
        : JSON.stringify(raw);
    const level = oneOf(context.params, 'level', LEVELS, 'info', this.type);
    await context.log(message, level);
    return { status: 'succeeded', output: { message, level } };
  }
}
