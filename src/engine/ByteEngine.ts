import { availableParallelism } from 'node:os';
import { inject, injectable } from 'inversify';
import type { Logger } from '../logging/Logger.js';
import { InputIngestor, unreadable, type FileOutcome } from '../runner/InputIngestor.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { DropResult, IngestJob, MergedLatest, MergeEngine } from '../runner/MergeEngine.js';
import { PipelineStore } from '../scope/PipelineStore.js';
import type { CsvInput, RawTable, SourceInput } from '../sources/Source.js';
import { TOKENS } from '../tokens.js';
import { isFileRejection, type HeaderMapping, type RowReject, type Validator } from '../validation/Validator.js';
import { asUtf8 } from './asUtf8.js';
import { ByteLatest } from './ByteLatest.js';
import type { FilePartial, ScanFallback } from './FilePartial.js';
import { readViaReference } from './readViaReference.js';
import { readHeader } from './readHeader.js';
import { scanFile, type ScanRequest } from './scanFile.js';
import { ScanPool, type ScanCounts } from './ScanPool.js';
import { workerRoute } from './workerBytes.js';
import { definitionHash } from '../snapshots/definitionHash.js';

/** What preparing one input gave: an outcome already, or a scan under way, or a table for the reference reader. */
type Step =
  | { kind: 'done'; outcome: FileOutcome; fingerprint?: string }
  | { kind: 'scan'; csv: CsvInput; mapping: HeaderMapping; scan: Promise<Scanned>; table: (returned?: Uint8Array) => RawTable }
  | { kind: 'table'; table: () => RawTable; fingerprint: string; mapping?: HeaderMapping };

/** A scan's result: the input's winners (scanned on the main thread), its counts (in a worker, which keeps its winners), or a fallback. */
type Scanned = FilePartial | ScanCounts | ScanFallback;

/** What the inputs of one run share while they are read ahead: see `ingest`. */
interface Reading {
  pending: Map<string, { name: string; done: Promise<boolean> }>;
  settle: Map<string, (processed: boolean) => void>;
  scan: (request: ScanRequest, file: number) => Promise<Scanned>;
  turns: Promise<void>[];
  /** Set once the run stops merging: an input registered after that never settles, so it is taken as not processed. */
  stopped: boolean;
  /** Whether the previous table is loaded (or there is none): until then the reference engine may yet read the inputs again, so none moves to a worker. */
  loaded: boolean;
}

/**
 * The byte engine: inputs are scanned as bytes, on worker threads, into
 * per-file winners (scanFile), merged into a latest state held in typed arrays
 * (ByteLatest) and streamed out sorted. What it cannot scan (an unusual
 * dialect, a source that hands over rows) goes through the reference reader
 * and validator, input by input, into the same state; so every run gives the
 * reference engine's result, byte for byte.
 */
@injectable()
export class ByteEngine implements MergeEngine {
  constructor(
    @inject(PipelineStore) private readonly store: PipelineStore,
    @inject(InputIngestor) private readonly ingestor: InputIngestor,
    @inject(TOKENS.Validator) private readonly validator: Validator,
  ) {}

