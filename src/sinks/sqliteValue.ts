import type { ColumnType } from '../definition/PipelineDefinition.js';

/** A value of latest.csv (canonical text) as SQLite stores it: empty is NULL, numbers are numbers, booleans 1/0. */
export function sqliteValue(type: ColumnType, text: string): string | number | null {
  if (text === '') return null;
  switch (type) {
    case 'integer':
    case 'number':
      return Number(text);
    case 'boolean':
      return text === 'true' ? 1 : 0;
    default:
      return text;
  }
}
