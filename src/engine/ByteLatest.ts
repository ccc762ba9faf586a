import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { quoteCsvField } from '../csv/quoteCsvField.js';
import { keyComparator } from '../merge/keyComparator.js';
import { ByteLatestOutput } from './ByteLatestOutput.js';
import type { ByteMergeResult } from './ByteMergeResult.js';
import { viewOf } from './copyBytes.js';
import { EntryKeys } from './EntryKeys.js';
import type { FilePartial } from './FilePartial.js';
import { growArray } from './growArray.js';
import { KeyIndex, type KeyProbe } from './KeyIndex.js';
import { latestLayout, type LatestLayout } from './LatestLayout.js';
import { orderEntries } from './orderEntries.js';
import { SortedRuns } from './SortedRuns.js';
import { packPartition, type PartitionWinners } from './PartitionWinners.js';
import type { PreviousLatest } from './PreviousLatest.js';
import { previousOrder } from './previousOrder.js';
import { readLatestIndex } from './readLatestIndex.js';
import { sameLine } from './sameLine.js';
import { scanLatest } from './scanLatest.js';
import { WinnerArena } from './WinnerArena.js';

/** Sizes to start from (tests use tiny ones to exercise growth and compaction). */
export interface ByteLatestTuning {
  /** Bytes per winner arena chunk (default 4 MB). */
  chunkSize?: number;
  /** Keys the arrays and index are first sized for (default 1024). */
  expectedKeys?: number;
  /** Bytes per chunk of latest.csv's output (default 1 MB). */
  outputChunkSize?: number;
}

/**
 * The latest row per key on bytes, on the main thread: the previous latest.csv (read from its index, or scanned) and
 * then each file's partial winners, in merge order, with LatestRowMerger's rule (greatest order wins; on a tie the
 * later file). Per-key state lives in typed arrays; winners' bytes in an arena; previous rows stay offsets into the
 * previous latest.csv's bytes.
 */
export class ByteLatest implements KeyProbe {
  private readonly layout: LatestLayout;
  private readonly compareParts: (a: string[], b: string[]) => number;
  private prev: PreviousLatest | null = null;
  private keyIndex: KeyIndex | null = null;
  private readonly arena: WinnerArena;
  private keys: EntryKeys;
  /** Per entry from `base` on: its order, the file index of its winner (-1: the previous row as it stood) and its record line (0: none). */
  private orders: Float64Array;
  private files: Int32Array;
  private lines: Uint32Array;
  private count = 0;
  private loaded = 0;
  /** Per file index: the bytes its lineage adds to a line (',' + the quoted file name), or none. */
  private readonly suffixes: Uint8Array[] = [];
  private readonly names: string[] = [];
  private probeBytes: Uint8Array = new Uint8Array(0);
  private probeStart = 0;
  private probeLength = 0;
  /** Per entry taken from a partition before the index was built: its key hash. */
  private hashes = new Uint32Array(0);
  /** Whether every entry so far came from whole key partitions (adoptPartition), and which. */
  private onlyPartitions = true;
  private readonly adopted = new Set<number>();
  /** Partitions taken already in key order (text keys), to merge instead of sorting their entries. */
  private readonly sortedRuns = new SortedRuns();
  /** The entry the key index numbers 0: `loaded` when the previous keys (sorted text) are not indexed, only matched as they are ordered. */
  private base = 0;

  constructor(
    definition: PipelineDefinition,
    private readonly tuning: ByteLatestTuning = {},
  ) {
    this.layout = latestLayout(definition);
    this.compareParts = keyComparator(definition);
    this.arena = new WinnerArena(tuning.chunkSize);
    this.keys = new EntryKeys(null, this.arena);
    this.orders = new Float64Array(tuning.expectedKeys ?? 1024);
    this.files = new Int32Array(tuning.expectedKeys ?? 1024);
    this.lines = new Uint32Array(tuning.expectedKeys ?? 1024);
  }

