import type { SchemaDefinition } from '../definition/PipelineDefinition.js';
import type { HeaderMapping } from '../validation/Validator.js';
import { FieldKind } from './FieldKind.js';

/**
 * What the byte scanner needs to know of a schema and one file's header
 * mapping, as typed arrays read row after row: per schema column its kind, its
 * field in the file and whether it is required; the key columns; the
 * timestamp column; and whether a row's output line can be its input bytes.
 */
export class ScanPlan {
  readonly kinds: Uint8Array;
  readonly fieldIndex: Int32Array;
  readonly required: Uint8Array;
  readonly keyColumns: Int32Array;
  readonly timestamp: number;
  /** Fields a well-formed record has. */
  readonly width: number;
  /** The delimiter is ',' and the file's fields are the schema's columns in order: an unchanged row is its own output line. */
  readonly verbatim: boolean;
  /** Why the byte scanner cannot read this file at all (empty when it can). */
  readonly unsupported: string;

  constructor(schema: SchemaDefinition, mapping: HeaderMapping, delimiter: string) {
    const columns = schema.columns;
    const names = columns.map((c) => c.name);
    this.kinds = Uint8Array.from(columns, (c) => FieldKind.of(c));
    this.fieldIndex = Int32Array.from(columns, (_, i) => mapping.fieldIndex[i] ?? -1);
    this.required = Uint8Array.from(columns, (c) => (c.required ? 1 : 0));
    this.keyColumns = Int32Array.from(schema.key, (k) => names.indexOf(k));
    this.timestamp = names.indexOf(schema.timestamp);
    this.width = mapping.width;
    this.verbatim = delimiter === ',' && mapping.width === columns.length && this.fieldIndex.every((f, i) => f === i);
    this.unsupported = why(schema, mapping, delimiter, this);
  }
}

function why(schema: SchemaDefinition, mapping: HeaderMapping, delimiter: string, plan: ScanPlan): string {
  if (delimiter.length !== 1) return `the delimiter ${JSON.stringify(delimiter)} is not one character`;
  const code = delimiter.charCodeAt(0);
  if (code >= 128 || code === 34 || code === 10 || code === 13) return `the delimiter ${JSON.stringify(delimiter)} is not an ASCII separator`;
  if (mapping.outputColumns.length !== schema.columns.length || mapping.fieldIndex.length !== schema.columns.length) return 'extra columns are kept';
  if (plan.keyColumns.length === 0 || plan.keyColumns.includes(-1)) return 'a key column is not in the schema';
  const timestamp = schema.columns[plan.timestamp];
  if (timestamp === undefined || timestamp.type === 'string' || timestamp.type === 'boolean') return 'the timestamp column cannot order versions';
  return '';
}
