import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { loadOptional } from '../util/loadOptional.js';
import { quoteIdent as q } from './quoteIdent.js';
import type { SinkColumn } from './sinkColumns.js';

/** What COPY's text format escapes in a value, and the letter it writes after a backslash. */
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const LETTER = new Uint8Array(128);
LETTER[0x5c] = 0x5c; // \ -> \\
LETTER[0x0a] = 0x6e; // newline -> \n
LETTER[0x0d] = 0x72; // carriage return -> \r
LETTER[0x09] = 0x74; // tab -> \t
/** Bytes per message sent to the server. */
const CHUNK = 1 << 20;

/**
 * Loads rows into `table` (quoted, maybe schema-qualified) with one
 * `COPY ... FROM STDIN` in text format, at most `batchRows` rows per message. An
 * empty value is NULL and any other is its text, read by the column's type
 * as the server reads any literal: a value the type refuses fails the COPY,
 * and with it the transaction.
 */
export async function postgresCopy(client: Client, table: string, columns: readonly SinkColumn[], rows: readonly string[][], batchRows: number): Promise<void> {
  const { from } = await loadCopyStreams();
  const stream = client.query(from(`COPY ${table} (${columns.map((c) => q(c.name)).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(copyText(rows, columns.length, Math.max(1, batchRows))), stream);
}

/**
 * The rows as COPY text in chunks of about CHUNK bytes (and at most
 * `batchRows` rows), written byte by byte into buffers: no string per row.
 */
function* copyText(rows: readonly string[][], width: number, batchRows: number): Generator<Buffer> {
  let buf = Buffer.allocUnsafe(CHUNK);
  let o = 0;
  let inChunk = 0;
  for (const row of rows) {
    for (let i = 0; i < width; i++) {
      const value = row[i] ?? '';
      // Worst case: every UTF-16 unit as 3 UTF-8 bytes, each escaped; plus separator and newline.
      const room = value.length * 6 + 4;
      if (o + room > buf.length) {
        if (o > 0) yield buf.subarray(0, o);
        buf = Buffer.allocUnsafe(Math.max(CHUNK, room));
        o = 0;
        inChunk = 0;
      }
      if (i > 0) buf[o++] = 0x09;
      o = value === '' ? writeNull(buf, o) : writeValue(buf, o, value);
    }
    buf[o++] = 0x0a;
    if (++inChunk >= batchRows) {
      yield buf.subarray(0, o);
      buf = Buffer.allocUnsafe(CHUNK);
      o = 0;
      inChunk = 0;
    }
  }
  if (o > 0) yield buf.subarray(0, o);
}

function writeNull(buf: Buffer, o: number): number {
  buf[o] = 0x5c;
  buf[o + 1] = 0x4e;
  return o + 2;
}

/** Writes one value's UTF-8 bytes at `o`, escaped; returns the end. ASCII is copied here, the rest of a value from its first other character by the encoder. */
function writeValue(buf: Buffer, o: number, value: string): number {
  const n = value.length;
  for (let j = 0; j < n; j++) {
    const c = value.charCodeAt(j);
    if (c >= 0x80) {
      const rest = value.slice(j).replace(SPECIALS, (s) => ESCAPED[s]!);
      return o + buf.write(rest, o, 'utf8');
    }
    const letter = LETTER[c]!;
    if (letter !== 0) {
      buf[o++] = 0x5c;
      buf[o++] = letter;
    } else buf[o++] = c;
  }
  return o;
}

/** pg-copy-streams, optional like pg: installed only by those who publish to PostgreSQL. */
async function loadCopyStreams(): Promise<typeof import('pg-copy-streams')> {
  return loadOptional<typeof import('pg-copy-streams')>('pg-copy-streams', 'the postgres sink');
}