  async ingest(job: IngestJob): Promise<DropResult | null> {
    const { definition, head, inputs, seen } = job;
    if (inputs.length === 0) return { outcomes: [], rejects: [], read: 0, finish: null };
    // Sized for the previous table and a quarter more, so an incremental run does not rehash the whole index.
    const previousRows = head?.latest.rows ?? 0;
    const latest = new ByteLatest(definition, { expectedKeys: Math.max(1024, previousRows + (previousRows >> 2) + 65_536) });
    inputs.forEach((input, i) => latest.nameFile(i, input.name));
    const threads = Math.min(availableParallelism(), 4);
    // Inputs read at once, the one being merged included: one per worker keeps them busy; each more is an input's bytes more in memory.
    const readAhead = Math.max(2, threads);
    // Each worker reduces one partition of the keys over every input (partitions come at the flush); started while latest.csv is read.
    const partitions = { whole: 0, merged: 0 };
    const pool = threads > 1 ? new ScanPool(threads, (partial, partition) => void partitions[latest.adoptPartition(partial, partition) ? 'whole' : 'merged']++) : null;
    const onWorker = workerRoute(pool, inputs);
    // Winners found on this thread wait for the workers' partitions (the rule gives the same table in any order):
    // merged first, they would make every partition merge here row by row (an unlisted or unusual small input).
    const held: (() => void)[] = [];
    const apply = (partial: FilePartial, file: number): void => void (pool ? held.push(() => latest.applyPartial(partial, file)) : latest.applyPartial(partial, file));
    const scan = (request: ScanRequest, file: number): Promise<Scanned> =>
      onWorker(request.bytes.length) ? pool!.scan(request, file) : Promise.resolve().then(() => scanFile(request));
    const outcomes: FileOutcome[] = [];
    const rejects: RowReject[] = [];
    let read = 0;
    // Inputs of this run by content hash, settled once merged: an input with the same content as one before it is skipped if that one was processed.
    const pending = new Map<string, { name: string; done: Promise<boolean> }>();
    const settle = new Map<string, (processed: boolean) => void>();
    // Inputs open in any order, but each compares its content with the inputs before it only after they have registered theirs.
    const turns: Promise<void>[] = [];
    const reading: Reading = { pending, settle, scan, turns, stopped: false, loaded: head === null };
    const prepared: (Promise<Step> | undefined)[] = [];
    const readAheadFrom = (i: number): void => {
      for (let k = i; k < Math.min(inputs.length, i + readAhead); k++) {
        // A failure of an input read ahead is reported when the run reaches it, never as an unhandled rejection meanwhile.
        if (prepared[k] === undefined) (prepared[k] = this.prepare(job, inputs[k]!, k, reading)).catch(() => undefined);
      }
    };
    try {
      // The first inputs are read and scanned while the previous latest.csv loads, unless another definition may have
      // written it (a reset keeps older content): the reference engine would then read them again, logging twice.
      if (head === null || (head.kind !== 'reset' && head.definitionSha256 === definitionHash(definition))) readAheadFrom(0);
      if (head !== null && !(await this.loadPrevious(head, latest, pool))) {
        job.log.debug('reference engine: the previous latest.csv has other columns than this run writes');
        return null;
      }
      reading.loaded = true;
      for (let i = 0; i < inputs.length; i++) {
        readAheadFrom(i);
        const input = inputs[i]!;
        const log = job.log.child({ stage: 'validate', file: input.name });
        const step = await prepared[i]!;
        prepared[i] = undefined;
        // The previous keys (when they must be indexed) are indexed once the first inputs' scans are under way.
        latest.prepareLookups();
        const outcome = await this.merge(job, input, step, (partial) => apply(partial, i), rejects, log);
        const fingerprint = step.kind === 'done' ? step.fingerprint : step.kind === 'scan' ? step.csv.fingerprint : step.fingerprint;
        if (outcome.kind === 'processed') {
          read += outcome.rows;
          seen.set(outcome.sha256, input.name);
        }
        if (fingerprint !== undefined) settle.get(fingerprint)?.(outcome.kind === 'processed');
        outcomes.push(outcome);
        await job.fileDone(outcome, read);
      }
      const spread = pool?.started; // (the workers end once flushed)
      await pool?.flush(held.length === 0 && latest.sortsPartitions); // held winners would end the partitions' key order
      if (spread) job.log.debug(`merge: ${partitions.whole} key partitions taken whole from the worker threads, ${partitions.merged} merged on the main thread`);
      for (const merge of held) merge();
    } finally {
      // An input that failed never settles: those read ahead with the same content (or still opening) stop waiting for it.
      reading.stopped = true;
      for (const resolve of settle.values()) resolve(false);
      await Promise.allSettled(prepared.filter((p) => p !== undefined));
      await pool?.close();
    }
    if (!outcomes.some((o) => o.kind === 'processed')) return { outcomes, rejects, read, finish: null };
    return { outcomes, rejects, read, finish: () => this.finish(latest) };
  }

  /** Loads the head's latest.csv (and its index) into `latest`; false (the pool closed) when the reference engine must run. */
  private async loadPrevious(head: SnapshotManifest, latest: ByteLatest, pool: ScanPool | null): Promise<boolean> {
    const reads = this.store.latestBytes()!;
    let loaded = false;
    try {
      const index = reads.readLatestIndex(head).catch(() => null); // the index only spares a scan of latest.csv
      loaded = await reads.useLatestBytes(head, async (bytes) => latest.loadPrevious(bytes, await index));
    } finally {
      if (!loaded) await pool?.close();
    }
    return loaded;
  }

  private finish(latest: ByteLatest): MergedLatest {
    const result = latest.finish();
    return {
      content: result.latestContent(),
      inserted: result.inserted,
      updated: result.updated,
      // Asked for after the commit (sinks publishing in full): read back from the store, not kept in memory meanwhile.
      table: async () => this.store.readTable((await this.store.head())!),
      changed: () => result.changedRows(),
    };
  }

  /** Opens an input, checks it against the ledger and this run's earlier inputs, maps its header and starts its scan. */
  private async prepare(job: IngestJob, input: SourceInput, index: number, reading: Reading): Promise<Step> {
    const { turns } = reading;
    const before = turns[index - 1];
    let done!: () => void;
    turns[index] = new Promise((resolve) => (done = resolve));
    try {
      return await this.prepareInTurn(job, input, index, reading, before);
    } finally {
      // In input order, also for an input that could not be opened.
      await before;
      done();
    }
  }

