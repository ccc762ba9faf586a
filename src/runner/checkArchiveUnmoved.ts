import { DroplineError } from '../errors/DroplineError.js';
import type { RecordedPaths, SnapshotManifest } from '../snapshots/SnapshotManifest.js';

/**
 * Before `what` (clean, reset --reprocess) moves archived files back into the
 * drop: each snapshot in `history` archived its inputs under the archive it
 * records. If any recorded another drop or archive than the definition says
 * now, those files are not where the move back looks, and the rows they hold
 * would be gone from the rebuild. Refused with PATHS_CHANGED unless accepted.
 * Snapshots that record no paths (older dropline) are not checked.
 */
export function checkArchiveUnmoved(pipeline: string, what: string, history: SnapshotManifest[], now: RecordedPaths, accept: boolean): void {
  if (accept) return;
  const moved = history.find((m) => m.paths && (m.paths.archive !== now.archive || m.paths.drop !== now.drop));
  if (!moved?.paths) return;
  const { drop, archive } = moved.paths;
  throw new DroplineError(
    'PATHS_CHANGED',
    `pipeline ${pipeline}: snapshot ${moved.id} read from ${drop ?? '(none)'} and archived into ${archive ?? '(none)'}, but the definition now says ${now.drop ?? '(none)'} and ${now.archive ?? '(none)'}; ` +
      `${what} would look for the archived files in the wrong place and the rows of those it cannot find would be lost. Nothing was changed. ` +
      `Move the archived files into ${now.archive ?? 'the archive'} (or restore the definition) and run again with --accept-paths; --accept-paths alone goes ahead and leaves them where they are`,
    { pipeline },
  );
}
