import { randomUUID } from 'node:crypto';
import type { StepContext } from '../../runs/step-handler.js';

export interface FakeStepContext extends StepContext {
  /** What the handler wrote with `log`. */
  logged: Array<{ message: string; level: string }>;
  emitted: Array<{ type: string; payload: Record<string, unknown> }>;
  controller: AbortController;
}

/** A StepContext for handler tests: records logs and events, and can be aborted. */
export function fakeStepContext(overrides: Partial<StepContext> = {}): FakeStepContext {
  const controller = new AbortController();
  const runId = overrides.runId ?? randomUUID();
  const stepId = overrides.stepId ?? 'step';
  const attempt = overrides.attempt ?? 1;
  const logged: FakeStepContext['logged'] = [];
  const emitted: FakeStepContext['emitted'] = [];
  return {
    tenantId: randomUUID(),
    runId,
    stepId,
    attempt,
    effectKey: `${runId}:${stepId}:${attempt}`,
    params: {},
    inputs: {},
    startedBy: { userId: null, displayName: 'Test' },
    title: stepId,
    signal: controller.signal,
    markStarted: () => Promise.resolve(),
    log: (message, level = 'info') => {
      logged.push({ message, level });
      return Promise.resolve();
    },
    emit: (type, payload) => {
      emitted.push({ type, payload });
      return Promise.resolve();
    },
    ...overrides,
    logged,
    emitted,
    controller,
  };
}
