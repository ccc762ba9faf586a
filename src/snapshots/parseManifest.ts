import { OBJECT_EXT } from './changesFormat.js';
import type { SnapshotManifest } from './SnapshotManifest.js';

/** The newest manifest format this dropline reads and writes. */
export const MANIFEST_FORMAT = 3;

/**
 * The `format` field of a manifest whose content is `latest`: the oldest
 * format that reads it, so a dropline of before reads what it can. None (the
 * first format) for one plain gzipped copy, 2 for checkpoints and changesets,
 * 3 once any of its objects is Brotli (`.csv.br`).
 */
export function formatField(latest: SnapshotManifest['latest']): { format?: number } {
  if ([latest.object, ...(latest.changes ?? []), ...(latest.run ? [latest.run] : [])].some((o) => o.endsWith(OBJECT_EXT))) return { format: 3 };
  return latest.run !== undefined || latest.changes !== undefined ? { format: 2 } : {};
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A manifest from its parsed JSON, or a reason it is not one: it must hold the
 * fields every reader relies on (id matching the file name, kind, times,
 * files, counts, content and ledger references).
 */
export function parseManifest(value: unknown, id: string): SnapshotManifest | Error {
  if (!isObject(value)) return new Error('not a JSON object');
  const problem = problemOf(value, id);
  return problem === null ? (value as unknown as SnapshotManifest) : new Error(problem);
}

function problemOf(m: Record<string, unknown>, id: string): string | null {
  if (m.id !== id) return `its id is ${JSON.stringify(m.id)}, not ${id}`;
  if (m.format !== undefined && (typeof m.format !== 'number' || m.format > MANIFEST_FORMAT))
    return `it has format ${JSON.stringify(m.format)}, newer than this dropline reads (${MANIFEST_FORMAT}): upgrade dropline`;
  if (m.kind !== 'run' && m.kind !== 'replay' && m.kind !== 'reset') return `kind ${JSON.stringify(m.kind)} is not "run", "replay" or "reset"`;
  if (typeof m.createdAt !== 'string') return 'createdAt is missing';
  if (m.parent !== null && typeof m.parent !== 'string') return 'parent is missing';
  if (!Array.isArray(m.files)) return 'files is missing';
  if (!isObject(m.counts)) return 'counts is missing';
  const latest = m.latest;
  if (!isObject(latest) || typeof latest.sha256 !== 'string' || typeof latest.object !== 'string' || typeof latest.rows !== 'number') return 'latest is missing or incomplete';
  if (!isObject(m.ledger) || typeof m.ledger.object !== 'string') return 'ledger is missing';
  if (m.rejects !== undefined && typeof m.rejects !== 'string') return 'rejects is not a path';
  return null;
}
