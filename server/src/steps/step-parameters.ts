import { parseDuration } from '@trustops/runbook';
import { PermanentStepError } from '../runs/step-handler.js';

/**
 * Reading a step's `with` parameters. Templates are resolved by the engine before a handler
 * runs, so a wrong value here is the runbook author's mistake: a PermanentStepError, never retried.
 */

/** True for a value that still holds a `{{ }}` template (checked before a run, resolved later). */
export function isTemplate(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

export function optionalText(params: Record<string, unknown>, name: string, stepType: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new PermanentStepError(`${stepType}: "${name}" must be text.`);
  return value;
}

export function requiredText(params: Record<string, unknown>, name: string, stepType: string, example: string): string {
  const value = optionalText(params, name, stepType);
  if (value === undefined || value.trim() === '') {
    throw new PermanentStepError(`${stepType}: "${name}" is required, for example ${example}.`);
  }
  return value;
}

export function oneOf<T extends string>(
  params: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
  fallback: T,
  stepType: string,
): T {
  const value = params[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new PermanentStepError(`${stepType}: "${name}" must be one of ${allowed.join(', ')}.`);
}

/** A duration parameter in milliseconds, within `maximum`. */
export function durationParameter(
  params: Record<string, unknown>,
  name: string,
  stepType: string,
  fallback: number,
  maximum: number,
): number {
  const value = params[name];
  if (value === undefined || value === null) return fallback;
  let milliseconds: number;
  try {
    milliseconds =
      typeof value === 'number' ? value : parseDuration(typeof value === 'string' ? value : JSON.stringify(value));
  } catch (error) {
    throw new PermanentStepError(`${stepType}: "${name}": ${(error as Error).message}`);
  }
  if (!Number.isFinite(milliseconds) || milliseconds <= 0 || milliseconds > maximum) {
    throw new PermanentStepError(
      `${stepType}: "${name}" must be more than zero and at most ${Math.round(maximum / 1000)} seconds.`,
    );
  }
  return milliseconds;
}

/** Runs a parameter reader for `validate()`: its PermanentStepError becomes a problem sentence. */
export function problemsOf(check: () => void): string[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof PermanentStepError) return [error.message];
    throw error;
  }
}

/** Drops parameters that still hold templates, so `validate()` only checks what is already known. */
export function knownParameters(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => !isTemplate(value)));
}
