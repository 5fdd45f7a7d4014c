import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PermanentStepError } from '../runs/step-handler.js';
import { LogStep } from './log.step.js';
import { fakeStepContext } from './testing/fake-step-context.js';

describe(LogStep.name, () => {
  const sut = new LogStep();

  it('should write the message on the timeline and return it as output', async () => {
    const context = fakeStepContext({ params: { message: 'Backup finished', level: 'warn' } });
    assert.deepEqual(await sut.execute(context), {
      status: 'succeeded',
      output: { message: 'Backup finished', level: 'warn' },
    });
    assert.deepEqual(context.logged, [{ message: 'Backup finished', level: 'warn' }]);
  });

  it('should show a value that is not text rather than fail', async () => {
    const context = fakeStepContext({ params: { message: { count: 3 } } });
    await sut.execute(context);
    assert.deepEqual(context.logged, [{ message: '{"count":3}', level: 'info' }]);
  });

  it('should refuse a missing message or an unknown level permanently', async () => {
    await assert.rejects(
      sut.execute(fakeStepContext({ params: {} })),
      (error: unknown) => error instanceof PermanentStepError && /"message" is required/.test(error.message),
    );
    await assert.rejects(
      sut.execute(fakeStepContext({ params: { message: 'x', level: 'loud' } })),
      /"level" must be one of info, warn, error/,
    );
  });

  it('should check parameters before a run, leaving templates alone', () => {
    assert.deepEqual(sut.validate({ message: '{{ inputs.reason }}' }), []);
    assert.deepEqual(sut.validate({ message: 'x', level: '{{ inputs.level }}' }), []);
    assert.match(sut.validate({})[0], /"message" is required/);
  });
});
