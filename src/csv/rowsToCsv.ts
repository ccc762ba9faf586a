import { csvLine } from './csvLine.js';

/** CSV text of whole rows (the header is a row too): fields quoted by quoteCsvField, every line ending in LF. */
export function rowsToCsv(rows: readonly (readonly string[])[], delimiter = ','): string {
  let text = '';
  for (const row of rows) text += csvLine(row, delimiter) + '\n';
  return text;
}