  /** `prepare` once the input is open and the inputs before it have registered their content (`turn`). */
  private async prepareInTurn(job: IngestJob, input: SourceInput, index: number, reading: Reading, turn: Promise<void> | undefined): Promise<Step> {
    const { pending, settle, scan } = reading;
    const { definition, seen } = job;
    const log = job.log.child({ stage: 'validate', file: input.name });
    let opened: CsvInput | RawTable;
    try {
      opened = await job.source.openCsv!(input);
    } catch (err) {
      return { kind: 'done', outcome: unreadable(err, input, log) };
    }
    // Decoded before the ledger is asked, as the reference reader does: text it cannot decode is set aside, also when ingested before.
    let bytes: Uint8Array | null = null;
    try {
      if ('bytes' in opened) bytes = asUtf8(opened.bytes, definition.source.encoding, input.name);
    } catch (err) {
      return { kind: 'done', outcome: unreadable(err, input, log) };
    }
    await turn;
    const fingerprint = opened.fingerprint;
    const before = pending.get(fingerprint);
    const previous = seen.get(fingerprint) ?? (before && (await before.done) ? before.name : undefined);
    if (previous !== undefined) {
      log.info(`skipped: same content as ${previous}, already ingested`);
      return { kind: 'done', outcome: { kind: 'skipped', input, sha256: fingerprint, previous } };
    }
    pending.set(fingerprint, { name: input.name, done: new Promise((resolve) => (reading.stopped ? resolve(false) : settle.set(fingerprint, resolve))) });
    if (!('bytes' in opened)) return { kind: 'table', table: () => opened, fingerprint };
    const csv = opened;
    bytes ??= asUtf8(csv.bytes, definition.source.encoding, input.name);
    const header = readHeader(bytes, definition.source.delimiter);
    if (header === null) return { kind: 'table', table: () => csv.table(), fingerprint };
    if (header.header.length === 0) {
      log.info('empty file: processed, 0 rows');
      return { kind: 'done', outcome: { kind: 'processed', input, sha256: fingerprint, rows: 0, rejected: 0, mapping: null }, fingerprint };
    }
    const mapping = this.validator.mapHeader(definition, header.header, input.name);
    if (isFileRejection(mapping)) {
      // The reference reader reads the whole input before its header: one it cannot read is UNREADABLE first.
      try {
        csv.table();
      } catch (err) {
        return { kind: 'done', outcome: unreadable(err, input, log), fingerprint };
      }
      log.debug(`unusable: ${mapping.message}`);
      return { kind: 'done', outcome: { kind: 'quarantined', input, reason: mapping }, fingerprint };
    }
    // The scanned bytes may move to a worker. The input's own (UTF-8 without a mark) move too when the source can read
    // them once handed back (tableOf), should the scan fall back; else they stay for table(), and a copy moves.
    const movable = csv.tableOf !== undefined && bytes === csv.bytes && reading.loaded;
    const sent = bytes.buffer === csv.bytes.buffer && !movable ? new Uint8Array(bytes) : bytes;
    const table = (returned?: Uint8Array): RawTable => (movable && returned !== undefined ? csv.tableOf!(returned) : csv.table());
    const scanning = scan({ bytes: sent, delimiter: header.delimiter, file: input.name, schema: definition.schema, mapping }, index);
    scanning.catch(() => undefined);
    return { kind: 'scan', csv, mapping, scan: scanning, table };
  }

  /** Hands one prepared input's winners to `apply` (the latest state); returns its outcome. */
  private async merge(job: IngestJob, input: SourceInput, step: Step, apply: (partial: FilePartial) => void, rejects: RowReject[], log: Logger): Promise<FileOutcome> {
    if (step.kind === 'done') return step.outcome;
    if (step.kind === 'scan') {
      const result = await step.scan;
      if (!('fallback' in result)) {
        rejects.push(...result.rejects);
        if ('count' in result) apply(result);
        log.info(`read ${result.rows} rows, ${result.rejects.length} rejected`);
        return { kind: 'processed', input, sha256: step.csv.fingerprint, rows: result.rows, rejected: result.rejects.length, mapping: step.mapping };
      }
      log.debug(`read by the reference reader: ${result.fallback}`);
      const table = (): RawTable => step.table(result.bytes);
      return readViaReference(this.ingestor, job.definition, input, table, apply, rejects, log, step.mapping);
    }
    return readViaReference(this.ingestor, job.definition, input, step.table, apply, rejects, log, step.mapping);
  }
}
