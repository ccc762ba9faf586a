import type { PipelineDefinition } from '../definition/PipelineDefinition.js';

/** One input a Source offers: a file in a folder, a URL, a sheet... */
export interface SourceInput {
  /** Stable, human name used for lineage, logs and the processed-file ledger. */
  readonly name: string;
  /** Where it lives (an absolute path for file sources); used in messages. */
  readonly location: string;
  /** When it was last modified, where the source knows (a file's mtime): recorded in the manifest as the input's arrival. */
  readonly modifiedAt?: Date;
  /** Its size in bytes, where the source knows it from listing: lets the byte engine start its worker threads early (or, when every input has one and they come to 16 MB at most, scan them all on its main thread). */
  readonly size?: number;
}

/** One record of an input as read, before validation. */
export interface RawRow {
  /** 1-based line number in the input where the record starts. */
  readonly line: number;
  readonly fields: string[];
  /** The record's text as it appeared in the input (without the line ending). */
  readonly raw: string;
}

/** An input opened for reading: its header, then its records in batches. */
export interface RawTable {
  /** Identifies the content (SHA-256 of the bytes for files): the processed-file ledger's key. */
  readonly fingerprint: string;
  readonly header: string[];
  readonly rows: AsyncIterable<RawRow[]>;
}

/** An input's CSV bytes as a byte-reading engine gets them (`Source.openCsv`). */
export interface CsvInput {
  /** As RawTable.fingerprint: what the processed-file ledger keys on. */
  readonly fingerprint: string;
  /** The CSV bytes, decompressed, still in the input's encoding (source.encoding). */
  readonly bytes: Uint8Array;
  /** Reads those bytes as `open` would: for inputs an engine cannot scan itself. */
  table(): RawTable;
  /**
   * Reads `bytes`, these bytes handed back, as table() would. With it an
   * engine may move `bytes` to a worker thread (which empties them here)
   * instead of copying them, and read what the worker hands back.
   */
  tableOf?(bytes: Uint8Array): RawTable;
}

/** An input left where it is for a later run, and why (the run summary's `files.waiting`). */
export interface WaitingInput {
  file: string;
  /** e.g. "modified 12s ago, source.settle is 30s", or "changed after it was read: ..." */
  reason: string;
}

/**
 * The plug-in point for where data comes from. The runner asks for the inputs,
 * reads each in the order given (that order is the merge order), and only after
 * the snapshot is committed acknowledges them (archive, delete, move a cursor).
 */
export interface Source {
  /** Inputs ready to be handled, in handling order. */
  list(): Promise<SourceInput[]>;
  /**
   * Inputs the last `list()` held back for a later run (still being written,
   * say), with why; the run summary names them. Optional: none if left out.
   */
  waiting?(): WaitingInput[];
  /** Opens an input for parsing. Throws DroplineError('SOURCE_UNREADABLE') if it is not a table. */
  open(input: SourceInput): Promise<RawTable>;
  /**
   * Optional: opens an input for the byte engine: its CSV bytes when it is CSV,
   * else the table `open` gives. Sources without it run on the reference engine.
   */
  openCsv?(input: SourceInput): Promise<CsvInput | RawTable>;
  /**
   * Called once the snapshot that ingested these inputs is committed. A source
   * may decline an input, for example a file that changed after it was read:
   * it stays for the next run, which applies it again (safe: applying rows
   * again is idempotent under the merge rule). Return the declined inputs with
   * why (the run summary names them); return nothing when all were handled.
   */
  acknowledge(inputs: SourceInput[]): Promise<WaitingInput[] | void>;
  /**
   * Optional: called once after a run's `acknowledge` calls (the runner
   * acknowledges input by input), for the work they share, done once: the
   * directory source fsyncs its drop and archive folders here, not after each
   * move. Until it returns, a power cut may bring acknowledged inputs back;
   * the next run skips them as already ingested and acknowledges them again.
   */
  finishAcknowledging?(): Promise<void>;
  /**
   * Sets an unusable input aside with the reason; it must not be offered again.
   * Like `acknowledge`, it may decline (a file that changed after it was read
   * may be still being written): return it with why, and it is offered again.
   */
  quarantine(input: SourceInput, reason: QuarantineReason): Promise<WaitingInput[] | void>;
  /**
   * Offers acknowledged inputs again (reset --reprocess, clean): for each entry,
   * the input with that name and content hash. Idempotent: an entry already
   * offered again, or no longer to be found, is passed over. Returns the names
   * offered again. With `everything` (clean: starting over), every other
   * acknowledged input the source still holds is offered again too, so nothing
   * stays behind in its archive, but those whose content hash is in `keep`
   * (clean from a base: the inputs the base snapshot holds stay archived).
   * Sources that cannot do this leave it out.
   */
  requeue?(entries: { name: string; sha256: string }[], options?: { everything?: boolean; keep?: ReadonlySet<string> }): Promise<string[]>;
  /**
   * What the last `list()` saw but will not offer, with why (a folder, a link,
   * a name the pattern does not match...): reported, never read or moved.
   * Sources with nothing to report leave it out.
   */
  ignored?(): IgnoredInput[];
}

/** An entry a source saw and does not read: `{ file, reason }` in run and validate reports. */
export interface IgnoredInput {
  file: string;
  reason: string;
}

export interface QuarantineReason {
  code: string;
  message: string;
}

/** Builds the Source a pipeline definition names. */
export interface SourceFactory {
  create(definition: PipelineDefinition): Promise<Source>;
}
