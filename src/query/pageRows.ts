export interface RowRange {
  /** Indexes of the rows on this page. */
  indexes: number[];
  /** Index of the first matching row after the page, or null when there is none. */
  next: number | null;
}

/**
 * Up to `limit` matching rows from `candidates` (row indexes, ascending), and
 * where the next match is, so a page ends with no cursor exactly when nothing
 * follows. Scans on past the page only until that next match.
 */
export function pageRows(rows: readonly string[][], candidates: Iterable<number>, match: (row: readonly string[]) => boolean, limit: number): RowRange {
  const indexes: number[] = [];
  for (const i of candidates) {
    if (!match(rows[i]!)) continue;
    if (indexes.length === limit) return { indexes, next: i };
    indexes.push(i);
  }
  return { indexes, next: null };
}
