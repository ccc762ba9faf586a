/**
 * The rows of the previous latest.csv as the byte engine holds them: offsets
 * into its bytes (never copied), and per row its key's place, hash and
 * timestamp order. Read from the index written with it, or by scanning it.
 */
export interface PreviousLatest {
  /** latest.csv's bytes. */
  bytes: Uint8Array;
  rows: number;
  /** rows + 1 offsets: where each line starts; line i ends (LF excluded) at lineStarts[i + 1] - 1. */
  lineStarts: Uint32Array;
  /**
   * Per row its key's hash and its timestamp's order; null from the index of a text-key table, which needs
   * neither at hand (its keys are matched in key order, not by hash; a row's order is read from its line when its
   * key comes again: previousOrder).
   */
  hashes: Uint32Array | null;
  orders: Float64Array | null;
  /** Where a key's bytes start: below bytes.length, in `bytes` (a plain field); from there on, in `blob`. */
  keyStarts: Float64Array;
  keyLengths: Uint32Array;
  blob: Uint8Array;
  /** Whether the rows are in key order, each key greater than the one before. */
  inOrder: boolean;
}
