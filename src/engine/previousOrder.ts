import { orderOf } from '../validation/coercers/orderOf.js';
import { fieldText } from './fieldText.js';
import type { LatestLayout } from './LatestLayout.js';
import type { PreviousLatest } from './PreviousLatest.js';
import { scanRecord } from './scanRecord.js';

const fields: number[] = [];

/**
 * A previous row's timestamp order: from its index when that holds orders,
 * else read from the row's line as scanLatest reads it (an index of a
 * text-key table leaves orders out: only rows whose key comes again need one).
 */
export function previousOrder(prev: PreviousLatest, layout: LatestLayout, row: number): number {
  if (prev.orders !== null) return prev.orders[row]!;
  scanRecord(prev.bytes, prev.lineStarts[row]!, fields);
  return orderOf(layout.timestampType, fieldText(Buffer.from(prev.bytes.buffer, prev.bytes.byteOffset, prev.bytes.length), fields, layout.timestampIndex));
}
