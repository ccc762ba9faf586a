import type { ColumnType, PipelineDefinition } from '../definition/PipelineDefinition.js';
import { isNumericType } from '../definition/isNumericType.js';
import { quoteCsvField } from '../csv/quoteCsvField.js';

/** What the byte engine needs to know of latest.csv's shape under one definition. */
export interface LatestLayout {
  /** Schema columns, then output.lineage if set. */
  columns: string[];
  /** The header line's bytes, LF included. */
  header: Uint8Array;
  /** Fields per line. */
  width: number;
  keyIndexes: number[];
  timestampIndex: number;
  timestampType: ColumnType;
  /** A single non-numeric key: keys order by UTF-16 code unit, comparable on their bytes. */
  textKey: boolean;
  lineage: string | undefined;
  /** Everything an index depends on (columns, key columns and types, timestamp and type, lineage), as one string. */
  spec: string;
}

export function latestLayout(definition: PipelineDefinition): LatestLayout {
  const schema = definition.schema;
  const names = schema.columns.map((c) => c.name);
  const lineage = definition.output.lineage;
  const columns = lineage === undefined ? names : [...names, lineage];
  const keyIndexes = schema.key.map((k) => names.indexOf(k));
  const timestampIndex = names.indexOf(schema.timestamp);
  const timestampType = schema.columns[timestampIndex]!.type;
  const keyTypes = keyIndexes.map((i) => schema.columns[i]!.type);
  const textKey = keyIndexes.length === 1 && !isNumericType(keyTypes[0]!);
  const spec = JSON.stringify({ columns, key: schema.key, keyTypes, timestamp: schema.timestamp, timestampType, lineage: lineage ?? null });
  const header = Buffer.from(columns.map((c) => quoteCsvField(c)).join(',') + '\n', 'utf8');
  return { columns, header, width: columns.length, keyIndexes, timestampIndex, timestampType, textKey, lineage, spec };
}
