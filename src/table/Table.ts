/** A whole table as dropline writes it: column names and rows of canonical text. Shared by merge, snapshots, query and sinks. */
export interface Table {
  columns: string[];
  rows: string[][];
  /** Optional: the exact CSV text of `rows[i]` when already known (read from the previous latest.csv), written verbatim. */
  lines?: (string | undefined)[];
}
