import type { RawRow } from '../sources/Source.js';
import { RecordScanner } from './RecordScanner.js';

/**
 * The scanner's current record as parseCsvFast gives it: its line, its fields
 * as strings (doubled quotes of quoted fields written once) and its raw text
 * without the line end. `text` is a Buffer over the scanner's bytes.
 */
export function decodeRecord(scanner: RecordScanner, text: Buffer): RawRow {
  const fields = new Array<string>(scanner.count);
  for (let f = 0; f < scanner.count; f++) {
    const value = text.toString('utf8', scanner.starts[f], scanner.ends[f]);
    fields[f] = (scanner.flags[f]! & RecordScanner.ESCAPED) !== 0 ? value.replaceAll('""', '"') : value;
  }
  return { line: scanner.line, fields, raw: text.toString('utf8', scanner.start, scanner.end) };
}
