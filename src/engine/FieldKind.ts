import type { ColumnDefinition } from '../definition/PipelineDefinition.js';

/**
 * How the byte scanner checks a column's values. Each kind accepts only text
 * its reference coercer returns unchanged; anything else goes to the reference.
 */
export const FieldKind = {
  /** Any text that is not blank (coerceString keeps it as is). */
  string: 0,
  /** `0` or `-?[1-9]\d{0,14}`: coerceInteger's (and coerceNumber's) canonical integers, whatever `thousands` says. */
  integer: 1,
  /** A canonical integer, or a decimal that String(Number(text)) gives back unchanged (no `thousands`). */
  number: 2,
  /** `true` or `false`. */
  boolean: 3,
  /** `YYYY-MM-DD`, a real day (no `format`: a format is tried first and may read it otherwise). */
  date: 4,
  /** `YYYY-MM-DDTHH:mm:ss.sssZ`, real (checked before `format` and `timezone`, so always). */
  datetime: 5,
  /** Never proven on bytes: every value goes to the reference coercer. */
  reference: 6,

  of(column: ColumnDefinition): number {
    switch (column.type) {
      case 'string':
        return FieldKind.string;
      case 'integer':
        return FieldKind.integer;
      case 'number':
        return column.thousands ? FieldKind.integer : FieldKind.number;
      case 'boolean':
        return FieldKind.boolean;
      case 'date':
        return column.format === undefined ? FieldKind.date : FieldKind.reference;
      case 'datetime':
        return FieldKind.datetime;
      default:
        return FieldKind.reference;
    }
  },
} as const;
