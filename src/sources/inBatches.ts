import type { RawRow } from './Source.js';

const BATCH = 8192;

/** Rows already in memory as the batches a RawTable yields (none for an empty list). */
export async function* inBatches(rows: RawRow[]): AsyncIterable<RawRow[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}
