import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PermanentStepError } from '../runs/step-handler.js';
import { fakeStepContext } from './testing/fake-step-context.js';
import { WaitStep } from './wait.step.js';

describe(WaitStep.name, () => {
  const sut = new WaitStep();

  it('should park until the duration has passed since the attempt started', async () => {
    const attemptStartedAt = new Date(Date.now() - 1000);
    const outcome = await sut.execute(fakeStepContext({ params: { duration: '5m' }, attemptStartedAt }));
    assert.deepEqual(outcome, { status: 'waiting', resumeAt: new Date(attemptStartedAt.getTime() + 300_000) });
  });

  it('should ask for the same time when the same attempt is delivered again', async () => {
    const attemptStartedAt = new Date();
    const first = await sut.execute(fakeStepContext({ params: { duration: '1h' }, attemptStartedAt }));
    const again = await sut.execute(fakeStepContext({ params: { duration: '1h' }, attemptStartedAt }));
    assert.deepEqual(first, again);
  });

  it('should succeed when the engine resumes it', async () => {
    const resumeAt = new Date(Date.now() + 60_000);
    const outcome = await sut.execute(fakeStepContext({ params: { until: resumeAt.toISOString() }, resumeAt }));
    assert.deepEqual(outcome, { status: 'succeeded', output: { waitedUntil: resumeAt.toISOString() } });
  });

  it('should park until a given time, and succeed at once when it has passed', async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    assert.deepEqual(await sut.execute(fakeStepContext({ params: { until } })), {
      status: 'waiting',
      resumeAt: new Date(until),
    });
    const past = '2020-01-01T00:00:00Z';
    assert.deepEqual(await sut.execute(fakeStepContext({ params: { until: past } })), {
      status: 'succeeded',
      output: { waitedUntil: '2020-01-01T00:00:00.000Z' },
    });
  });

  it('should refuse bad parameters permanently with a clear message', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{}, /give either "duration".*or "until"/],
      [{ duration: '5m', until: '2026-01-01T00:00:00Z' }, /not both/],
      [{ duration: 'a while' }, /"a while" is not a duration/],
      [{ duration: '40d' }, /at most 2592000 seconds/],
      [{ until: '2026-12-01 09:00' }, /with a time zone, such as 2026-12-01T09:00:00Z/],
    ];
    for (const [params, message] of cases) {
      await assert.rejects(
        sut.execute(fakeStepContext({ params })),
        (error: unknown) => error instanceof PermanentStepError && message.test(error.message),
      );
    }
  });

  it('should check parameters before a run, leaving templates alone', () => {
    assert.deepEqual(sut.validate({ duration: '{{ inputs.settle }}' }), []);
    assert.deepEqual(sut.validate({ duration: '30s' }), []);
    assert.match(sut.validate({ duration: 'soon' })[0], /not a duration/);
  });
});
