import type { FilePartial } from './FilePartial.js';
import type { PartitionWinners } from './PartitionWinners.js';
import { KeyIndex, type KeyProbe } from './KeyIndex.js';
import { WinnerArena } from './WinnerArena.js';
import { EntryKeys } from './EntryKeys.js';
import { sameView } from './sameBytes.js';
import { sortTextKeys } from './sortTextKeys.js';

/** An entry's payload in its arena record: its order (a float64: two numbers), its input, its line. */
const PAYLOAD = 4;
const NO_PROBE = new DataView(new ArrayBuffer(0));
/** Rows whose entries add reads ahead at a time. */
const AHEAD = 16;

/**
 * Merges winners of many inputs into one partial: in a scan worker, those of
 * the key partition it owns, from every input of the run, so each key is
 * reduced once, on one core, and the main thread merges nothing. The rule is
 * the main thread's (greatest order; on an equal order the later input), each
 * winner keeping the index of its input, so parts may come in any order.
 * `take` hands the winners over once, at the end.
 */
export class PartialMerger implements KeyProbe {
  private index = new KeyIndex(1024);
  // Chunks over 32 MB: glibc maps each on its own (its largest dynamic threshold), so winners that live to the
  // end of the run never pin the small heaps the per-input buffers come and go in (measured at 10M rows: 330 MB less).
  // Compacted once superseded bytes reach a quarter of the live ones: at 10M rows about 100 MB less at the peak,
  // for about 0.3 s more copying per worker. Each entry's order (a float64), input and line are the payload of its
  // arena record (PAYLOAD), so the probe that compares keys has brought them into the cache too.
  private arena = new WinnerArena(33 << 20, 0.25, PAYLOAD);
  private probe: DataView = NO_PROBE;
  private probeStart = 0;
  private probeLength = 0;
  /** The entries of the next AHEAD rows' hashes (peekAll), and what reading ahead read (kept, so it is not optimized away). */
  private readonly ahead = new Int32Array(AHEAD);
  read = 0;

  get size(): number {
    return this.index.size;
  }

  /** How many times the winners' arena compacted, and how many chunks it made (for measurements). */
  arenaStats(): { compactions: number; chunksMade: number } {
    return { compactions: this.arena.compactions, chunksMade: this.arena.chunksMade };
  }

  /** Whether the entry's key is the one `add` probes for (KeyProbe). */
  isProbed(e: number): boolean {
    const arena = this.arena;
    return arena.keyLength(e) === this.probeLength && sameView(arena.viewOf(e), arena.keyStart(e), this.probe, this.probeStart, this.probeLength);
  }

  /** Merges the winners of one input (`file`), or of several (the partial's `files`). */
  add(partial: FilePartial, file = -1): void {
    const { data, hashes, orders, lines, keyLengths, rowLengths, files } = partial;
    this.probe = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let at = 0;
    let read = 0;
    for (let w = 0; w < partial.count; w++) {
      if (w % AHEAD === 0) read ^= this.readAhead(hashes, w, Math.min(partial.count, w + AHEAD));
      const keyLength = keyLengths[w]!;
      const rowLength = rowLengths[w]!;
      const order = orders[w]!;
      const from = files === undefined ? file : files[w]!;
      this.probeStart = at;
      this.probeLength = keyLength;
      let e = this.index.find(hashes[w]!, this);
      if (e < 0) e = this.index.add(hashes[w]!);
      else {
        const p = this.arena.payloadAt(e);
        const kept = this.arena.payloadFloats[p >> 1]!;
        if (order < kept || (order === kept && from < this.arena.payloadInts[p + 2]!)) {
          at += keyLength + rowLength;
          continue;
        }
      }
      this.arena.put(e, this.probe, at, keyLength, rowLength);
      const p = this.arena.payloadAt(e);
      this.arena.payloadFloats[p >> 1] = order;
      const ints = this.arena.payloadInts;
      ints[p + 2] = from;
      ints[p + 3] = lines[w]!;
      at += keyLength + rowLength;
    }
    this.probe = NO_PROBE;
    this.read ^= read;
  }

  /**
   * Reads the index slots, arena records and key bytes that rows from..to-1 will probe, each row's reads independent
   * of the others', so their cache misses overlap; probing row by row waits for each row's three misses in turn (the
   * slot, then the record it names, then the key bytes). Returns a number made of what it read.
   */
  private readAhead(hashes: Uint32Array, from: number, to: number): number {
    return this.index.peekAll(hashes, from, to, this.ahead) ^ this.arena.touch(this.ahead, 0, to - from, 'keys');
  }

  /**
   * The winners held, their bytes left in the arena's chunks (to be moved, not copied); the merger is not used after.
   * `sorted`: in key order (text keys, as sortTextKeys orders them), with their first eight key bytes, ranked.
   */
  take(sorted = false): PartitionWinners {
    const count = this.index.size;
    let order: Int32Array | undefined;
    let prefixes: PartitionWinners['sorted'];
    if (sorted) order = sortTextKeys(new EntryKeys(null, this.arena), 0, count, (p) => (prefixes = { hi: p.hi.slice(), lo: p.lo.slice() }));
    const hashes = new Uint32Array(count);
    const orders = new Float64Array(count);
    const files = new Int32Array(count);
    const lines = new Uint32Array(count);
    const chunkOf = new Int32Array(count);
    const offsetOf = new Uint32Array(count);
    const keyLengths = new Uint32Array(count);
    const rowLengths = new Uint32Array(count);
    const arena = this.arena;
    const ints = arena.payloadInts;
    const floats = arena.payloadFloats;
    // Entry by entry, each to its place in key order: reads in the order they lie, writes scattered, which at 10M
    // keys a worker takes in about half the time of reading entries at random in key order.
    const place = order === undefined ? null : new Int32Array(count);
    for (let w = 0; place !== null && w < count; w++) place[order![w]!] = w;
    for (let e = 0; e < count; e++) {
      const w = place === null ? e : place[e]!;
      hashes[w] = this.index.hashOf(e);
      const p = arena.payloadAt(e);
      orders[w] = floats[p >> 1]!;
      files[w] = ints[p + 2]!;
      lines[w] = ints[p + 3]!;
      chunkOf[w] = arena.chunkNumber(e);
      offsetOf[w] = arena.keyStart(e);
      keyLengths[w] = arena.keyLength(e);
      rowLengths[w] = arena.rowLength(e);
    }
    const bytes = { chunks: arena.chunkList, chunkOf, offsetOf, keyLengths, rowLengths };
    return { count, hashes, orders, files, lines, ...bytes, ...(prefixes ? { sorted: prefixes } : {}) };
  }
}
