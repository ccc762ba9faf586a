import type { ColumnDefinition } from '../../definition/PipelineDefinition.js';
import { CoerceFailure } from './CoerceFailure.js';
import { compileFormat } from './compileFormat.js';
import type { DateTimeParts } from './DateTimeParts.js';
import { isValidDate } from './isValidDate.js';
import { isValidTime } from './isValidTime.js';
import { parseIsoDateTime } from './parseIsoDateTime.js';
import { readDigits } from './readDigits.js';

const CANONICAL = /^\d{4}-\d{2}-\d{2}$/;
const SLASHED = /^\d{4}\/\d{2}\/\d{2}$/;

/**
 * Canonical form: `YYYY-MM-DD`. Accepts that, `YYYY/MM/DD`, an ISO 8601
 * date-time (its date part as written, whatever the zone) and, when the column
 * has a `format`, that format, which is tried first.
 */
export function coerceDate(input: string, column: ColumnDefinition): string | CoerceFailure {
  let sawShape = false;
  if (column.format !== undefined) {
    const parts = compileFormat(column.format)(input.trim());
    if (parts !== undefined) {
      if (isValidParts(parts)) return canonical(parts);
      sawShape = true;
    }
  }
  if (CANONICAL.test(input) && isValidText(input)) return input;
  const text = input.trim();
  if (SLASHED.test(text)) {
    if (isValidText(text)) return text.slice(0, 4) + '-' + text.slice(5, 7) + '-' + text.slice(8, 10);
    sawShape = true;
  } else {
    const parts = parseIsoDateTime(text);
    if (parts !== undefined) {
      if (isValidParts(parts)) return text.slice(0, 10);
      sawShape = true;
    }
  }
  const shown = JSON.stringify(input);
  if (sawShape) return new CoerceFailure('BAD_VALUE', `${shown} is not a valid date`);
  const expected = `YYYY-MM-DD, YYYY/MM/DD${column.format === undefined ? '' : `, ${column.format}`} or ISO 8601`;
  return new CoerceFailure('BAD_VALUE', `${shown} is not a date (expected ${expected})`);
}

/** `text` starts with `YYYY?MM?DD` in ASCII digits. */
function isValidText(text: string): boolean {
  return isValidDate(readDigits(text, 0, 4), readDigits(text, 5, 7), readDigits(text, 8, 10));
}

function isValidParts(p: DateTimeParts): boolean {
  return isValidDate(p.year, p.month, p.day) && isValidTime(p.hour, p.minute, p.second) && !Number.isNaN(p.offset);
}

function canonical(p: DateTimeParts): string {
  return `${String(p.year).padStart(4, '0')}-${p.month < 10 ? '0' : ''}${p.month}-${p.day < 10 ? '0' : ''}${p.day}`;
}
