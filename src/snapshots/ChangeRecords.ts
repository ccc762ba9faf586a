import { growArray } from '../engine/growArray.js';
import { CHANGES_HEADER } from './changesFormat.js';
import { scanCsvLines } from './scanCsvLines.js';

/** Where one row came from, as a changes object records it ('' and 0: not known). */
export interface RowOrigin {
  snapshot: string;
  file: string;
  line: number;
}

/**
 * The records of one changes object, or the lines of a plain latest.csv (an
 * object of the first format: no origins), over its decompressed bytes:
 * record i's latest.csv line is `bytes[bodyStart(i), bodyEnd(i))`, its line
 * end excluded. Parsed once into offsets; values are decoded only when asked.
 */
export class ChangeRecords {
  private constructor(
    readonly bytes: Buffer,
    /** latest.csv's header line, its line end included. */
    readonly header: Buffer,
    private readonly prefixStarts: Uint32Array | null,
    private readonly bodyStarts: Uint32Array,
    private readonly bodyEnds: Uint32Array,
    readonly count: number,
  ) {}

  /** Records of a changes object; throws on bytes that are not one (the caller names the file). */
  static parse(bytes: Buffer): ChangeRecords {
    if (bytes.length < CHANGES_HEADER.length || !bytes.subarray(0, CHANGES_HEADER.length).equals(CHANGES_HEADER))
      throw new Error('it does not start with the header of a changes object');
    const headerEnd = scanCsvLines(bytes, CHANGES_HEADER.length, 1).ends[0]!;
    const header = bytes.subarray(CHANGES_HEADER.length, headerEnd + 1);
    let prefixes: Uint32Array = new Uint32Array(1024);
    let starts: Uint32Array = new Uint32Array(1024);
    let ends: Uint32Array = new Uint32Array(1024);
    let n = 0;
    const first = headerEnd + 1;
    let at = first;
    while (at < bytes.length) {
      if (n === starts.length) {
        // Sized for the whole object from the records so far (doubling from 1024 copied each array eleven times for 2M records).
        const need = Math.max(n + 1, Math.ceil(((bytes.length - first) / (at - first)) * n * 1.05));
        prefixes = growArray(prefixes, need);
        starts = growArray(starts, need);
        ends = growArray(ends, need);
      }
      prefixes[n] = at;
      // snapshot, file (maybe quoted), line, bytes: the fourth comma outside quotes ends the prefix; the digits
      // after the third are the line's length.
      let commas = 0;
      let quoted = false;
      let length = 0;
      let digits = 0;
      while (commas < 4) {
        const c = bytes[at++];
        if (c === undefined) throw new Error(`record ${n + 1} is cut short`);
        if (commas === 3) {
          if (c === 44) commas++;
          else {
            length = c >= 48 && c <= 57 ? length * 10 + (c - 48) : NaN;
            digits++;
          }
        } else if (c === 34) quoted = !quoted;
        else if (c === 44 && !quoted) commas++;
      }
      if (digits === 0 || !Number.isSafeInteger(length) || at + length >= bytes.length + 1 || bytes[at + length] !== 10) throw new Error(`record ${n + 1} has a wrong length`);
      starts[n] = at;
      ends[n] = at + length;
      at += length + 1;
      n++;
    }
    return new ChangeRecords(bytes, header, prefixes, starts, ends, n);
  }

  /** The lines of a plain latest.csv (header first) as records without origins. */
  static ofLatestCsv(bytes: Buffer): ChangeRecords {
    const { starts, ends, count } = scanCsvLines(bytes, 0);
    if (count === 0) throw new Error('it has no header line');
    const header = bytes.subarray(0, ends[0]! + 1);
    return new ChangeRecords(bytes, header, null, starts.subarray(1, count), ends.subarray(1, count), count - 1);
  }

  bodyStart(i: number): number {
    return this.bodyStarts[i]!;
  }

  bodyEnd(i: number): number {
    return this.bodyEnds[i]!;
  }

  /** Record i's latest.csv line, line end excluded. */
  body(i: number): Buffer {
    return this.bytes.subarray(this.bodyStarts[i], this.bodyEnds[i]);
  }

  /** The whole record, prefix and line end included (null for a plain latest.csv, which has no prefixes). */
  record(i: number): Buffer | null {
    if (this.prefixStarts === null) return null;
    return this.bytes.subarray(this.prefixStarts[i], this.bodyEnds[i]! + 1);
  }

  origin(i: number): RowOrigin {
    if (this.prefixStarts === null) return { snapshot: '', file: '', line: 0 };
    const text = this.bytes.toString('utf8', this.prefixStarts[i], this.bodyStarts[i]! - 1);
    const snapshot = text.slice(0, text.indexOf(','));
    let rest = text.slice(snapshot.length + 1);
    let file: string;
    if (rest.startsWith('"')) {
      const close = closingQuote(rest);
      file = rest.slice(1, close).replace(/""/g, '"');
      rest = rest.slice(close + 2);
    } else {
      file = rest.slice(0, rest.indexOf(','));
      rest = rest.slice(file.length + 1);
    }
    const line = rest.slice(0, rest.indexOf(','));
    return { snapshot, file, line: line === '' ? 0 : Number(line) };
  }
}

function closingQuote(text: string): number {
  let at = 1;
  for (;;) {
    const q = text.indexOf('"', at);
    if (text.charCodeAt(q + 1) !== 34) return q;
    at = q + 2;
  }
}
