import type { ColumnDefinition } from '../../definition/PipelineDefinition.js';
import { CoerceFailure } from './CoerceFailure.js';
import { compileFormat } from './compileFormat.js';
import type { DateTimeParts } from './DateTimeParts.js';
import { isValidDate } from './isValidDate.js';
import { isValidTime } from './isValidTime.js';
import { parseIsoDateTime } from './parseIsoDateTime.js';
import { readDigits } from './readDigits.js';
import { utcMs } from './utcMs.js';
import { wallTimeToUtc } from './wallTimeToUtc.js';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Instants whose `toISOString()` has a 4-digit year, 0001-9999. */
const MIN_MS = utcMs(1, 1, 1);
const MAX_MS = utcMs(10000, 1, 1) - 1;

/**
 * Canonical form: `new Date(ms).toISOString()`, e.g. `2021-03-01T10:00:00.000Z`.
 * Accepts ISO 8601 (`T` or space, optional seconds and 1-9 fraction digits,
 * zone `Z`/`+HH:MM`/`+HHMM`/`+HH`), a bare date (midnight), and the column's
 * `format` when set (tried first). Values without a zone are wall times in
 * `column.timezone` (default UTC).
 */
export function coerceDatetime(input: string, column: ColumnDefinition): string | CoerceFailure {
  if (CANONICAL.test(input) && isValidCanonical(input)) return input;
  const text = input.trim();
  const fromFormat = column.format === undefined ? undefined : compileFormat(column.format)(text);
  const parts = fromFormat !== undefined && isValid(fromFormat) ? fromFormat : (parseIsoDateTime(text) ?? fromFormat);
  const shown = JSON.stringify(input);
  if (parts === undefined) {
    const expected = `ISO 8601 such as 2021-03-01T10:00:00Z${column.format === undefined ? '' : ` or ${column.format}`}`;
    return new CoerceFailure('BAD_VALUE', `${shown} is not a datetime (expected ${expected})`);
  }
  if (!isValid(parts)) return new CoerceFailure('BAD_VALUE', `${shown} is not a valid datetime`);
  const wall = utcMs(parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second, parts.millisecond);
  const ms = parts.offset === undefined ? wallTimeToUtc(wall, column.timezone) : wall - parts.offset * 60_000;
  if (ms < MIN_MS || ms > MAX_MS) {
    return new CoerceFailure('BAD_VALUE', `${shown} is outside the supported years 0001-9999 once converted to UTC`);
  }
  return new Date(ms).toISOString();
}

function isValid(p: DateTimeParts): boolean {
  return isValidDate(p.year, p.month, p.day) && isValidTime(p.hour, p.minute, p.second) && !Number.isNaN(p.offset);
}

/** `text` has the canonical shape; check the fields are real. */
function isValidCanonical(text: string): boolean {
  return (
    isValidDate(readDigits(text, 0, 4), readDigits(text, 5, 7), readDigits(text, 8, 10)) &&
    isValidTime(readDigits(text, 11, 13), readDigits(text, 14, 16), readDigits(text, 17, 19))
  );
}
