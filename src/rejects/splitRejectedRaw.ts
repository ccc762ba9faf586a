import { parse } from 'csv-parse/sync';
import { parseCsvFast } from '../csv/parseCsvFast.js';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import { sniffDelimiter } from '../sources/sniffDelimiter.js';
import type { RejectedRow } from './RejectedRow.js';

/**
 * A rejected row's raw text split into the schema's columns, in schema order:
 * by the header mapping its run recorded for its file when there is one (so a
 * file with its columns in another order still lands right), else by position;
 * as far as the values go (missing ones are empty). A replay's rows were read
 * from a fix file and are kept comma-separated; others in source.delimiter.
 */
export function splitRejectedRaw(definition: PipelineDefinition, run: SnapshotManifest, row: Pick<RejectedRow, 'file' | 'raw'>): string[] {
  const configured = definition.source.delimiter;
  const delimiter = run.kind === 'replay' ? ',' : configured === 'auto' ? sniffDelimiter(row.raw) : configured;
  const fields = splitLine(row.raw, delimiter);
  const columns = definition.schema.columns.map((c) => c.name);
  const matches = run.headers.find((h) => h.file === row.file)?.matches ?? [];
  if (matches.length === 0) return columns.map((_, i) => fields[i] ?? '');
  const at = new Map(matches.map((m) => [m.column, m.index]));
  return columns.map((c) => {
    const index = at.get(c);
    return index === undefined ? '' : (fields[index] ?? '');
  });
}

function splitLine(raw: string, delimiter: string): string[] {
  const fast = parseCsvFast(raw, delimiter);
  if (fast !== null) return fast[0]?.fields ?? [];
  try {
    const [first] = parse(raw, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return first ?? [];
  } catch {
    // Not CSV at all (a quote never closed): split at every delimiter, so the user still sees each value.
    return raw.split(delimiter);
  }
}
