import { DroplineError } from '../errors/DroplineError.js';
import type { RecordedPaths, SnapshotManifest } from '../snapshots/SnapshotManifest.js';

const KEYS: [keyof RecordedPaths, string][] = [
  ['drop', 'source.path'],
  ['archive', 'source.archive'],
  ['output', 'output.path'],
];

/**
 * Compares where a run would read and write with where the newest snapshot
 * was made. Returns whether they differ (a run that accepts the change records
 * it); throws PATHS_CHANGED when they do and the change is not accepted. A
 * snapshot that records no paths (older dropline, another store) is not checked.
 */
export function checkPathsUnchanged(pipeline: string, head: SnapshotManifest | null, now: RecordedPaths, accept: boolean): boolean {
  const before = head?.paths;
  if (!head || !before) return false;
  const changes = KEYS.filter(([k]) => before[k] !== now[k]).map(([k, key]) => `${key} ${before[k] ?? '(none)'} -> ${now[k] ?? '(none)'}`);
  if (changes.length === 0 || accept) return changes.length > 0;
  throw new DroplineError(
    'PATHS_CHANGED',
    `pipeline ${pipeline}: the definition now resolves to other folders than its newest snapshot ${head.id} was made with (${changes.join(', ')}); ` +
      `nothing was changed. If the move is intended, run again with --accept-paths; if not, check the definition, its vars: and --set (see: dropline show-definition ${pipeline})`,
    { pipeline },
  );
}
