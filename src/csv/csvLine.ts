import { quoteCsvField } from './quoteCsvField.js';

/** One row as a CSV line, without its line end: each field quoted by quoteCsvField, joined by the delimiter. What every dropline writer writes per row. */
export function csvLine(row: readonly string[], delimiter = ','): string {
  let line = quoteCsvField(row[0] ?? '', delimiter);
  for (let i = 1; i < row.length; i++) line += delimiter + quoteCsvField(row[i]!, delimiter);
  return line;
}
