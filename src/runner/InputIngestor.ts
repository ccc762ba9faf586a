import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';
import type { QuarantineReason, RawTable, Source, SourceInput } from '../sources/Source.js';
import { TOKENS } from '../tokens.js';
import type { HeaderMapping, RowReject, ValidRow, Validator } from '../validation/Validator.js';
import { isFileRejection, isReject } from '../validation/Validator.js';

/** What handling one input produced. */
export type FileOutcome =
  | { kind: 'processed'; input: SourceInput; sha256: string; rows: number; rejected: number; mapping: HeaderMapping | null }
  | { kind: 'skipped'; input: SourceInput; sha256: string; previous: string }
  | { kind: 'quarantined'; input: SourceInput; reason: QuarantineReason };

export interface IngestHandlers {
  onRow(row: ValidRow, columns: readonly string[]): void;
  onReject(reject: RowReject): void;
}

/**
 * Reads one input through the Validator: decides whether it is usable at all
 * (readable, a header that maps), skips content already ingested, and hands
 * every record on as a valid row or a reject. Shared by `run` and `validate`.
 */
@injectable()
export class InputIngestor {
  constructor(@inject(TOKENS.Validator) private readonly validator: Validator) {}

  async ingest(
    definition: PipelineDefinition,
    source: Source,
    input: SourceInput,
    ledger: ReadonlyMap<string, string>,
    handlers: IngestHandlers,
    runLog: Logger,
  ): Promise<FileOutcome> {
    const log = runLog.child({ stage: 'validate', file: input.name });
    let table;
    try {
      table = await source.open(input);
    } catch (err) {
      return unreadable(err, input, log);
    }
    return this.ingestOpened(definition, input, table, ledger, handlers, log);
  }

  /** `ingest` for an input already opened (the byte engine hands over those it cannot scan, with their header mapped). */
  async ingestOpened(
    definition: PipelineDefinition,
    input: SourceInput,
    table: RawTable,
    ledger: ReadonlyMap<string, string>,
    handlers: IngestHandlers,
    log: Logger,
    mapped?: HeaderMapping,
  ): Promise<FileOutcome> {
    const previous = ledger.get(table.fingerprint);
    if (previous !== undefined) {
      log.info(`skipped: same content as ${previous}, already ingested`);
      return { kind: 'skipped', input, sha256: table.fingerprint, previous };
    }
    if (table.header.length === 0) {
      log.info('empty file: processed, 0 rows');
      return { kind: 'processed', input, sha256: table.fingerprint, rows: 0, rejected: 0, mapping: null };
    }
    const mapping = mapped ?? this.validator.mapHeader(definition, table.header, input.name);
    if (isFileRejection(mapping)) {
      log.debug(`unusable: ${mapping.message}`);
      return { kind: 'quarantined', input, reason: mapping };
    }
    let rows = 0;
    let rejected = 0;
    for await (const batch of table.rows) {
      for (const raw of batch) {
        rows++;
        const result = this.validator.validateRow(definition, mapping, raw, input.name);
        if (isReject(result)) {
          rejected++;
          handlers.onReject(result);
        } else handlers.onRow(result, mapping.outputColumns);
      }
    }
    log.info(`read ${rows} rows, ${rejected} rejected`);
    return { kind: 'processed', input, sha256: table.fingerprint, rows, rejected, mapping };
  }
}

/** The outcome for an input that cannot be read as a table (SOURCE_UNREADABLE): set aside; any other error fails the run. */
export function unreadable(err: unknown, input: SourceInput, log: Logger): FileOutcome {
  if (err instanceof DroplineError && err.code === 'SOURCE_UNREADABLE') {
    log.debug(`unusable: ${err.message}`);
    return { kind: 'quarantined', input, reason: { code: 'UNREADABLE', message: err.message } };
  }
  throw err;
}
