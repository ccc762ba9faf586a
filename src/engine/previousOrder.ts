import { orderOf } from '../validation/coercers/orderOf.js';
import { utcMs } from '../validation/coercers/utcMs.js';
import { fieldStart } from './fieldStart.js';
import { fieldText } from './fieldText.js';
import type { LatestLayout } from './LatestLayout.js';
import type { PreviousLatest } from './PreviousLatest.js';
import { scanRecord } from './scanRecord.js';

const fields: number[] = [];

/**
 * A previous row's timestamp order: from its index when that holds orders,
 * else read from the row's line as scanLatest reads it (an index of a
 * text-key table leaves orders out: only rows whose key comes again need
 * one). A canonical timestamp is a plain ASCII field; a date is read off its
 * bytes (50k rows: 0.05 s through a string per line).
 */
export function previousOrder(prev: PreviousLatest, layout: LatestLayout, row: number): number {
  if (prev.orders !== null) return prev.orders[row]!;
  const bytes = prev.bytes;
  const lineStart = prev.lineStarts[row]!;
  const lineEnd = prev.lineStarts[row + 1]! - 1;
  const start = fieldStart(bytes, lineStart, lineEnd, layout.timestampIndex);
  if (start >= 0) {
    let end = start;
    while (end < lineEnd && bytes[end] !== 44) end++;
    if (layout.timestampType === 'date' && end - start === 10 && bytes[start + 4] === 45 && bytes[start + 7] === 45) {
      return utcMs(digits(bytes, start, start + 4), digits(bytes, start + 5, start + 7), digits(bytes, start + 8, start + 10));
    }
    return orderOf(layout.timestampType, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1', start, end));
  }
  scanRecord(bytes, lineStart, fields);
  return orderOf(layout.timestampType, fieldText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), fields, layout.timestampIndex));
}

function digits(bytes: Uint8Array, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + bytes[i]! - 48;
  return value;
}
