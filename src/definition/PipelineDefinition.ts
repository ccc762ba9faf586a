/** The typed shape of a `pipelines/<name>.yaml` file after validation and defaults. */
export const COLUMN_TYPES = ['string', 'integer', 'number', 'boolean', 'date', 'datetime'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface ColumnDefinition {
  name: string;
  type: ColumnType;
  required: boolean;
  /** Faker method path, e.g. `company.buzzPhrase`, used by `dropline generate`. */
  faker?: string;
  aliases: string[];
  /** Input format for dates and datetimes, e.g. `DD.MM.YYYY`. */
  format?: string;
  /** IANA zone or offset used for datetimes written without one. Default UTC. */
  timezone?: string;
  /** Thousands separator accepted in integers and numbers. */
  thousands?: string;
}

export const CSV_PARSERS = ['auto', 'csv-parse'] as const;
export type CsvParserChoice = (typeof CSV_PARSERS)[number];

/** `source.encoding`: the text encoding of CSV inputs; `auto` follows a byte order mark, else UTF-8, else Windows-1252. */
export const SOURCE_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'latin1', 'auto'] as const;
export type SourceEncoding = (typeof SOURCE_ENCODINGS)[number];
/** `source.compression`: `auto` reads gzip inputs (and matches `<pattern>.gz`), `none` reads bytes as they are. */
export const COMPRESSIONS = ['auto', 'none'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

export interface SourceDefinition {
  type: string;
  path: string;
  pattern: string;
  /** Whether `pattern` tells upper from lower case (default false: `*.csv` matches EXPORT.CSV). */
  caseSensitive: boolean;
  encoding: SourceEncoding;
  compression: Compression;
  archive: string;
  delimiter: string;
  /** CSV reader: `auto` (a fast reader, csv-parse for anything unusual) or `csv-parse` always. */
  parser: CsvParserChoice;
  /** Options for the source class, checked against its `static options` schema. */
  options: Record<string, unknown>;
  /** A user module (workspace-relative .ts/.js) whose default export is the Source class. */
  module?: string;
  /** Files modified less than this long ago are left for a later run (from `settle: 30s`); absent: off. */
  settleMs?: number;
  /** The `settle` text as written, for messages. */
  settle?: string;
  /** `source.retain`: how long archived inputs stay as they are (absent: kept as they are forever). */
  retain?: RetainDefinition;
}

/** `source.retain`: archived inputs ingested longer ago than `compress` are gzipped, longer ago than `delete` deleted (once a pin holds them). */
export interface RetainDefinition {
  compress?: string;
  compressMs?: number;
  delete?: string;
  deleteMs?: number;
}

/** One entry of `sinks:`: where latest.csv is published after each commit. */
export interface SinkDefinition {
  /** `sqlite`, `postgres`, a type a plug-in adds, or a label for the class `module` names. */
  type: string;
  /** Options for the sink class, checked against its `static options` schema. */
  options: Record<string, unknown>;
  /** A user module (workspace-relative .ts/.js) whose default export is the Sink class. */
  module?: string;
  /** `history: true`: the sink also keeps every version of every row (`<table>_history`); absent: false. */
  history?: boolean;
}

/** One entry of `alerts:` (a definition's or dropline.yaml's): a webhook, by URL or by the variable holding it. */
export interface AlertDefinition {
  type: 'webhook';
  /** The URL as written (no credentials: those go in a variable, `urlEnv`). */
  url?: string;
  /** The environment variable (or `--set` value) holding the URL. */
  urlEnv?: string;
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
}

export interface SchemaDefinition {
  key: string[];
  timestamp: string;
  columns: ColumnDefinition[];
}

export interface OutputDefinition {
  path: string;
  lineage?: string;
}

export interface SnapshotsDefinition {
  path: string;
  /** Retention: keep at least this many newest snapshots. */
  keep?: number;
  /** Retention: keep snapshots younger than this (from `maxAge: 30d`). */
  maxAgeMs?: number;
  /** The `maxAge` text as written, for messages. */
  maxAge?: string;
  /** A checkpoint is written after at most this many changesets (default 20). */
  checkpointEvery?: number;
  /** ... or once the changesets since the last checkpoint take this fraction of its size on disk (default 0.5). */
  maxChain?: number;
}

export const EXTRA_COLUMN_POLICIES = ['drop', 'keep', 'quarantine'] as const;
export type ExtraColumnPolicy = (typeof EXTRA_COLUMN_POLICIES)[number];
export const BAD_ROW_POLICIES = ['reject', 'fail'] as const;
export type BadRowPolicy = (typeof BAD_ROW_POLICIES)[number];

export interface ValidationDefinition {
  /** Similarity (0..1) a header needs to map onto a column by fuzzy match. */
  headerThreshold: number;
  extraColumns: ExtraColumnPolicy;
  badRows: BadRowPolicy;
  /** Folder for `<run id>.csv` rejects files, relative to the workspace root. */
  rejects: string;
  /** Folder quarantined input files move to, relative to the workspace root. */
  quarantine: string;
}

/** `engine`: `auto` (the byte engine where it applies, else the reference) or `reference` (the row engine always). */
export const ENGINES = ['auto', 'reference'] as const;
export type EngineChoice = (typeof ENGINES)[number];

/** `schedule:`: when team-mode workers queue a run by themselves (a five-field cron, read in `timezone`). */
export interface ScheduleDefinition {
  cron: string;
  /** An IANA time zone; UTC by default. */
  timezone: string;
}

/** `expect:`: what `dropline status` expects of the drops; absent: everything learned from the history. */
export interface ExpectDefinition {
  /** A drop is due this long after the last one (from `every: 7d`); absent: learned. */
  everyMs?: number;
  every?: string;
  /** How long past due before the pipeline is late (from `grace: 2d`); absent: the spread of the intervals, at least a day. */
  graceMs?: number;
  grace?: string;
  /** The last drop's rows must lie within [min, max] x the median of the `runs` drops before it. */
  volume: { min: number; max: number; runs: number };
}

export interface PipelineDefinition {
  name: string;
  description: string;
  /** Absolute path of the definition file, for messages. */
  file: string;
  /** Plug-in modules (workspace-relative) loaded before this pipeline's stages are built. */
  plugins: string[];
  source: SourceDefinition;
  schema: SchemaDefinition;
  output: OutputDefinition;
  snapshots: SnapshotsDefinition;
  validation: ValidationDefinition;
  /** Where latest.csv is published after each commit (`sinks:`); absent or empty: nowhere. */
  sinks?: SinkDefinition[];
  /** Webhooks told when the pipeline needs attention (`alerts:`); dropline.yaml's apply too. Absent or empty: none of its own. */
  alerts?: AlertDefinition[];
  /** Which merge engine runs (`engine:`); `--engine` and DROPLINE_ENGINE decide when the file leaves it out. */
  engine?: EngineChoice;
  /** `schedule:`: team-mode workers queue a run each period; embedded mode ignores it. */
  schedule?: ScheduleDefinition;
  /** `expect:` (dropline status); absent when the file leaves it out. */
  expect?: ExpectDefinition;
}
