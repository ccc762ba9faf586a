import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ChangedRow } from '../table/ChangedRow.js';
import { CHANGES_DIR, CHANGES_HEADER, recordPrefix } from './changesFormat.js';
import { GZIP_BLOCK, GzipObject } from './GzipObject.js';

/** A changes object written: its name, its rows, and the hash of the latest.csv its rows make on their own (header first). */
export interface WrittenChangeset {
  object: string;
  rows: number;
  latestSha256: string;
}

/**
 * Writes a run's changeset (changesFormat): latest.csv's `header` line, then
 * each changed row's record, `snapshot` its origin's snapshot, in the order
 * given (key order). Streams: memory stays a few blocks, whatever the count.
 */
export async function writeChangeset(storeDir: string, header: Buffer, snapshot: string, rows: Iterable<ChangedRow>): Promise<WrittenChangeset> {
  const gz = await GzipObject.create(join(storeDir, CHANGES_DIR));
  const latest = createHash('sha256').update(header);
  let block = Buffer.allocUnsafe(GZIP_BLOCK + (64 << 10));
  let at = 0;
  let count = 0;
  try {
    at += CHANGES_HEADER.copy(block, at);
    at += header.copy(block, at);
    for (const row of rows) {
      const prefix = recordPrefix(snapshot, row.file, row.fileLine, row.line.length);
      const need = Buffer.byteLength(prefix) + row.line.length + 1;
      if (at + need > block.length) {
        await gz.write(block.subarray(0, at));
        block = Buffer.allocUnsafe(Math.max(GZIP_BLOCK + (64 << 10), need));
        at = 0;
      }
      at += block.write(prefix, at, 'utf8');
      block.set(row.line, at);
      at += row.line.length;
      block[at++] = 10;
      latest.update(row.line).update(NL);
      count++;
    }
    if (at > 0) await gz.write(block.subarray(0, at));
    const sha256 = await gz.finish();
    return { object: `${CHANGES_DIR}/${await gz.place(sha256, '.csv.gz')}`, rows: count, latestSha256: latest.digest('hex') };
  } catch (err) {
    await gz.abort();
    throw err;
  }
}

const NL = Buffer.from('\n');
