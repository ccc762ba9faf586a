import type { ColumnType } from '../../definition/PipelineDefinition.js';
import { DroplineError } from '../../errors/DroplineError.js';
import { readDigits } from './readDigits.js';
import { utcMs } from './utcMs.js';

/**
 * A number ordering versions of a row by a timestamp column's canonical value
 * (larger is newer): date -> epoch ms of UTC midnight, datetime -> epoch ms,
 * integer/number -> the value. String and boolean columns cannot be timestamps.
 */
export function orderOf(type: ColumnType, canonical: string): number {
  switch (type) {
    case 'integer':
    case 'number':
      return Number(canonical);
    case 'date':
      return utcMs(readDigits(canonical, 0, 4), readDigits(canonical, 5, 7), readDigits(canonical, 8, 10));
    case 'datetime':
      return Date.parse(canonical);
    default:
      throw new DroplineError('INTERNAL', `a ${type} column cannot order versions; use integer, number, date or datetime`);
  }
}
