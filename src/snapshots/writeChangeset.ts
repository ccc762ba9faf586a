import type { ChangedRow } from '../table/ChangedRow.js';
import { ChangesetWriter, type WrittenChangeset } from './ChangesetWriter.js';

/**
 * Writes a run's changeset from its rows given one by one (a merger's
 * changes, after latest.csv was written): latest.csv's `header` line, then
 * each row's record, `snapshot` its origin's snapshot, in the order given (key
 * order). Streams: memory stays a few blocks, whatever the count.
 */
export async function writeChangeset(storeDir: string, header: Buffer, snapshot: string, rows: Iterable<ChangedRow>): Promise<WrittenChangeset> {
  const writer = await ChangesetWriter.create(storeDir, header, snapshot);
  try {
    for (const row of rows) {
      // With its line end after it, as the writer reads lines (ChangeListener).
      const line = new Uint8Array(row.line.length + 1);
      line.set(row.line);
      line[row.line.length] = 10;
      writer.changed(line, 0, row.line.length, row.file, row.fileLine);
      if (writer.filled) await writer.drain();
    }
    return await writer.finish();
  } catch (err) {
    await writer.abort();
    throw err;
  }
}
