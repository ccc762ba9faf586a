import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { csvLine } from '../csv/csvLine.js';
import { DroplineError } from '../errors/DroplineError.js';
import type { CsvTableReader } from '../sources/CsvTableReader.js';
import type { RawRow, RawTable, Source, SourceInput } from '../sources/Source.js';
import { inBatches } from '../sources/inBatches.js';
import { sha256 } from '../util/sha256.js';
import type { RowOrigin } from './RejectsWorklist.js';

/**
 * A fix file (`dropline rejects export`, corrected) as a one-input Source, so a
 * replay is a run like any other. Its `file` and `line` columns say which
 * rejects each row fixes: they are taken off before validation and handed,
 * once the replay's snapshot is committed, to `acknowledged`. The file itself
 * is the user's: it is never moved, archived or deleted.
 */
export class ReplaySource implements Source {
  readonly input: SourceInput;
  private origins: RowOrigin[] = [];
  private fingerprint = '';

  constructor(
    path: string,
    private readonly csv: CsvTableReader,
    /** The schema's column names (a column named `file` or `line` stays a column). */
    private readonly columns: readonly string[],
    private readonly acknowledged: (origins: RowOrigin[], sha256: string) => Promise<void>,
  ) {
    this.input = { name: basename(path), location: path };
  }

  async list(): Promise<SourceInput[]> {
    return [this.input];
  }

  /** The whole file is read here (fix files are small): the rows without their `file` and `line` fields, re-joined as their raw text. */
  async open(input: SourceInput): Promise<RawTable> {
    let bytes: Buffer;
    try {
      bytes = await readFile(input.location);
    } catch (err) {
      throw new DroplineError('SOURCE_UNREADABLE', `cannot read ${input.location}: ${(err as Error).message}`, { file: input.name }, { cause: err });
    }
    this.fingerprint = sha256(bytes);
    const table = this.csv.read(bytes, 'auto', input.name);
    const fileAt = this.originColumn(table.header, 'file');
    const lineAt = this.originColumn(table.header, 'line');
    const keep = (fields: string[]) => fields.filter((_, i) => i !== fileAt && i !== lineAt);
    const rows: RawRow[] = [];
    this.origins = [];
    for await (const batch of table.rows)
      for (const row of batch) {
        const fields = keep(row.fields);
        rows.push({ line: row.line, fields, raw: csvLine(fields) });
        const line = Number(row.fields[lineAt] ?? '');
        if (fileAt >= 0 && lineAt >= 0 && row.fields[fileAt] && Number.isInteger(line) && line > 0) this.origins.push({ file: row.fields[fileAt], line });
      }
    return { fingerprint: this.fingerprint, header: keep(table.header), rows: inBatches(rows) };
  }

  /** Committed (or skipped: already replayed): the rejects the rows carried are closed. Nothing is moved. */
  async acknowledge(): Promise<void> {
    await this.acknowledged(this.origins, this.fingerprint);
  }

  /** An unusable fix file stays where it is: the replay reports it (the runner's summary names it). */
  async quarantine(): Promise<void> {}

  /** The last header with this name, unless the schema has a column of that name and it is the only one. */
  private originColumn(header: string[], name: string): number {
    const at = header.lastIndexOf(name);
    if (at < 0) return -1;
    return this.columns.includes(name) && header.indexOf(name) === at ? -1 : at;
  }
}
