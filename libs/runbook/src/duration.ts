/** Durations as people write them in runbooks: `30s`, `5m`, `4h`, `2d`, `1h30m`, `500ms`. */

const UNIT_MILLISECONDS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

// Largest units first so that `1h30m` reads naturally; each unit at most once.
const DURATION_PATTERN = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNITS_IN_ORDER = ['w', 'd', 'h', 'm', 's', 'ms'] as const;

/** A year: nothing in a runbook should wait longer, and it keeps the arithmetic exact. */
export const MAX_DURATION_MILLISECONDS = 366 * UNIT_MILLISECONDS['d'];

export class DurationError extends Error {
  override readonly name = 'DurationError';
}

/**
 * Converts a duration to milliseconds. Throws a `DurationError` whose message says what was
 * expected, so it can be shown to the person who wrote the runbook.
 */
export function parseDuration(text: string): number {
  if (typeof text !== 'string') {
    throw new DurationError(`A duration must be text such as "30s", "5m", "4h", "2d" or "1h30m".`);
  }
  const trimmed = text.trim();
  const match = trimmed === '' ? null : DURATION_PATTERN.exec(trimmed);
  if (!match) {
    throw new DurationError(
      `"${text}" is not a duration; write a number followed by a unit (ms, s, m, h, d, w), for example "30s", "5m", "4h", "2d" or "1h30m".`,
    );
  }
  let total = 0;
  UNITS_IN_ORDER.forEach((unit, index) => {
    const amount = match[index + 1];
    if (amount !== undefined) total += Number(amount) * UNIT_MILLISECONDS[unit];
  });
  if (total <= 0) throw new DurationError(`"${text}" is zero; a duration must be longer than that.`);
  if (total > MAX_DURATION_MILLISECONDS) throw new DurationError(`"${text}" is longer than the limit of 366 days.`);
  return total;
}
