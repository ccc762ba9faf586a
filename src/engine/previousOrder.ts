import type { ColumnType } from '../definition/PipelineDefinition.js';
import { orderOf } from '../validation/coercers/orderOf.js';
import { FieldKind } from './FieldKind.js';
import { fieldStart } from './fieldStart.js';
import { fieldText } from './fieldText.js';
import type { LatestLayout } from './LatestLayout.js';
import type { PreviousLatest } from './PreviousLatest.js';
import { provenCanonical } from './provenCanonical.js';
import { scanRecord } from './scanRecord.js';

const fields: number[] = [];

/** How the scanner reads a canonical timestamp of each type on bytes (latest.csv holds canonical values only). */
const KIND: Partial<Record<ColumnType, number>> = { date: FieldKind.date, datetime: FieldKind.datetime, integer: FieldKind.integer, number: FieldKind.number };

/**
 * A previous row's timestamp order: from its index when that holds orders,
 * else read from the row's line (an index of a text-key table leaves orders
 * out: only rows whose key comes again need one): off the field's bytes as
 * the scanner reads a canonical value (provenCanonical; 50k rows through a
 * string per line took 0.05 s), else as scanLatest reads it.
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
    const order = provenCanonical(KIND[layout.timestampType] ?? FieldKind.reference, bytes, start, end);
    if (!Number.isNaN(order)) return order;
  }
  scanRecord(bytes, lineStart, fields);
  return orderOf(layout.timestampType, fieldText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), fields, layout.timestampIndex));
}
