const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Reads one record of a CSV written by dropline (quoteCsvField, ',' and LF)
 * from `pos`, filling `fields` with [start, end, quoted] per field (for a
 * quoted field, the bytes between its quotes, inner quotes still doubled).
 * Returns the position after the record's LF, or -1 when the record is not
 * exactly what quoteCsvField writes: a stray quote or CR, a field quoted that
 * needs no quotes, no LF at the end.
 */
export function scanRecord(bytes: Uint8Array, pos: number, fields: number[]): number {
  fields.length = 0;
  const length = bytes.length;
  let i = pos;
  for (;;) {
    if (bytes[i] === QUOTE) {
      const start = i + 1;
      let needed = false;
      let j = start;
      for (;;) {
        if (j >= length) return -1;
        const c = bytes[j]!;
        if (c === QUOTE) {
          if (bytes[j + 1] !== QUOTE) break;
          needed = true;
          j += 2;
          continue;
        }
        if (c === COMMA || c === LF || c === CR) needed = true;
        j++;
      }
      if (!needed) return -1;
      fields.push(start, j, 1);
      i = j + 1;
    } else {
      const start = i;
      while (i < length) {
        const c = bytes[i]!;
        if (c === COMMA || c === LF) break;
        if (c === QUOTE || c === CR) return -1;
        i++;
      }
      fields.push(start, i, 0);
    }
    if (i >= length) return -1;
    const c = bytes[i]!;
    if (c === LF) return i + 1;
    if (c !== COMMA) return -1;
    i++;
  }
}
