import { crc32 } from 'node:zlib';
import { LatestIndexFormat } from './LatestIndexFormat.js';

export interface LatestIndexContent {
  spec: string;
  rows: number;
  latestLength: number;
  orders: Float64Array;
  keyStarts: Float64Array;
  hashes: Uint32Array;
  lineStarts: Uint32Array;
  keyLengths: Uint32Array;
  blob: Uint8Array;
  blobLength: number;
}

/** The index file's bytes for a latest.csv (format: LatestIndexFormat). */
export function writeLatestIndex(c: LatestIndexContent): Buffer {
  const spec = Buffer.from(c.spec, 'utf8');
  const at = LatestIndexFormat.sections(c.rows, spec.length, c.blobLength);
  const out = Buffer.alloc(at.total);
  const view = new DataView(out.buffer, out.byteOffset, out.length);
  view.setUint32(0, LatestIndexFormat.magic, true);
  view.setUint32(4, LatestIndexFormat.version, true);
  view.setUint32(8, c.rows, true);
  view.setUint32(12, spec.length, true);
  view.setFloat64(16, c.latestLength, true);
  view.setUint32(24, 0, true);
  view.setUint32(28, c.blobLength, true);
  out.set(spec, 32);
  const n = c.rows;
  out.set(new Uint8Array(c.orders.buffer, c.orders.byteOffset, n * 8), at.orders);
  out.set(new Uint8Array(c.keyStarts.buffer, c.keyStarts.byteOffset, n * 8), at.keyStarts);
  out.set(new Uint8Array(c.hashes.buffer, c.hashes.byteOffset, n * 4), at.hashes);
  out.set(new Uint8Array(c.lineStarts.buffer, c.lineStarts.byteOffset, (n + 1) * 4), at.lineStarts);
  out.set(new Uint8Array(c.keyLengths.buffer, c.keyLengths.byteOffset, n * 4), at.keyLengths);
  out.set(c.blob.subarray(0, c.blobLength), at.blob);
  view.setUint32(at.checksum, crc32(out.subarray(0, at.checksum)), true);
  return out;
}
