import type { SnapshotManifest } from '../../../src/snapshots/SnapshotManifest.js';
import type { HeaderMatch } from '../../../src/validation/Validator.js';

export const DAY = 86_400_000;
/** Noon UTC of day `n` after 2030-01-01, as ISO text. */
export const day = (n: number, hours = 12): string => new Date(Date.UTC(2030, 0, 1 + n, hours)).toISOString();

let next = 0;
/** A run manifest with the fields status reads: files (with arrival), counts, headers, rejects. */
export function manifest(fields: {
  at: string;
  files?: { name: string; rows: number; modifiedAt?: string }[];
  headers?: { file: string; matches: Partial<HeaderMatch>[]; extras?: string[] }[];
  rejected?: number;
  kind?: 'run' | 'reset';
}): SnapshotManifest {
  const id = `20300101T0000${String(next++).padStart(5, '0')}Z`;
  const files = (fields.files ?? []).map((f) => ({ sha256: 'x', ...f }));
  const headers = (fields.headers ?? []).map((h) => ({ ...h, matches: h.matches.map((m, index) => ({ index, score: 1, how: 'exact' as const, header: '', column: '', ...m })) }));
  const rejected = fields.rejected ?? 0;
  return {
    id,
    createdAt: fields.at,
    pipeline: 'p',
    parent: null,
    kind: fields.kind ?? 'run',
    files,
    counts: { read: files.reduce((n, f) => n + f.rows, 0), merged: 0, rejected, inserted: 0, updated: 0 },
    headers,
    definitionSha256: 'x',
    latest: { sha256: 'x', bytes: 0, rows: 10, object: 'x' },
    ledger: { object: 'x', files: 0 },
    ...(rejected > 0 ? { rejects: `output/rejects/${id}.csv` } : {}),
  };
}

/** Run manifests of one file each, arriving on these days with these rows. */
export function weekly(days: number[], rows: number[] = days.map(() => 100)): SnapshotManifest[] {
  return days.map((d, i) => manifest({ at: day(d, 13), files: [{ name: `f${i}.csv`, rows: rows[i]!, modifiedAt: day(d) }] }));
}
