import { injectable } from 'inversify';
import { parse } from 'csv-parse/sync';
import type { CsvParserChoice, SourceEncoding } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { decodeText } from './decodeText.js';
import type { CsvTableReader } from './CsvTableReader.js';
import type { RawRow, RawTable } from './Source.js';
import { inBatches } from './inBatches.js';
import { parseCsvFast } from '../csv/parseCsvFast.js';
import { sniffDelimiter } from './sniffDelimiter.js';

interface ParsedRecord {
  record: string[];
  raw: string;
  /** Bytes read when the record ended (its line break included). */
  info: { bytes: number };
}

/**
 * Turns the bytes of a CSV input into a RawTable (csv-parse underneath): a UTF-8
 * BOM, CRLF or LF, quoted fields with delimiters, doubled quotes and line
 * breaks, blank lines. Records with the wrong number of fields are passed on
 * for the Validator to reject; text that is not CSV in `encoding` (see
 * decodeText) is SOURCE_UNREADABLE. Text is decoded first, so the fast reader
 * serves every encoding; csv-parse is given it as UTF-8.
 */
@injectable()
export class CsvReader implements CsvTableReader {
  read(bytes: Uint8Array, delimiter: string, name: string, parser: CsvParserChoice = 'auto', encoding: SourceEncoding = 'utf-8'): Omit<RawTable, 'fingerprint'> {
    const decoded = decodeText(bytes, encoding, name);
    const text = decoded.text;
    const chosen = delimiter === 'auto' ? sniffDelimiter(text) : delimiter;
    const fast = parser === 'auto' ? parseCsvFast(text, chosen) : null;
    if (fast !== null) {
      if (fast.length === 0) return { header: [], rows: inBatches([]) };
      return { header: fast[0]!.fields, rows: inBatches(fast.slice(1)) };
    }
    return this.readWithCsvParse(decoded.encoding === 'utf-8' ? bytes : Buffer.from(text, 'utf8'), chosen, delimiter, name);
  }

  /** The full csv-parse reader: every dialect quirk, and the exact error when the text is not CSV. */
  readWithCsvParse(bytes: Uint8Array, chosen: string, delimiter: string, name: string): Omit<RawTable, 'fingerprint'> {
    let records: ParsedRecord[];
    try {
      records = parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
        bom: true,
        delimiter: chosen,
        // Every common line end, also mixed in one file (auto-detection would keep a CR inside values).
        record_delimiter: ['\r\n', '\n', '\r'],
        raw: true,
        info: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
      }) as unknown as ParsedRecord[];
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const hint = delimiter === 'auto' ? '' : ` (is the delimiter "${delimiter === '\t' ? '\\t' : delimiter}" right? source.delimiter: auto sniffs it)`;
      throw new DroplineError('SOURCE_UNREADABLE', `not readable as CSV: ${why}${hint}`, { file: name }, { cause: err });
    }
    if (records.length === 0) return { header: [], rows: inBatches([]) };
    const lineAt = lineCounter(bytes);
    let end = 0;
    const rows: RawRow[] = records.map((r) => {
      let start = end;
      while (start < bytes.length && (bytes[start] === 0x0d || bytes[start] === 0x0a)) start++;
      end = r.info.bytes;
      return { line: lineAt(start), fields: r.record, raw: r.raw.replace(/^[\r\n]+|[\r\n]+$/g, '') };
    });
    const [first, ...rest] = rows;
    return { header: first!.fields, rows: inBatches(rest) };
  }
}

/** 1-based line of a byte offset, for offsets asked in increasing order (LF and CRLF both end a line). */
function lineCounter(bytes: Uint8Array): (offset: number) => number {
  let line = 1;
  let at = 0;
  return (offset) => {
    for (; at < offset && at < bytes.length; at++) if (bytes[at] === 0x0a) line++;
    return line;
  };
}
