import { copyView } from './copyBytes.js';

/**
 * Copies a key's bytes then its row's into `data` at `at`, as a FilePartial
 * packs them; returns where the next goes. Every buffer comes as a DataView
 * the caller keeps (copyView: a row shorter than 256 bytes is copied without
 * a view made for it); `data` also as itself.
 * A row read as it is holds its key (a field of the row, in the same buffer):
 * the row is copied once and the key then copied inside `data`, which is
 * cheaper than a second copy from the input.
 */
export function copyKeyAndRow(
  key: DataView,
  keyStart: number,
  keyLength: number,
  row: DataView,
  rowStart: number,
  rowLength: number,
  data: Uint8Array,
  dataView: DataView,
  at: number,
): number {
  const sameBuffer = key.buffer === row.buffer && key.byteOffset === row.byteOffset;
  if (sameBuffer && keyStart >= rowStart && keyStart + keyLength <= rowStart + rowLength && keyLength > 16) {
    copyView(row, rowStart, dataView, at + keyLength, rowLength);
    const from = at + keyLength + keyStart - rowStart;
    data.copyWithin(at, from, from + keyLength);
  } else {
    copyView(key, keyStart, dataView, at, keyLength);
    copyView(row, rowStart, dataView, at + keyLength, rowLength);
  }
  return at + keyLength + rowLength;
}
