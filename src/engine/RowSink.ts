import { quoteCsvField } from '../csv/quoteCsvField.js';
import type { RowReject, ValidRow } from '../validation/Validator.js';
import type { ByteBlob } from './ByteBlob.js';

const COMMA = 44;

/**
 * What the byte scanner hands each record of an input to: a valid row as key
 * bytes, order and line (`offer`; when it returns true, `setRow` with the
 * row's bytes comes next), a row the reference validator accepted (`addRow`)
 * or rejected (`addReject`). PartialBuilder reduces the rows to a file's
 * winners; RowRouter passes them on, split by key partition.
 */
export interface RowSink {
  offer(key: Uint8Array, keyStart: number, keyEnd: number, order: number, line: number): boolean;
  setRow(row: Uint8Array, start: number, end: number): void;
  addRow(row: ValidRow): void;
  addReject(reject: RowReject): void;
}

/** Offers a row the reference validator accepted: key as UTF-8, values written by quoteCsvField joined by ',' (built in `scratch`). */
export function offerValidRow(sink: RowSink, scratch: ByteBlob, row: ValidRow): void {
  scratch.reset();
  scratch.appendText(row.key);
  const keyEnd = scratch.length;
  if (!sink.offer(scratch.bytes, 0, keyEnd, row.order, row.line)) return;
  for (let i = 0; i < row.values.length; i++) {
    if (i > 0) scratch.push(COMMA);
    scratch.appendText(quoteCsvField(row.values[i]!));
  }
  sink.setRow(scratch.bytes, keyEnd, scratch.length);
}
