import { STOP_WINDOW, StopFinder } from './StopFinder.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const COMMA = 44;
/** Scanners made in this thread: each scanner's number, which the thread's StopFinder notes as the owner of its window. */
let scanners = 0;

/**
 * Reads CSV records out of UTF-8 bytes exactly as parseCsvFast reads the same
 * text, without making a string: per record its field boundaries (the value's
 * bytes, inside the quotes for a quoted field), the byte range of its raw text
 * (without the line end) and the line it starts on, counted as parseCsvFast
 * counts (blank lines and line feeds inside quoted values included). Where
 * parseCsvFast would return null (a quote inside an unquoted value, text after
 * a closing quote, a quote never closed, a lone CR), `failure` says why and
 * the caller hands the whole input to the reference reader. Multi-byte UTF-8
 * characters never hold an ASCII byte, so bytes split where characters do.
 */
export class RecordScanner {
  /** Field flag: the field was quoted. */
  static readonly QUOTED = 1;
  /** Field flag: the value holds a quote, a comma, a CR or a LF (quoteCsvField quotes it). Set for quoted fields only. */
  static readonly NEEDS_QUOTES = 2;
  /** Field flag: the value holds a quote, written doubled in the field. */
  static readonly ESCAPED = 4;

  /** Per field of the current record: where its value starts and ends in `bytes`, and its flags. */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  flags = new Uint8Array(64);
  /** Fields in the current record. */
  count = 0;
  /** The current record's raw text is `bytes[start..end)`. */
  start = 0;
  end = 0;
  /** The 1-based line the current record starts on. */
  line = 0;
  /** Why the input cannot be read this way (empty while it can). */
  failure = '';

  private pos: number;
  private nextLine = 1;
  /**
   * The bytes that end an unquoted value (the delimiter, LF, CR, and a quote: an error there), found a window at a
   * time (StopFinder): the window's stops are `finder.stops[stopNext..found)`, from `windowStart`; it ends at `windowEnd`.
   */
  private readonly finder = StopFinder.shared();
  private readonly id = ++scanners;
  private stopNext = 0;
  private found = 0;
  private windowStart = 0;
  private windowEnd = 0;

  /** `delimiter`: an ASCII byte other than a quote, CR or LF (ScanPlan leaves other dialects to the reference reader). */
  constructor(
    readonly bytes: Uint8Array,
    private readonly delimiter: number,
    start = 0,
  ) {
    if (!(Number.isInteger(delimiter) && delimiter >= 0 && delimiter < 128) || delimiter === QUOTE || delimiter === LF || delimiter === CR)
      throw new RangeError(`RecordScanner: the delimiter ${delimiter} is not an ASCII separator`);
    this.pos = start;
  }

  /** Where the first stop byte at or after `i` is, or the input's length when none is (`i` never less than the last call's). */
  private stopFrom(i: number): number {
    const n = this.bytes.length;
    // Another scanner used the thread's finder since: its window is scanned again from i.
    if (this.finder.owner !== this.id) this.found = this.windowEnd = 0;
    for (;;) {
      const stops = this.finder.stops;
      while (this.stopNext < this.found) {
        const at = this.windowStart + stops[this.stopNext]!;
        if (at >= i) return at;
        this.stopNext++;
      }
      // No stop at or after i in the window: the next window starts where it ended (i only grows, call after call).
      const from = Math.max(i, this.windowEnd);
      if (from >= n) return n;
      const length = Math.min(STOP_WINDOW, n - from);
      this.found = this.finder.scan(this.id, this.bytes, from, length, this.delimiter);
      this.stopNext = 0;
      this.windowStart = from;
      this.windowEnd = from + length;
    }
  }

  /**
   * Reads the next record: true when there is one; false at the end of the input or on a failure.
   * The end of the input stores nothing that a record does not store too: code compiled while the
   * first input was read would be deoptimized by a first store at its end.
   */
  next(): boolean {
    const b = this.bytes;
    const n = b.length;
    const d = this.delimiter;
    let i = this.pos;
    let line = this.nextLine;
    for (;;) {
      // Blank lines to the end: nothing left (pos stays, so a next call finds the same).
      if (i >= n) return false;
      const c = b[i];
      if (c === LF) i++;
      else if (c === CR && (i + 1 === n || b[i + 1] === LF)) i += 2;
      else break;
      line++;
    }
    this.start = i;
    this.line = line;
    let count = 0;
    let quoted = false;
    let breaks = 0;
    for (;;) {
      if (count === this.flags.length) this.grow();
      if (b[i] === QUOTE) {
        quoted = true;
        let flag = RecordScanner.QUOTED;
        const s = i + 1;
        let j = s;
        for (;;) {
          if (j >= n) return this.fail('a quoted value is never closed');
          const c = b[j];
          if (c === QUOTE) {
            if (b[j + 1] !== QUOTE) break;
            flag |= RecordScanner.ESCAPED | RecordScanner.NEEDS_QUOTES;
            j += 2;
            continue;
          }
          if (c === LF) {
            breaks++;
            flag |= RecordScanner.NEEDS_QUOTES;
          } else if (c === CR || c === COMMA) flag |= RecordScanner.NEEDS_QUOTES;
          j++;
        }
        this.starts[count] = s;
        this.ends[count] = j;
        this.flags[count++] = flag;
        i = j + 1;
      } else {
        const s = i;
        i = this.stopFrom(i);
        if (b[i] === QUOTE) return this.fail('a quote inside an unquoted value');
        this.starts[count] = s;
        this.ends[count] = i;
        this.flags[count++] = 0;
      }
      let after = n;
      if (i < n) {
        const c = b[i];
        if (c === d) {
          i++;
          continue;
        }
        if (c === LF) after = i + 1;
        else if (c === CR && b[i + 1] === LF) after = i + 2;
        // parseCsvFast takes a CR ending the input as a line end, unless the record has quotes.
        else if (c === CR && i + 1 === n && !quoted) after = n;
        else if (c === CR) return this.fail('a carriage return without a line feed');
        else return this.fail('text after a closing quote');
      }
      this.end = i;
      this.pos = after;
      break;
    }
    this.count = count;
    this.nextLine = line + breaks + 1;
    return true;
  }

  private fail(why: string): false {
    this.failure = `${why} (line ${this.line})`;
    // A call after a failure starts again at the record (pos stays): its stops are found again from there.
    this.found = this.windowEnd = 0;
    return false;
  }

  private grow(): void {
    const size = this.flags.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const flags = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    flags.set(this.flags);
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
  }
}
