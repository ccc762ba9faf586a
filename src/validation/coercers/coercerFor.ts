import type { ColumnDefinition, ColumnType } from '../../definition/PipelineDefinition.js';
import type { CoerceFailure } from './CoerceFailure.js';
import { coerceBoolean } from './coerceBoolean.js';
import { coerceDate } from './coerceDate.js';
import { coerceDatetime } from './coerceDatetime.js';
import { coerceInteger } from './coerceInteger.js';
import { coerceNumber } from './coerceNumber.js';
import { coerceString } from './coerceString.js';

export type Coercer = (input: string, column: ColumnDefinition) => string | CoerceFailure;

const COERCERS: Readonly<Record<ColumnType, Coercer>> = {
  string: coerceString,
  integer: coerceInteger,
  number: coerceNumber,
  boolean: coerceBoolean,
  date: coerceDate,
  datetime: coerceDatetime,
};

/** The coercer turning raw cell text of `type` into its canonical text. */
export function coercerFor(type: ColumnType): Coercer {
  return COERCERS[type];
}
