import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import { LatestIndexFormat } from './LatestIndexFormat.js';
import type { LatestLayout } from './LatestLayout.js';
import type { PreviousLatest } from './PreviousLatest.js';

/**
 * The previous rows from the index written with latest.csv, as views of the
 * index's bytes (no CSV parsing), or null when the index cannot be trusted:
 * another format or version, another key spec, a checksum that fails, a
 * latest.csv of another length, offsets that do not fall on the lines of
 * latest.csv. Its caller binds it to that very latest.csv by SHA-256
 * (LatestIndexFile), so latest.csv's bytes are not checksummed again here.
 */
export function readLatestIndex(index: Uint8Array, latest: Uint8Array, layout: LatestLayout): PreviousLatest | null {
  if (endianness() !== 'LE' || index.length < LatestIndexFormat.headerBytes + 4) return null;
  if (index.byteOffset % 8 !== 0) index = new Uint8Array(index);
  const view = new DataView(index.buffer, index.byteOffset, index.length);
  if (view.getUint32(0, true) !== LatestIndexFormat.magic || view.getUint32(4, true) !== LatestIndexFormat.version) return null;
  const rows = view.getUint32(8, true);
  const specLength = view.getUint32(12, true);
  const blobLength = view.getUint32(28, true);
  // Orders and hashes are there exactly when the key is not text (LatestIndexFormat).
  const full = view.getUint32(24, true) === 1;
  if (full === layout.textKey) return null;
  const at = LatestIndexFormat.sections(rows, specLength, blobLength, full);
  if (at.total !== index.length || view.getFloat64(16, true) !== latest.length) return null;
  if (Buffer.from(index.buffer, index.byteOffset + 32, specLength).toString('utf8') !== layout.spec) return null;
  if (view.getUint32(at.checksum, true) !== crc32(index.subarray(0, at.checksum))) return null;
  const base = index.byteOffset;
  const orders = full ? new Float64Array(index.buffer, base + at.orders, rows) : null;
  const keyStarts = new Float64Array(index.buffer, base + at.keyStarts, rows);
  const hashes = full ? new Uint32Array(index.buffer, base + at.hashes, rows) : null;
  const lineStarts = new Uint32Array(index.buffer, base + at.lineStarts, rows + 1);
  const keyLengths = new Uint32Array(index.buffer, base + at.keyLengths, rows);
  const blob = index.subarray(at.blob, at.blob + blobLength);
  if (lineStarts[0] !== layout.header.length || lineStarts[rows] !== latest.length) return null;
  for (let r = 0; r < rows; r++) {
    const next = lineStarts[r + 1]!;
    if (next <= lineStarts[r]! || latest[next - 1] !== 10) return null;
    const start = keyStarts[r]!;
    const inLine = start < latest.length;
    if (inLine ? start < lineStarts[r]! || start + keyLengths[r]! >= next : start - latest.length + keyLengths[r]! > blobLength) return null;
  }
  return { bytes: latest, rows, lineStarts, hashes, orders, keyStarts, keyLengths, blob, inOrder: true };
}
