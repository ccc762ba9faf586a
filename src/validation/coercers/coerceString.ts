import type { ColumnDefinition } from '../../definition/PipelineDefinition.js';
import type { CoerceFailure } from './CoerceFailure.js';

/** Strings are kept exactly as given: no trimming, no case change. */
export function coerceString(input: string, _column: ColumnDefinition): string | CoerceFailure {
  return input;
}
