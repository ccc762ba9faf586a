// One worker of docs/scaling.md's plan, in its own process (two of them run at once as two workers would):
//   node build/bench/scalingCopy.js <database url> <staging table> <ordinal>:<file>...
// COPYs each whole file's rows into the staging table as (file, line, id, description, timestamp): the file's
// ordinal (given by the catalog: later files, and every file of a later run, get greater ones) and the row's line
// number (the header is line 1), so the merge can order ties as dropline does. A real worker would COPY the rows its
// validator accepted, with the line its record starts on as the scanner counts it; here every row of the bench's
// drops is valid, none holds a quoted line break (so lines are counted by newline) and the bytes go through as they are.
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Prefixes each data line with `<ordinal>,<line>,` (latin1 in, latin1 out: every byte goes through unchanged). */
class LineNumbers extends Transform {
  private rest = '';
  private line = 0;

  constructor(private readonly ordinal: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const text = this.rest + chunk.toString('latin1');
    const end = text.lastIndexOf('\n');
    this.rest = text.slice(end + 1);
    done(null, end < 0 ? undefined : Buffer.from(this.number(text.slice(0, end + 1)), 'latin1'));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.rest === '' ? undefined : Buffer.from(this.number(this.rest + '\n'), 'latin1'));
  }

  /** Numbers the complete lines of `text` (which ends with a newline), dropping the header. */
  private number(text: string): string {
    const out: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; start = nl + 1, nl = text.indexOf('\n', start)) {
      this.line++;
      if (this.line > 1) out.push(`${this.ordinal},${this.line},`, text.slice(start, nl + 1));
    }
    return out.join('');
  }
}

const [url, table, ...inputs] = process.argv.slice(2);
const client = new pg.Client({ connectionString: url });
await client.connect();
let rows = 0;
try {
  for (const input of inputs) {
    const at = input.indexOf(':');
    const stream = client.query(copyFrom(`COPY ${table} (file, line, id, description, "timestamp") FROM STDIN (FORMAT csv)`));
    await pipeline(createReadStream(input.slice(at + 1), { highWaterMark: 1 << 20 }), new LineNumbers(Number(input.slice(0, at))), stream);
    rows += Number(stream.rowCount);
  }
} finally {
  await client.end();
}
console.log(JSON.stringify({ rows }));
