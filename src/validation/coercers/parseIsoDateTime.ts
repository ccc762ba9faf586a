import type { DateTimeParts } from './DateTimeParts.js';
import { readDigits } from './readDigits.js';

/**
 * `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM`, `:SS`,
 * `.fraction` (1-9 digits) and a zone `Z`, `+HH:MM`, `+HHMM` or `+HH`.
 * Groups: 1 year, 2 month, 3 day, 4 hour, 5 minute, 6 second, 7 fraction, 8 Z, 9 sign, 10-11 offset.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

/** Reads an ISO 8601 date or date-time (already trimmed); undefined when it has another shape. */
export function parseIsoDateTime(text: string): DateTimeParts | undefined {
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const parts: DateTimeParts = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: m[4] === undefined ? 0 : Number(m[4]),
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
    millisecond: m[7] === undefined ? 0 : truncateToMs(m[7]),
  };
  if (m[8] !== undefined) parts.offset = 0;
  else if (m[9] !== undefined) parts.offset = offsetMinutes(m[9], m[10]!, m[11]);
  return parts;
}

function truncateToMs(fraction: string): number {
  const used = Math.min(fraction.length, 3);
  return readDigits(fraction, 0, used) * (used === 1 ? 100 : used === 2 ? 10 : 1);
}

function offsetMinutes(sign: string, hours: string, minutes: string | undefined): number {
  const h = Number(hours);
  const min = minutes === undefined ? 0 : Number(minutes);
  if (h > 23 || min > 59) return Number.NaN;
  return (sign === '-' ? -1 : 1) * (h * 60 + min);
}
