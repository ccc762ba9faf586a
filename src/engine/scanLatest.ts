import { isUtf8 } from 'node:buffer';
import { orderOf } from '../validation/coercers/orderOf.js';
import { ByteBlob } from './ByteBlob.js';
import { compareKeyBytes } from './compareKeyBytes.js';
import { fieldText } from './fieldText.js';
import { growArray } from './growArray.js';
import { hashKey } from './hashKey.js';
import type { LatestLayout } from './LatestLayout.js';
import type { PreviousLatest } from './PreviousLatest.js';
import { scanRecord } from './scanRecord.js';

/**
 * Reads the previous latest.csv's rows without an index: one pass over its
 * bytes, no string per row except the timestamp (and, for numeric or
 * composite keys, the key parts, to check the order). Returns null when a line
 * is not exactly what dropline writes or does not have `layout.width` fields,
 * or the bytes are not valid UTF-8 (the reference engine would read U+FFFD
 * where the bytes were, and write that): the caller then leaves the run to the
 * reference engine.
 */
export function scanLatest(bytes: Uint8Array, layout: LatestLayout, compareParts: (a: string[], b: string[]) => number): PreviousLatest | null {
  if (!isUtf8(bytes)) return null;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const guess = Math.max(16, bytes.length >> 6);
  let lineStarts = new Uint32Array(guess + 1);
  let hashes = new Uint32Array(guess);
  let orders = new Float64Array(guess);
  let keyStarts = new Float64Array(guess);
  let keyLengths = new Uint32Array(guess);
  const blob = new ByteBlob();
  const fields: number[] = [];
  const single = layout.keyIndexes.length === 1;
  const k0 = layout.keyIndexes[0]!;
  let inOrder = true;
  let lastParts: string[] | null = null;
  let rows = 0;
  let pos = layout.header.length;
  lineStarts[0] = pos;
  while (pos < bytes.length) {
    const next = scanRecord(bytes, pos, fields);
    if (next < 0 || fields.length !== layout.width * 3) return null;
    if (rows >= hashes.length) {
      hashes = growArray(hashes, rows + 1);
      lineStarts = growArray(lineStarts, hashes.length + 1);
      orders = growArray(orders, rows + 1);
      keyStarts = growArray(keyStarts, rows + 1);
      keyLengths = growArray(keyLengths, rows + 1);
    }
    let source: Uint8Array = bytes;
    let start: number;
    let length: number;
    if (single && fields[k0 * 3 + 2] === 0) {
      start = fields[k0 * 3]!;
      length = fields[k0 * 3 + 1]! - start;
      keyStarts[rows] = start;
    } else {
      start = blob.length;
      layout.keyIndexes.forEach((k, p) => {
        if (p > 0) blob.push(0x1f);
        const s = fields[k * 3]!;
        const e = fields[k * 3 + 1]!;
        if (single) blob.appendUnquoted(bytes, s, e);
        else appendPart(blob, bytes, s, e, fields[k * 3 + 2] === 1);
      });
      length = blob.length - start;
      keyStarts[rows] = bytes.length + start;
      source = blob.bytes;
    }
    keyLengths[rows] = length;
    hashes[rows] = hashKey(source, start, start + length);
    orders[rows] = orderOf(layout.timestampType, fieldText(text, fields, layout.timestampIndex));
    if (inOrder && rows > 0) {
      if (layout.textKey) {
        const p = rows - 1;
        const ps = keyStarts[p]!;
        const pSource = ps < bytes.length ? bytes : blob.bytes;
        const pStart = ps < bytes.length ? ps : ps - bytes.length;
        if (compareKeyBytes(pSource, pStart, keyLengths[p]!, source, start, length) >= 0) inOrder = false;
      } else {
        const parts = layout.keyIndexes.map((_, p) => fieldText(text, fields, layout.keyIndexes[p]!));
        if (lastParts !== null && compareParts(lastParts, parts) >= 0) inOrder = false;
        lastParts = parts;
      }
    } else if (!layout.textKey && rows === 0) lastParts = layout.keyIndexes.map((k) => fieldText(text, fields, k));
    rows++;
    lineStarts[rows] = next;
    pos = next;
  }
  return { bytes, rows, lineStarts, hashes, orders, keyStarts, keyLengths, blob: blob.bytes, inOrder };
}

/** One part of a composite key as encodeKey writes it: U+001E and U+001F escaped with U+001E. */
function appendPart(blob: ByteBlob, bytes: Uint8Array, start: number, end: number, quoted: boolean): void {
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === 0x1e || c === 0x1f) blob.push(0x1e);
    blob.push(c);
    if (quoted && c === 34) i++;
  }
}
