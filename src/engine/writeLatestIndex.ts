import { crc32 } from 'node:zlib';
import { LatestIndexFormat } from './LatestIndexFormat.js';

export interface LatestIndexContent {
  spec: string;
  rows: number;
  latestLength: number;
  /** Both or neither (LatestIndexFormat). */
  orders: Float64Array | null;
  keyStarts: Float64Array;
  hashes: Uint32Array | null;
  lineStarts: Uint32Array;
  keyLengths: Uint32Array;
  blob: Uint8Array;
  blobLength: number;
}

/**
 * The index file's bytes for a latest.csv (format: LatestIndexFormat), in
 * pieces to write one after the other: the header, then views of the arrays
 * themselves (no 56 MB copy for 2M rows), then the checksum of them all.
 */
export function writeLatestIndex(c: LatestIndexContent): Uint8Array[] {
  const spec = Buffer.from(c.spec, 'utf8');
  const full = c.orders !== null && c.hashes !== null;
  const at = LatestIndexFormat.sections(c.rows, spec.length, c.blobLength, full);
  const out = Buffer.alloc(at.orders);
  const view = new DataView(out.buffer, out.byteOffset, out.length);
  view.setUint32(0, LatestIndexFormat.magic, true);
  view.setUint32(4, LatestIndexFormat.version, true);
  view.setUint32(8, c.rows, true);
  view.setUint32(12, spec.length, true);
  view.setFloat64(16, c.latestLength, true);
  view.setUint32(24, full ? 1 : 0, true);
  view.setUint32(28, c.blobLength, true);
  out.set(spec, 32);
  const n = c.rows;
  const bytes = (a: Float64Array | Uint32Array, count: number): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, count * a.BYTES_PER_ELEMENT);
  // The sections lie one after the other (each a multiple of 4 bytes long, the 8-byte ones first); the blob is padded to 4.
  const pieces = full ? [out, bytes(c.orders!, n), bytes(c.keyStarts, n), bytes(c.hashes!, n)] : [out, bytes(c.keyStarts, n)];
  pieces.push(bytes(c.lineStarts, n + 1), bytes(c.keyLengths, n));
  pieces.push(c.blob.subarray(0, c.blobLength), new Uint8Array(at.checksum - at.blob - c.blobLength));
  let checksum = 0;
  // (An empty piece is left out: Node 20's crc32 of no bytes returns 0, not the running value, when that is 2^31 or more.)
  for (const piece of pieces) if (piece.length > 0) checksum = crc32(piece, checksum);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(checksum);
  return [...pieces, tail];
}
