import type { ColumnType } from './PipelineDefinition.js';

const NUMERIC_TYPES: ReadonlySet<ColumnType> = new Set<ColumnType>(['integer', 'number']);

/** Whether values of a column type compare as numbers (key order, the merge's text-key fast path). */
export function isNumericType(type: ColumnType): boolean {
  return NUMERIC_TYPES.has(type);
}
