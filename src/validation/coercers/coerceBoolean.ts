import type { ColumnDefinition } from '../../definition/PipelineDefinition.js';
import { CoerceFailure } from './CoerceFailure.js';

/** Canonical form: `true` or `false`. Accepts true/false, yes/no, y/n, 1/0, t/f in any case. */
export function coerceBoolean(input: string, _column: ColumnDefinition): string | CoerceFailure {
  if (input === 'true' || input === 'false') return input;
  switch (input.trim().toLowerCase()) {
    case 'true':
    case 'yes':
    case 'y':
    case 't':
    case '1':
      return 'true';
    case 'false':
    case 'no':
    case 'n':
    case 'f':
    case '0':
      return 'false';
    default:
      return new CoerceFailure('BAD_VALUE', `${JSON.stringify(input)} is not a boolean (expected true/false, yes/no, y/n, t/f or 1/0)`);
  }
}
