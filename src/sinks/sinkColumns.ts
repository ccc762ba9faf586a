import type { ColumnType, PipelineDefinition } from '../definition/PipelineDefinition.js';

/** A column of a sink's table: its name, its dropline type, and its place in the primary key (-1: none). */
export interface SinkColumn {
  name: string;
  type: ColumnType;
  keyIndex: number;
}

/**
 * The columns of the table a sink writes for latest.csv's `columns`: schema
 * columns with their types, kept extra columns and the lineage column as text.
 */
export function sinkColumns(definition: PipelineDefinition, columns: readonly string[]): SinkColumn[] {
  const types = new Map(definition.schema.columns.map((c) => [c.name, c.type] as const));
  return columns.map((name) => ({ name, type: types.get(name) ?? 'string', keyIndex: definition.schema.key.indexOf(name) }));
}

/** The columns latest.csv has when no row brought extra ones: the schema's, then the lineage column. */
export function baseColumns(definition: PipelineDefinition): string[] {
  const lineage = definition.output.lineage;
  return [...definition.schema.columns.map((c) => c.name), ...(lineage === undefined ? [] : [lineage])];
}

/** The key columns in key order. */
export function keyColumns(columns: readonly SinkColumn[]): SinkColumn[] {
  return columns.filter((c) => c.keyIndex >= 0).sort((a, b) => a.keyIndex - b.keyIndex);
}
