import { tableToCsv } from '../csv/tableToCsv.js';

/**
 * A selection as CSV in chunks of `batch` rows, for streaming: the header
 * line, then the rows. Each chunk is written by the same tableToCsv that
 * writes latest.csv, so the whole latest table downloads byte-identical to
 * output/latest.csv and never sits in memory as one string.
 */
export function* csvChunks(columns: string[], rows: Iterable<string[]>, batch = 5000): Generator<Buffer> {
  const header = Buffer.from(tableToCsv({ columns, rows: [] }));
  yield header;
  let pending: string[][] = [];
  const flush = (): Buffer => {
    const chunk = Buffer.from(tableToCsv({ columns, rows: pending })).subarray(header.length);
    pending = [];
    return chunk;
  };
  for (const row of rows) {
    pending.push(row);
    if (pending.length === batch) yield flush();
  }
  if (pending.length > 0) yield flush();
}
