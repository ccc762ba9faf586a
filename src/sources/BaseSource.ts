import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import { TOKENS } from '../tokens.js';
import { atomicWrite } from '../util/atomicWrite.js';
import { sha256 } from '../util/sha256.js';
import type { OptionsSchema } from '../plugins/OptionsSchema.js';
import { reasonFileName } from './reasonFileName.js';
import type { CsvInput, QuarantineReason, RawTable, Source, SourceInput, WaitingInput } from './Source.js';
import type { SourceContext } from './SourceContext.js';
import { gunzipIfCompressed } from './gunzipIfCompressed.js';
import { tableFromRecords } from './tableFromRecords.js';

/** What a source read for one input: CSV bytes, plain records, or a table it built itself. */
export type InputContent =
  | { kind: 'csv'; bytes: Uint8Array; /** The SHA-256 of `bytes`, when the source has it already (saves hashing the file twice). */ sha256?: string }
  | { kind: 'records'; records: Record<string, unknown>[]; lines?: number[] }
  | { kind: 'table'; table: RawTable };

/**
 * The base of every Source. A subclass implements two methods: `listInputs()`
 * (what is waiting, in the order to apply it) and `read(input)` (its content).
 * The base turns content into a RawTable with a fingerprint (the SHA-256 the
 * processed-file ledger keys on, of the CSV inside when gzipped): CSV bytes are gunzipped when compressed and
 * decoded as `source.encoding` says, and wraps read errors as SOURCE_UNREADABLE so
 * the input is quarantined (an error.json says why) instead of failing the run;
 * it is checked again on the next run. `acknowledge` does nothing by default
 * (the ledger already keeps content from being applied twice); override it to
 * archive, delete or move a cursor once the snapshot is committed, returning
 * any input it declined (changed since it was read) so the summary names it.
 */
@injectable()
export abstract class BaseSource implements Source {
  /** The options this source accepts under `source.options`. */
  static options: OptionsSchema = {};

  constructor(@inject(TOKENS.SourceContext) protected readonly context: SourceContext) {}

  protected abstract listInputs(): Promise<SourceInput[]>;
  protected abstract read(input: SourceInput): Promise<InputContent>;

  /** What is waiting. An input quarantined before is offered again: still bad, it is reported again; fixed, it is ingested. */
  list(): Promise<SourceInput[]> {
    return this.listInputs();
  }

  async open(input: SourceInput): Promise<RawTable> {
    const opened = await this.openCsv(input);
    return 'bytes' in opened ? opened.table() : opened;
  }

  async openCsv(input: SourceInput): Promise<CsvInput | RawTable> {
    let content: InputContent;
    try {
      content = await this.read(input);
    } catch (err) {
      if (err instanceof DroplineError) throw err;
      throw new DroplineError('SOURCE_UNREADABLE', `cannot read ${input.location}: ${(err as Error).message}`, { file: input.name }, { cause: err });
    }
    switch (content.kind) {
      case 'csv': {
        // The ledger keys on the CSV inside a gzip file, so the same data re-sent (plain, or gzipped with other header bytes) is skipped.
        const { delimiter, parser, encoding, compression } = this.context.definition.source;
        const bytes = compression === 'none' ? content.bytes : await gunzipIfCompressed(content.bytes, input.name);
        const fingerprint = bytes === content.bytes && content.sha256 !== undefined ? content.sha256 : sha256(bytes);
        const tableOf = (given: Uint8Array): RawTable => ({ fingerprint, ...this.context.csv.read(given, delimiter, input.name, parser, encoding) });
        return { fingerprint, bytes, table: () => tableOf(bytes), tableOf };
      }
      case 'records':
        return { fingerprint: sha256(JSON.stringify(content.records)), ...tableFromRecords(content.records, content.lines) };
      case 'table':
        return content.table;
    }
  }

  /** Nothing is held back by default; a source that leaves inputs for later says which here. */
  waiting(): WaitingInput[] {
    return [];
  }

  async acknowledge(_inputs: SourceInput[]): Promise<WaitingInput[] | void> {}

  async quarantine(input: SourceInput, reason: QuarantineReason): Promise<WaitingInput[] | void> {
    const dir = this.context.workspace.resolve(this.context.definition.validation.quarantine, 'validation.quarantine');
    await mkdir(dir, { recursive: true });
    const safe = input.name.replace(/[^A-Za-z0-9._-]+/g, '_');
    const report = { file: input.name, location: input.location, quarantinedAt: this.context.clock.now().toISOString(), pipeline: this.context.definition.name, ...reason };
    await atomicWrite(join(dir, reasonFileName(safe)), JSON.stringify(report, null, 2) + '\n');
  }
}
