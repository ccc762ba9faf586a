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
  hashes: Uint32Array;
  orders: Float64Array;
  /** Where a key's bytes start: below bytes.length, in `bytes` (a plain field); from there on, in `blob`. */
  keyStarts: Float64Array;
  keyLengths: Uint32Array;
  blob: Uint8Array;
  /** Whether the rows are in key order, each key greater than the one before. */
  inOrder: boolean;
}
