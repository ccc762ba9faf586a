import { copyBytes } from './copyBytes.js';

/**
 * Copies a key's bytes then its row's into `data` at `at`, as a FilePartial
 * packs them; returns where the next goes. A row read as it is holds its key
 * (a field of the row, in the same buffer): the row is copied once and the key
 * then copied inside `data`, which is cheaper than a second copy from the input.
 */
export function copyKeyAndRow(key: Uint8Array, keyStart: number, keyLength: number, row: Uint8Array, rowStart: number, rowLength: number, data: Uint8Array, at: number): number {
  if (key === row && keyStart >= rowStart && keyStart + keyLength <= rowStart + rowLength && keyLength > 16) {
    copyBytes(row, rowStart, data, at + keyLength, rowLength);
    const from = at + keyLength + keyStart - rowStart;
    data.copyWithin(at, from, from + keyLength);
  } else {
    copyBytes(key, keyStart, data, at, keyLength);
    copyBytes(row, rowStart, data, at + keyLength, rowLength);
  }
  return at + keyLength + rowLength;
}
