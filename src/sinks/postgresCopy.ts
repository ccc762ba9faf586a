import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { loadOptional } from '../util/loadOptional.js';
import { quoteIdent as q } from './quoteIdent.js';
import type { SinkColumn } from './sinkColumns.js';

/** What COPY's text format escapes in a value. */
const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Loads rows into `table` (quoted, maybe schema-qualified) with one
 * `COPY ... FROM STDIN` in text format, `batchRows` rows per message. An
 * empty value is NULL and any other is its text, read by the column's type
 * as the server reads any literal: a value the type refuses fails the COPY,
 * and with it the transaction.
 */
export async function postgresCopy(client: Client, table: string, columns: readonly SinkColumn[], rows: readonly string[][], batchRows: number): Promise<void> {
  const { from } = await loadCopyStreams();
  const stream = client.query(from(`COPY ${table} (${columns.map((c) => q(c.name)).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(copyText(rows, columns.length, Math.max(1, batchRows))), stream);
}

/** The rows as COPY text, one chunk per `batchRows` rows. */
function* copyText(rows: readonly string[][], width: number, batchRows: number): Generator<string> {
  for (let start = 0; start < rows.length; start += batchRows) {
    const end = Math.min(rows.length, start + batchRows);
    let text = '';
    for (let r = start; r < end; r++) {
      const row = rows[r]!;
      for (let i = 0; i < width; i++) {
        const value = row[i] ?? '';
        if (i > 0) text += '\t';
        text += value === '' ? '\\N' : SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPED[c]!) : value;
      }
      text += '\n';
    }
    yield text;
  }
}

/** pg-copy-streams, optional like pg: installed only by those who publish to PostgreSQL. */
async function loadCopyStreams(): Promise<typeof import('pg-copy-streams')> {
  return loadOptional<typeof import('pg-copy-streams')>('pg-copy-streams', 'the postgres sink');
}
