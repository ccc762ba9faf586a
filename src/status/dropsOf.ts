import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';

export const DAY_MS = 86_400_000;

/** One drop: the files ingested that arrived on one UTC day. */
export interface Drop {
  /** The UTC day (days since the epoch) the files arrived. */
  day: number;
  /** When its newest file arrived, ms since the epoch. */
  arrivedAt: number;
  files: string[];
  /** Records read from its files (rejected ones included). */
  rows: number;
  /** The newest snapshot that ingested one of its files. */
  snapshot: string;
}

/**
 * The drops a pipeline's run snapshots recorded, oldest first. A file arrived
 * when it was last modified before the run read it (`files[].modifiedAt`),
 * never later than the snapshot that ingested it; where no time was recorded
 * (older snapshots, sources that do not know it), at the snapshot's createdAt.
 * Files that arrived on the same UTC day make one drop, whichever runs read them.
 */
export function dropsOf(manifests: readonly SnapshotManifest[]): Drop[] {
  const byDay = new Map<number, Drop>();
  for (const m of manifests) {
    if (m.kind !== 'run') continue;
    const created = Date.parse(m.createdAt);
    for (const f of m.files) {
      const modified = f.modifiedAt === undefined ? NaN : Date.parse(f.modifiedAt);
      const at = Number.isNaN(modified) ? created : Math.min(modified, created);
      const day = Math.floor(at / DAY_MS);
      const drop = byDay.get(day) ?? { day, arrivedAt: at, files: [], rows: 0, snapshot: m.id };
      drop.arrivedAt = Math.max(drop.arrivedAt, at);
      drop.files.push(f.name);
      drop.rows += f.rows;
      drop.snapshot = m.id;
      byDay.set(day, drop);
    }
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}