  /**
   * Starts from the previous latest.csv (and the index written with it; null:
   * none). Returns false when the reference engine must do the run: its header
   * is not this run's columns, or a line is not as dropline writes it (or has
   * a key twice). Without a usable index, scans the bytes.
   */
  loadPrevious(latest: Uint8Array, index: Uint8Array | null): boolean {
    this.keyIndex = null; // called again, on the snapshot's own content, when latest.csv fails its check
    const header = this.layout.header;
    if (latest.length >= 2 ** 32 - 1 || latest.length < header.length) return false;
    for (let i = 0; i < header.length; i++) if (latest[i] !== header[i]) return false;
    const prev = (index && readLatestIndex(index, latest, this.layout)) || scanLatest(latest, this.layout, this.compareParts);
    if (prev === null) return false;
    this.prev = prev;
    this.keys = new EntryKeys(prev, this.arena);
    this.count = this.loaded = prev.rows;
    this.base = prev.inOrder && this.layout.textKey ? prev.rows : 0;
    // Previous keys that are not looked up leave the run's partitions free to go in without a lookup too.
    this.onlyPartitions = this.base > 0;
    this.arena.startAt(this.base);
    this.grow(prev.rows);
    // (Without `base`, a table read with its orders: an index leaves them out only for text keys in order.)
    if (this.base < prev.rows) this.orders.set(prev.orders!.subarray(this.base, prev.rows));
    this.files.fill(-1, 0, prev.rows - this.base);
    // Rows out of key order may hold a key twice, which only the reference engine resolves as it does.
    return prev.inOrder || this.indexKeys(true);
  }

  /** Builds the key index over the previous rows now (else the first lookup does): while worker threads scan. */
  prepareLookups(): void {
    if (this.keyIndex === null && this.prev !== null) this.indexKeys(false);
  }

  /** The lineage value of an input, by its index (applyPartial names the input it is given itself). */
  nameFile(fileIndex: number, fileName: string): void {
    this.names[fileIndex] = fileName;
    this.suffixes[fileIndex] = this.layout.lineage === undefined ? new Uint8Array(0) : Buffer.from(',' + quoteCsvField(fileName), 'utf8');
  }

  /**
   * Merges winners: one input's (fileIndex; its name is the lineage value), or
   * several inputs' merged in a worker (`partial.files`, named by nameFile).
   * A winner replaces the kept row unless its order is smaller, or equal and
   * from an earlier input: the reference rule, whatever order partials come in.
   */
  applyPartial(partial: FilePartial, fileIndex = -1, fileName?: string): void {
    if (this.keyIndex === null) this.indexKeys(false);
    const keyIndex = this.keyIndex!;
    this.onlyPartitions = false;
    if (fileName !== undefined) this.nameFile(fileIndex, fileName);
    const { data, hashes, orders, lines, keyLengths, rowLengths, files } = partial;
    const base = this.base;
    const view = viewOf((this.probeBytes = data));
    let at = 0;
    for (let w = 0; w < partial.count; w++) {
      const keyLength = keyLengths[w]!;
      const rowLength = rowLengths[w]!;
      const order = orders[w]!;
      const file = files === undefined ? fileIndex : files[w]!;
      this.probeStart = at;
      this.probeLength = keyLength;
      let e = keyIndex.find(hashes[w]!, this) + base;
      if (e < base) {
        e = keyIndex.add(hashes[w]!) + base;
        this.count = e + 1;
        if (e - base >= this.orders.length) this.grow(e + 1);
      } else if (order < this.orders[e - base]! || (order === this.orders[e - base]! && file < this.files[e - base]!)) {
        at += keyLength + rowLength;
        continue;
      }
      this.orders[e - base] = order;
      this.files[e - base] = file;
      this.lines[e - base] = lines[w]!;
      this.arena.put(e, view, at, keyLength, rowLength);
      at += keyLength + rowLength;
    }
    this.probeBytes = new Uint8Array(0);
  }

