/**
 * Checks the values someone entered for a run against the runbook's inputs: the same rules on
 * the client (wizard form, field by field) and on the server (before a run starts). Messages are
 * sentences that can sit under a form field.
 */
import type { RunbookDefinition, RunbookInput } from './types.js';

export interface RunInputError {
  /** The input's name, or the unknown key that was sent. */
  input: string;
  message: string;
}

export type RunInputsResult = { ok: true; values: Record<string, unknown> } | { ok: false; errors: RunInputError[] };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Longest value an input's `pattern` is run on. */
const MAX_PATTERN_CHECKED_LENGTH = 10_000;

/** True for a real calendar date written YYYY-MM-DD (so 2026-02-30 is refused). */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Checks and converts one value; returns the converted value or an error sentence. */
export function validateInputValue(
  input: RunbookInput,
  raw: unknown,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const label = input.label || input.name;
  switch (input.type) {
    case 'string':
    case 'text':
    case 'workspace':
    case 'file': {
      const value = typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : raw;
      if (typeof value !== 'string') return { ok: false, message: `${label} must be text.` };
      if (input.minLength !== undefined && value.length < input.minLength) {
        return { ok: false, message: `${label} must be at least ${plural(input.minLength, 'character')} long.` };
      }
      if (input.maxLength !== undefined && value.length > input.maxLength) {
        return { ok: false, message: `${label} must be at most ${plural(input.maxLength, 'character')} long.` };
      }
      // A pattern is the runbook author's regular expression: keep what it runs on short.
      if (input.pattern !== undefined && value.length > MAX_PATTERN_CHECKED_LENGTH) {
        return {
          ok: false,
          message: `${label} is too long to check (at most ${MAX_PATTERN_CHECKED_LENGTH} characters).`,
        };
      }
      if (input.pattern !== undefined && !new RegExp(input.pattern, 'u').test(value)) {
        return { ok: false, message: input.patternMessage ?? `${label} is not in the expected format.` };
      }
      return { ok: true, value };
    }
    case 'number': {
      const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
      if (typeof value !== 'number' || !Number.isFinite(value))
        return { ok: false, message: `${label} must be a number.` };
      if (input.min !== undefined && value < input.min)
        return { ok: false, message: `${label} must be ${input.min} or more.` };
      if (input.max !== undefined && value > input.max)
        return { ok: false, message: `${label} must be ${input.max} or less.` };
      return { ok: true, value };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (['true', 'yes', '1'].includes(text)) return { ok: true, value: true };
      if (['false', 'no', '0'].includes(text)) return { ok: true, value: false };
      return { ok: false, message: `${label} must be yes or no.` };
    }
    case 'enum': {
      const options = input.options ?? [];
      const match = options.find((option) => option.value === (typeof raw === 'number' ? String(raw) : raw));
      if (!match) {
        return {
          ok: false,
          message: `${label} must be one of: ${options.map((option) => option.label || option.value).join(', ')}.`,
        };
      }
      return { ok: true, value: match.value };
    }
    case 'date': {
      const value = typeof raw === 'string' ? raw.trim() : raw;
      if (typeof value !== 'string' || !isCalendarDate(value)) {
        return { ok: false, message: `${label} must be a date written as YYYY-MM-DD, for example 2026-03-31.` };
      }
      return { ok: true, value };
    }
  }
}

/**
 * Validates and converts a run's input values: applies defaults, converts form text to numbers,
 * booleans and dates, and sets optional inputs left empty to null (so templates can read them).
 * Unknown names are refused.
 */
export function validateRunInputs(
  runbook: Pick<RunbookDefinition, 'inputs'>,
  values: Record<string, unknown>,
): RunInputsResult {
  const errors: RunInputError[] = [];
  const result: Record<string, unknown> = {};
  const given = values ?? {};
  const known = new Set(runbook.inputs.map((input) => input.name));

  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      const names = runbook.inputs.map((input) => input.name);
      errors.push({
        input: key,
        message: names.length
          ? `This runbook has no input called "${key}"; its inputs are: ${names.join(', ')}.`
          : `This runbook takes no inputs, but "${key}" was given.`,
      });
    }
  }

  for (const input of runbook.inputs) {
    const raw = Object.prototype.hasOwnProperty.call(given, input.name) ? given[input.name] : undefined;
    if (isEmpty(raw)) {
      if (input.default !== undefined) result[input.name] = input.default;
      else if (input.required) errors.push({ input: input.name, message: `${input.label || input.name} is required.` });
      else result[input.name] = null;
      continue;
    }
    const checked = validateInputValue(input, raw);
    if (checked.ok) result[input.name] = checked.value;
    else errors.push({ input: input.name, message: checked.message });
  }

  return errors.length ? { ok: false, errors } : { ok: true, values: result };
}
