import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ChangedRow } from '../table/ChangedRow.js';
import { CHANGES_DIR, CHANGES_HEADER, recordHead } from './changesFormat.js';
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
  // The latest.csv the rows make on their own is hashed in large pieces: a hash call per row costs more than a copy.
  const latest = createHash('sha256').update(header);
  const hashed = Buffer.allocUnsafe(HASH_BLOCK);
  let pending = 0;
  let block = Buffer.allocUnsafe(GZIP_BLOCK + (64 << 10));
  let at = 0;
  let count = 0;
  // The prefix up to the line number, per input: `<snapshot>,<file>,`; numbers are written as digits straight into the block.
  const heads = new Map<string, Buffer>();
  try {
    at += CHANGES_HEADER.copy(block, at);
    at += header.copy(block, at);
    for (const row of rows) {
      let head = heads.get(row.file);
      if (head === undefined) heads.set(row.file, (head = Buffer.from(recordHead(snapshot, row.file), 'utf8')));
      const need = head.length + 24 + row.line.length + 1;
      if (at + need > block.length) {
        await gz.write(block.subarray(0, at));
        block = Buffer.allocUnsafe(Math.max(GZIP_BLOCK + (64 << 10), need));
        at = 0;
      }
      at += head.copy(block, at);
      if (row.fileLine > 0) at = writeDigits(block, at, row.fileLine);
      block[at++] = 44;
      at = writeDigits(block, at, row.line.length);
      block[at++] = 44;
      block.set(row.line, at);
      at += row.line.length;
      block[at++] = 10;
      if (pending + row.line.length + 1 > hashed.length) {
        latest.update(hashed.subarray(0, pending));
        pending = 0;
      }
      if (row.line.length + 1 > hashed.length) latest.update(row.line).update(NL);
      else {
        hashed.set(row.line, pending);
        hashed[pending + row.line.length] = 10;
        pending += row.line.length + 1;
      }
      count++;
    }
    latest.update(hashed.subarray(0, pending));
    if (at > 0) await gz.write(block.subarray(0, at));
    const sha256 = await gz.finish();
    return { object: `${CHANGES_DIR}/${await gz.place(sha256, '.csv.gz')}`, rows: count, latestSha256: latest.digest('hex') };
  } catch (err) {
    await gz.abort();
    throw err;
  }
}

const HASH_BLOCK = 1 << 20;

/** Writes a non-negative integer's decimal digits at `at`; returns the position after them. */
function writeDigits(block: Buffer, at: number, n: number): number {
  if (n < 10) {
    block[at] = 48 + n;
    return at + 1;
  }
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  let rest = n;
  for (let i = digits - 1; i >= 0; i--) {
    block[at + i] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return at + digits;
}
const NL = Buffer.from('\n');
