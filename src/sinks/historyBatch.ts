import type { RowOrigin } from '../snapshots/ChangeRecords.js';
import { isSnapshotId, parseSnapshotId } from '../snapshots/snapshotId.js';
import type { PublishContext } from './Sink.js';
import type { SinkColumn } from './sinkColumns.js';

/** The columns `<table>_history` adds to the table's. */
export const HISTORY_COLUMNS = ['valid_from', 'valid_to', 'is_current', 'source_file', 'source_line'] as const;

/** The values a staged row carries after its own: when its version starts (empty: the batch's `at`), and its origin. */
export const STAGED_HISTORY: readonly SinkColumn[] = [
  { name: 'valid_from', type: 'datetime', keyIndex: -1 },
  { name: 'source_file', type: 'string', keyIndex: -1 },
  { name: 'source_line', type: 'integer', keyIndex: -1 },
];

/**
 * What one publish does to `<table>_history`. `scope` 'changes': `rows` are
 * the rows a run changed, and keys not among them keep their versions; 'all':
 * `rows` are the whole table, and keys not among them are closed. Either way a
 * key whose open version holds other values is closed at `at` and reopened.
 */
export interface HistoryBatch {
  /** When the versions a publish opens start and those it closes end: the snapshot's createdAt; after a clean, the publish's time. */
  at: string;
  scope: 'changes' | 'all';
  /** The rows, each with STAGED_HISTORY's values appended. */
  rows: string[][];
}

/**
 * The batch for `rows` (the table's, or the run's changed rows), their
 * origins read from the context. Into an empty history (`first`), each row's
 * version starts when the snapshot its origin names was made, where known.
 */
export async function historyBatch(
  context: PublishContext,
  input: { scope: 'changes' | 'all'; rows: string[][]; width: number; first: boolean; now: Date },
): Promise<HistoryBatch> {
  const { scope, rows, width, first } = input;
  const at = context.snapshot?.createdAt ?? input.now.toISOString();
  const read = scope === 'changes' ? context.changes?.origins : context.origins;
  const found = rows.length > 0 && read ? await read() : null;
  const origins = found !== null && found.length === rows.length ? found : null;
  const made = new Map(context.snapshots.map((m) => [m.id, m.createdAt]));
  const startOf = (origin: RowOrigin): string => {
    if (!first || origin.snapshot === '') return '';
    return made.get(origin.snapshot) ?? (isSnapshotId(origin.snapshot) ? parseSnapshotId(origin.snapshot).toISOString() : '');
  };
  const staged = rows.map((row, i) => {
    const out = row.length === width ? [...row] : Array.from({ length: width }, (_, c) => row[c] ?? '');
    const origin = origins?.[i];
    if (origin === undefined) out.push('', '', '');
    else out.push(startOf(origin), origin.file, origin.line === 0 ? '' : String(origin.line));
    return out;
  });
  return { at, scope, rows: staged };
}

/** The first of `columns` whose name the history table adds itself, if any. */
export function historyClash(columns: readonly string[]): string | undefined {
  return columns.find((c) => (HISTORY_COLUMNS as readonly string[]).includes(c));
}
