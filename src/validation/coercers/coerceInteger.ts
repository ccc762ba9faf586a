import type { ColumnDefinition } from '../../definition/PipelineDefinition.js';
import { CoerceFailure } from './CoerceFailure.js';
import { stripThousands } from './stripThousands.js';

/** Already canonical and at most 15 digits, so always a safe integer. */
const CANONICAL = /^(?:0|-?[1-9]\d{0,14})$/;
const INTEGER = /^[+-]?\d+$/;

/** Canonical form: `-123`, no `+`, no leading zeros, `-0` is `0`. */
export function coerceInteger(input: string, column: ColumnDefinition): string | CoerceFailure {
  if (CANONICAL.test(input)) return input;
  let text = input.trim();
  if (column.thousands && text.includes(column.thousands)) {
    const stripped = stripThousands(text, column.thousands);
    if (stripped === undefined) return badGrouping(input, column.thousands);
    text = stripped;
  }
  if (!INTEGER.test(text)) return new CoerceFailure('BAD_VALUE', `${JSON.stringify(input)} is not an integer`);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    return new CoerceFailure('BAD_VALUE', `${JSON.stringify(input)} is outside the safe integer range (±${Number.MAX_SAFE_INTEGER})`);
  }
  return String(value); // String(-0) is "0"
}

function badGrouping(input: string, separator: string): CoerceFailure {
  return new CoerceFailure('BAD_VALUE', `${JSON.stringify(input)} is not an integer: groups between "${separator}" must have 3 digits`);
}
