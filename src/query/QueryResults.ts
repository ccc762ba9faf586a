import type { ColumnChange } from './diffTables.js';
import type { ErrorCode } from '../errors/DroplineError.js';

/** A row as JSON: column name -> canonical text. */
export type RowRecord = Record<string, string>;

/** Which rows of a snapshot: all of them, one key, or those equal to given values. */
export interface RowSelection {
  /** A snapshot id, `latest` (the default), a date or a date-time (resolveAsOf). */
  snapshot?: string;
  /** The same as `snapshot` (the API's `as_of`); given both, they must name the same snapshot. */
  asOf?: string;
  /** One row by its key values, in key column order. */
  key?: string[];
  /** Column -> value; a row must equal every one. */
  where?: ReadonlyMap<string, string>;
}

export interface PageRequest {
  limit: number;
  /** nextCursor of the previous page. */
  cursor?: string;
}

export interface RowPage {
  pipeline: string;
  snapshot: string;
  key: string[];
  columns: string[];
  rows: RowRecord[];
  nextCursor: string | null;
}

/** A whole selection, for streaming (CSV): rows in table order. */
export interface RowStream {
  pipeline: string;
  snapshot: string;
  columns: string[];
  rows: Iterable<string[]>;
}

export interface PipelineListing {
  name: string;
  description: string;
  key: string[];
  snapshots: number;
  /** The newest snapshot's id, null before the first run. */
  latest: string | null;
  latestRows: number | null;
  /** Set when the definition cannot be read; the other fields are then empty. */
  error?: { code: ErrorCode; message: string };
}

export interface DiffPage {
  pipeline: string;
  from: string;
  to: string;
  key: string[];
  columns: { before: string[]; after: string[]; added: string[]; removed: string[] };
  counts: { added: number; removed: number; changed: number };
  /** At most `limit` of each list; `truncated` says whether any list was cut. */
  added: RowRecord[];
  removed: RowRecord[];
  /** Each changed key with its row in `to` and every changed column's before and after. */
  changed: { key: string[]; row: RowRecord; changes: ColumnChange[] }[];
  truncated: boolean;
}

export interface RejectsListing {
  /** The run (and snapshot) id. */
  run: string;
  createdAt: string;
  rows: number;
  /** The rejects file, relative to the workspace. */
  path: string;
}

/** One version of a row in `dropline history`: where it appeared, changed or went. */
export interface RowVersion {
  /** The snapshot where the row took this form. */
  snapshot: string;
  change: 'insert' | 'update' | 'delete';
  /** The row from this snapshot on (for a delete: as it was before). */
  row: Record<string, string>;
  /** The input and line it came from; null where the snapshot keeps no origin (a delete, the first format). */
  file: string | null;
  line: number | null;
  /** The run that read it from that input (another snapshot's id after a reset brought an older row back). */
  run: string | null;
}

/** `dropline explain`: the current row, where it came from and why it won. */
export interface Explanation {
  pipeline: string;
  key: string[];
  row: Record<string, string>;
  source: { file: string | null; line: number | null; run: string | null; snapshot: string };
  reason: string;
  /** The rows for this key that lost in that run, read again from its archived inputs (empty when they cannot be read). */
  losers: { file: string; line: number; row: Record<string, string> }[];
  /** Whether that run's inputs could be read for `losers` (false: none is in the archive, or the row has no recorded origin). */
  losersRead: boolean;
}
