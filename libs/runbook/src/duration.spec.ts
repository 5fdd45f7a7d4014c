import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DurationError, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('should convert durations to milliseconds', () => {
    assert.equal(parseDuration('30s'), 30_000);
    assert.equal(parseDuration('5m'), 300_000);
    assert.equal(parseDuration('4h'), 14_400_000);
    assert.equal(parseDuration('2d'), 172_800_000);
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration('1m30s'), 90_000);
    assert.equal(parseDuration(' 1w '), 604_800_000);
  });

  it('should refuse anything else with a message that says what is expected', () => {
    for (const bad of ['', '5', '5 minutes', '1.5h', '-5m', 'm', '30m1h', '1h1h', '5M']) {
      assert.throws(
        () => parseDuration(bad),
        (error: unknown) => {
          assert.ok(error instanceof DurationError, bad);
          assert.match(error.message, /is not a duration; write a number followed by a unit|is zero/, bad);
          return true;
        },
      );
    }
    assert.throws(() => parseDuration('0s'), /is zero/);
    assert.throws(() => parseDuration('400d'), /longer than the limit of 366 days/);
    assert.throws(() => parseDuration('99999999999999999999s'), /longer than the limit/);
  });
});
