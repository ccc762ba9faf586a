import { growArray } from '../engine/growArray.js';

/**
 * The lines of CSV bytes from `from`: where each starts and where its line
 * end ('\n', or '\r\n') begins, quoted line breaks staying inside their line;
 * at most `limit` lines. A last line without a line end ends at the bytes' end.
 */
export function scanCsvLines(bytes: Uint8Array, from: number, limit = Infinity): { starts: Uint32Array; ends: Uint32Array; count: number } {
  let starts: Uint32Array = new Uint32Array(1024);
  let ends: Uint32Array = new Uint32Array(1024);
  let n = 0;
  let at = from;
  while (at < bytes.length && n < limit) {
    if (n === starts.length) {
      starts = growArray(starts, n + 1);
      ends = growArray(ends, n + 1);
    }
    starts[n] = at;
    let quoted = false;
    let end = bytes.length;
    for (; at < bytes.length; at++) {
      const c = bytes[at];
      if (c === 34) quoted = !quoted;
      else if (c === 10 && !quoted) {
        end = at > starts[n]! && bytes[at - 1] === 13 ? at - 1 : at;
        at++;
        break;
      }
    }
    ends[n++] = end;
  }
  return { starts, ends, count: n };
}
