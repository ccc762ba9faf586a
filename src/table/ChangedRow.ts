/**
 * A row a run inserted or changed, with where it came from: one record of the
 * run's changeset. Engines yield them in key order (latest.csv's order). A row
 * (and its `line`) is valid until the next one is taken: an engine may reuse
 * one object and buffer for all, so a consumer copies what it keeps.
 */
export interface ChangedRow {
  /** The row's line in the new latest.csv: UTF-8, lineage value included, without its line end. */
  line: Uint8Array;
  /** The input the row came from ('' when the merger cannot say). */
  file: string;
  /** The 1-based line its record starts on in that input, as the rejects file counts lines (0: unknown). */
  fileLine: number;
}
