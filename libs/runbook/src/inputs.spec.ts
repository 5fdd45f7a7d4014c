import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCalendarDate, validateRunInputs } from './inputs.js';
import type { RunbookInput } from './types.js';

const inputs: RunbookInput[] = [
  { name: 'reason', type: 'text', label: 'Reason', required: true, minLength: 3, maxLength: 10 },
  {
    name: 'code',
    type: 'string',
    label: 'Ticket',
    required: false,
    pattern: '^INC[0-9]+$',
    patternMessage: 'Ticket must look like INC12345.',
  },
  { name: 'count', type: 'number', label: 'Count', required: false, min: 1, max: 5, default: 2 },
  { name: 'notify', type: 'boolean', label: 'Notify the team', required: false },
  {
    name: 'priority',
    type: 'enum',
    label: 'Priority',
    required: true,
    options: [
      { value: 'low', label: 'Low' },
      { value: 'high', label: 'High' },
    ],
  },
  { name: 'day', type: 'date', label: 'Day', required: false },
];
const runbook = { inputs };

describe('validateRunInputs', () => {
  it('should accept good values, convert form text and apply defaults', () => {
    const result = validateRunInputs(runbook, {
      reason: 'disk full',
      notify: 'yes',
      priority: 'high',
      day: '2026-02-28',
    });
    assert.deepEqual(result, {
      ok: true,
      values: { reason: 'disk full', code: null, count: 2, notify: true, priority: 'high', day: '2026-02-28' },
    });
    const converted = validateRunInputs(runbook, { reason: 'abc', count: '4', notify: false, priority: 'low' });
    assert.ok(converted.ok);
    assert.equal(converted.values['count'], 4);
  });

  it('should explain every problem in plain English, per input', () => {
    const result = validateRunInputs(runbook, {
      reason: 'no',
      code: 'ABC',
      count: 9,
      notify: 'maybe',
      priority: 'urgent',
      day: '2026-02-30',
      extra: 1,
    });
    assert.deepEqual(result, {
      ok: false,
      errors: [
        {
          input: 'extra',
          message:
            'This runbook has no input called "extra"; its inputs are: reason, code, count, notify, priority, day.',
        },
        { input: 'reason', message: 'Reason must be at least 3 characters long.' },
        { input: 'code', message: 'Ticket must look like INC12345.' },
        { input: 'count', message: 'Count must be 5 or less.' },
        { input: 'notify', message: 'Notify the team must be yes or no.' },
        { input: 'priority', message: 'Priority must be one of: Low, High.' },
        { input: 'day', message: 'Day must be a date written as YYYY-MM-DD, for example 2026-03-31.' },
      ],
    });
  });

  it('should require required inputs and treat blank text as missing', () => {
    const result = validateRunInputs(runbook, { reason: '   ' });
    assert.deepEqual(result.ok ? [] : result.errors, [
      { input: 'reason', message: 'Reason is required.' },
      { input: 'priority', message: 'Priority is required.' },
    ]);
  });

  it('should refuse wrong types', () => {
    const result = validateRunInputs(runbook, { reason: { text: 'x' }, count: 'three', priority: 'low' });
    assert.deepEqual(result.ok ? [] : result.errors, [
      { input: 'reason', message: 'Reason must be text.' },
      { input: 'count', message: 'Count must be a number.' },
    ]);
    const long = validateRunInputs(runbook, { reason: 'x'.repeat(11), count: 0, priority: 'low' });
    assert.deepEqual(long.ok ? [] : long.errors.map((error) => error.message), [
      'Reason must be at most 10 characters long.',
      'Count must be 1 or more.',
    ]);
  });

  it("should not run the author's pattern on very long text", () => {
    const result = validateRunInputs(runbook, { reason: 'abc', code: `INC${'1'.repeat(10_000)}`, priority: 'low' });
    assert.deepEqual(result.ok ? [] : result.errors, [
      { input: 'code', message: 'Ticket is too long to check (at most 10000 characters).' },
    ]);
  });

  it('should not be fooled by inherited names', () => {
    const result = validateRunInputs(
      runbook,
      JSON.parse('{"reason":"abc","priority":"low","__proto__":{"x":1}}') as Record<string, unknown>,
    );
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.errors[0].input, '__proto__');
  });
});

describe('isCalendarDate', () => {
  it('should accept real dates only', () => {
    assert.equal(isCalendarDate('2024-02-29'), true);
    assert.equal(isCalendarDate('2026-02-29'), false);
    assert.equal(isCalendarDate('2026-13-01'), false);
    assert.equal(isCalendarDate('26-01-01'), false);
    assert.equal(isCalendarDate('2026-1-1'), false);
  });
});
