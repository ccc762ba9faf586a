import { DroplineError } from '../errors/DroplineError.js';
import { nearest } from '../util/didYouMean.js';

/**
 * A predicate keeping the rows whose columns equal the given values (all of
 * them; values compare as the canonical text latest.csv holds, e.g. dates as
 * YYYY-MM-DD). A column the table does not have is a USAGE error naming them.
 */
export function rowFilter(columnIndex: ReadonlyMap<string, number>, where: ReadonlyMap<string, string>, what: string): (row: readonly string[]) => boolean {
  const tests: [number, string][] = [];
  for (const [column, value] of where) {
    const index = columnIndex.get(column);
    if (index === undefined) {
      const columns = [...columnIndex.keys()];
      const guess = nearest(column, columns);
      throw new DroplineError('USAGE', `"${column}" is not a column of ${what}${guess ? `; did you mean "${guess}"?` : ''} (columns: ${columns.join(', ')})`, { key: column });
    }
    tests.push([index, value]);
  }
  if (tests.length === 0) return () => true;
  return (row) => tests.every(([i, value]) => (row[i] ?? '') === value);
}