  /**
   * Merges a worker's key partition (every winner of its keys in this run, each with its input). Partitions never share a key, so while the
   * state holds nothing but other partitions (and previous rows only matched in order: `base`), its winners are added without a lookup, their
   * bytes left in the worker's chunks (a partition in key order noted as a sorted run): true; else packed and merged row by row: false.
   */
  adoptPartition(winners: PartitionWinners, partition: number): boolean {
    if (!this.onlyPartitions || this.adopted.has(partition)) {
      this.applyPartial(packPartition(winners));
      return false;
    }
    this.adopted.add(partition);
    const { count, hashes, orders, files, lines, chunkOf, offsetOf, keyLengths, rowLengths } = winners;
    const from = this.count;
    // The key index, built from these hashes if ever needed, numbers the run's entries from `base`.
    this.hashes = growArray(this.hashes, from + count);
    this.grow(from + count);
    const base = this.arena.adoptChunks(winners.chunks);
    this.arena.reserve(from + count - 1);
    for (let w = 0; w < count; w++) {
      const e = from + w;
      this.hashes[e] = hashes[w]!;
      this.orders[e - this.base] = orders[w]!;
      this.files[e - this.base] = files[w]!;
      this.lines[e - this.base] = lines[w]!;
      this.arena.point(e, base + chunkOf[w]!, offsetOf[w]!, keyLengths[w]!, rowLengths[w]!);
    }
    this.keyIndex?.addAll(this.hashes, from, from + count);
    this.count = from + count;
    if (winners.sorted) this.sortedRuns.add(from, winners.sorted.hi, winners.sorted.lo);
    return true;
  }

  /** Whether partitions are worth taking in key order: text keys, the previous rows (if any) in order, only partitions so far. */
  get sortsPartitions(): boolean {
    return this.onlyPartitions && this.layout.textKey && (this.prev?.inOrder ?? true);
  }

  /** Whether the entry's key is the one probed for (KeyProbe; the index numbers entries from `base`). */
  isProbed(e: number): boolean {
    return this.keys.equals(e + this.base, this.probeBytes, this.probeStart, this.probeLength);
  }

  /** How many times the winners' arena compacted (for tests and measurements). */
  get arenaCompactions(): number {
    return this.arena.compactions;
  }

  finish(): ByteMergeResult {
    const layout = this.layout;
    const replaces = this.base > 0 ? new Int32Array(this.count - this.loaded).fill(-1) : null;
    const same = replaces !== null ? (previous: number, fresh: number) => this.takeOver(previous, fresh, replaces) : undefined;
    const fresh = layout.textKey ? this.sortedRuns.merged(this.keys, this.loaded, this.count) : undefined;
    const order = orderEntries(this.keys, this.loaded, this.count, this.prev?.inOrder ?? true, layout.textKey, layout.keyIndexes.length, this.compareParts, same, fresh);
    const { keyIndex, prev, loaded, base, arena, keys, files, lines, orders, suffixes, names } = this;
    const hashOf = (e: number): number => (keyIndex !== null && e >= base ? keyIndex.hashOf(e - base) : e < loaded ? prev!.hashes![e]! : this.hashes[e]!);
    return new ByteLatestOutput({ layout, prev, base, arena, keys, order, files, lines, orders, suffixes, names, hashOf, replaces, outputChunkSize: this.tuning.outputChunkSize });
  }

  /** The entry written where a previous row's key came again: the new winner (noted in `replaces`) unless older or the same line. */
  private takeOver(previous: number, fresh: number, replaces: Int32Array): number {
    const at = fresh - this.base;
    if (this.orders[at]! < previousOrder(this.prev!, this.layout, previous) || sameLine(this.prev!, previous, this.arena, fresh, this.suffixes[this.files[at]!]!)) return previous;
    replaces[fresh - this.loaded] = previous;
    return fresh;
  }

  /** Sizes the per-entry arrays for `entries` entries (those from `base` on). */
  private grow(entries: number): void {
    this.orders = growArray(this.orders, entries - this.base);
    this.files = growArray(this.files, entries - this.base);
    this.lines = growArray(this.lines, entries - this.base);
  }

  /** Builds the key index (3/4 full at most) over the previous rows unless `base`, and adopted partitions; `unique`: false at a previous key seen twice. */
  private indexKeys(unique: boolean): boolean {
    const keyIndex = new KeyIndex(this.base > 0 ? 1024 : Math.max(this.tuning.expectedKeys ?? 1024, this.count), 0.75);
    const prev = this.prev;
    if (unique) {
      for (let e = 0; e < this.loaded; e++) {
        const hash = prev!.hashes![e]!;
        this.probeBytes = this.keys.bytes(e);
        this.probeStart = this.keys.start(e);
        this.probeLength = this.keys.length(e);
        if (keyIndex.find(hash, this) >= 0) return false;
        keyIndex.add(hash);
      }
    } else if (prev !== null && this.base === 0) keyIndex.addAll(prev.hashes!, 0, this.loaded);
    keyIndex.addAll(this.hashes, this.loaded, this.count);
    this.keyIndex = keyIndex;
    return true;
  }
}
