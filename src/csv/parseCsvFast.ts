import type { RawRow } from '../sources/Source.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * A fast CSV reader for the common case, giving exactly what the csv-parse
 * settings in CsvReader give: BOM dropped, LF or CRLF, blank lines skipped,
 * RFC 4180 quoting (doubled quotes, delimiters and line breaks inside quotes),
 * `line` = the line a record starts on, `raw` = its text without the line end.
 * Lines without quotes are split natively. Anything unusual (a quote inside an
 * unquoted field, text after a closing quote, a quote never closed, a lone CR)
 * returns null, and the caller falls back to csv-parse for the whole input.
 */
export function parseCsvFast(text: string, delimiter: string): RawRow[] | null {
  const rows: RawRow[] = [];
  const length = text.length;
  const delim = delimiter.charCodeAt(0);
  if (delimiter.length !== 1) return null;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? length : nl;
    const lineEnd = end > pos && text.charCodeAt(end - 1) === CR ? end - 1 : end;
    if (lineEnd === pos) {
      pos = end + 1;
      line++;
      continue;
    }
    const segment = text.slice(pos, lineEnd);
    if (segment.indexOf('"') === -1) {
      if (segment.indexOf('\r') !== -1) return null;
      rows.push({ line, fields: segment.split(delimiter), raw: segment });
      pos = end + 1;
      line++;
      continue;
    }
    const record = quotedRecord(text, pos, delim);
    if (record === null) return null;
    rows.push({ line, fields: record.fields, raw: text.slice(pos, record.end) });
    line += record.breaks + 1;
    pos = record.next;
  }
  return rows;
}

/** Reads one record that has quotes, starting at `start`. */
function quotedRecord(text: string, start: number, delim: number): { fields: string[]; end: number; next: number; breaks: number } | null {
  const fields: string[] = [];
  const length = text.length;
  let i = start;
  let breaks = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) return null;
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) breaks++;
      fields.push(value);
    } else {
      let j = i;
      while (j < length) {
        const c = text.charCodeAt(j);
        if (c === delim || c === LF || c === CR) break;
        if (c === QUOTE) return null;
        j++;
      }
      fields.push(text.slice(i, j));
      i = j;
    }
    const c = i < length ? text.charCodeAt(i) : -1;
    if (c === delim) {
      i++;
      continue;
    }
    if (c === -1) return { fields, end: i, next: i, breaks };
    if (c === LF) return { fields, end: i, next: i + 1, breaks };
    if (c === CR && text.charCodeAt(i + 1) === LF) return { fields, end: i, next: i + 2, breaks };
    return null;
  }
}
