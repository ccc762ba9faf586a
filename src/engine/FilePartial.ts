import type { RowReject } from '../validation/Validator.js';

/**
 * What the byte engine makes of one input file: how many records it read, the
 * rows it rejected, and its winners, one per distinct key (the row with the
 * greatest timestamp order; on a tie the later record). What a scan worker
 * sends a partition's merger (RowRouter) is its valid rows instead, in file
 * order, several per key possible: the merger applies them one by one. Winners
 * are packed into one compact buffer, never a view of the file's bytes, so the
 * file can be dropped as soon as it is scanned.
 */
export interface FilePartial {
  /** Data records read (the header excluded), valid or not. */
  rows: number;
  /** Rejected rows, in file order, exactly as the reference Validator reports them. */
  rejects: RowReject[];
  /** Number of winners. */
  count: number;
  /** Per winner: hashKey() of its key bytes. */
  hashes: Uint32Array;
  /** Per winner: orderOf(timestamp type, canonical timestamp). */
  orders: Float64Array;
  /** Per winner: the 1-based line its record starts on (RawRow.line). */
  lines: Uint32Array;
  /** Per winner: the byte length of its key, then of its row, in `data`. */
  keyLengths: Uint32Array;
  rowLengths: Uint32Array;
  /**
   * For each winner in turn: its key bytes (UTF-8 of ValidRow.key, so a
   * composite key is encodeKey of its parts), then its row bytes: the
   * output line of the schema columns' canonical values, each written by
   * quoteCsvField and joined by ',', without the lineage column or a line end.
   */
  data: Uint8Array;
  /**
   * Per winner: the index of the input it came from, when the winners of
   * several inputs were merged into one partial (PartialMerger, in a worker);
   * absent: every winner is of the one input the partial is applied for.
   */
  files?: Int32Array;
}

/** A file the byte scanner leaves to the reference reader and validator, with why (logged at debug level). */
export interface ScanFallback {
  fallback: string;
  /** The input's bytes, handed back by a worker thread they were moved to. */
  bytes?: Uint8Array;
}
