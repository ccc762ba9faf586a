import { DroplineError } from '../errors/DroplineError.js';

const UNIT_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** A whole number above 0 and a unit: `30d`. */
export const DURATION = /^\s*(0*[1-9]\d*)\s*([smhdw])\s*$/;

/** `"30d"`, `"12h"`, `"90m"`, `"2w"`, `"30s"` -> milliseconds (m is minutes). */
export function parseDuration(text: string): number {
  const m = DURATION.exec(text);
  const amount = m === null ? NaN : Number(m[1]);
  const ms = amount * (UNIT_MS[m?.[2] ?? ''] ?? NaN);
  if (!(amount > 0) || !Number.isSafeInteger(ms)) {
    throw new DroplineError('USAGE', `"${text}" is not a duration; write a whole number > 0 and a unit: s (seconds), m (minutes), h (hours), d (days) or w (weeks), e.g. 30d`);
  }
  return ms;
}
