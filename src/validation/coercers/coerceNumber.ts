import type { ColumnDefinition } from '../../definition/PipelineDefinition.js';
import { CoerceFailure } from './CoerceFailure.js';
import { stripThousands } from './stripThousands.js';

/** A plain integer of at most 15 digits is its own shortest round-trip text. */
const CANONICAL_INTEGER = /^(?:0|-?[1-9]\d{0,14})$/;
/** Decimal notation only: no hex, no `Infinity`/`NaN`, no whitespace inside. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Canonical form: JavaScript's `String(n)` (shortest round trip; `-0` is `0`). */
export function coerceNumber(input: string, column: ColumnDefinition): string | CoerceFailure {
  if (CANONICAL_INTEGER.test(input)) return input;
  let text = input.trim();
  if (column.thousands && text.includes(column.thousands)) {
    const stripped = stripThousands(text, column.thousands);
    if (stripped === undefined) {
      return new CoerceFailure('BAD_VALUE', `${JSON.stringify(input)} is not a number: groups between "${column.thousands}" must have 3 digits`);
    }
    text = stripped;
  }
  if (!DECIMAL.test(text)) return new CoerceFailure('BAD_VALUE', `${JSON.stringify(input)} is not a number`);
  const value = Number(text);
  if (!Number.isFinite(value)) {
    return new CoerceFailure('BAD_VALUE', `${JSON.stringify(input)} is outside the range of a number`);
  }
  return String(value); // String(-0) is "0"
}
