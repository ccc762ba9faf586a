import { injectable } from 'inversify';
import { parse } from 'csv-parse/sync';
import { DroplineError } from '../errors/DroplineError.js';
import type { RawRow, RawTable } from './Source.js';
import { sniffDelimiter } from './sniffDelimiter.js';

const BATCH = 8192;

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * Turns the bytes of a CSV input into a RawTable (csv-parse underneath): a UTF-8
 * BOM, CRLF or LF, quoted fields with delimiters, doubled quotes and line
 * breaks, blank lines. Records with the wrong number of fields are passed on
 * for the Validator to reject; text that is not UTF-8 CSV is SOURCE_UNREADABLE.
 */
@injectable()
export class CsvReader {
  read(bytes: Uint8Array, delimiter: string, name: string): Omit<RawTable, 'fingerprint'> {
    const text = decode(bytes, name);
    const chosen = delimiter === 'auto' ? sniffDelimiter(text) : delimiter;
    let records: ParsedRecord[];
    try {
      records = parse(text, {
        bom: true,
        delimiter: chosen,
        raw: true,
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
      }) as unknown as ParsedRecord[];
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new DroplineError('SOURCE_UNREADABLE', `${name}: not readable as CSV: ${why}`, { file: name }, { cause: err });
    }
    if (records.length === 0) return { header: [], rows: batches([]) };
    const [first, ...rest] = records;
    const rows: RawRow[] = rest.map(toRawRow);
    return { header: first!.record, rows: batches(rows) };
  }
}

function toRawRow(r: ParsedRecord): RawRow {
  const raw = r.raw.replace(/^[\r\n]+|[\r\n]+$/g, '');
  let breaks = 0;
  for (let i = raw.indexOf('\n'); i !== -1; i = raw.indexOf('\n', i + 1)) breaks++;
  return { line: r.info.lines - breaks, fields: r.record, raw };
}

async function* batches(rows: RawRow[]): AsyncIterable<RawRow[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array, name: string): string {
  if (bytes.includes(0)) {
    throw new DroplineError('SOURCE_UNREADABLE', `${name}: looks binary (it contains NUL bytes), not a CSV text file`, { file: name });
  }
  try {
    return utf8.decode(bytes);
  } catch (err) {
    throw new DroplineError('SOURCE_UNREADABLE', `${name}: is not UTF-8 text; re-save it as UTF-8 CSV`, { file: name }, { cause: err });
  }
}
