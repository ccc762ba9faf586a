import { DroplineError } from '../errors/DroplineError.js';
import { isSnapshotId } from '../snapshots/snapshotId.js';

/**
 * Where the next page starts: the snapshot being paged (so paging `latest`
 * stays on one snapshot while new runs land) and the row to resume at.
 * Opaque to clients: base64url of a small JSON object.
 */
export interface Cursor {
  snapshot: string;
  offset: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ s: cursor.snapshot, o: cursor.offset }), 'utf8').toString('base64url');
}

/** Throws USAGE for anything this server did not hand out. */
export function decodeCursor(text: string): Cursor {
  const invalid = new DroplineError('USAGE', 'cursor is not one this server handed out; pass nextCursor from the previous page unchanged');
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) throw invalid;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const { s, o } = (value ?? {}) as { s?: unknown; o?: unknown };
  if (typeof s !== 'string' || !isSnapshotId(s) || typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0) throw invalid;
  return { snapshot: s, offset: o };
}
