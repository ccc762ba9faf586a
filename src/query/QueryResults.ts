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
