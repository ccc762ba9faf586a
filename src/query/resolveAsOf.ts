import { DroplineError } from '../errors/DroplineError.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { SnapshotReader } from '../snapshots/SnapshotStore.js';
import { AS_OF_FORMS, parseAsOf } from './parseAsOf.js';

export interface AsOfOptions {
  pipeline: string;
  /** How the value was given, for messages: `--as-of`, `as_of`; absent: the value alone. */
  what?: string;
  /**
   * The code for a value of none of the accepted forms: USAGE (the default), or
   * SNAPSHOT_NOT_FOUND where a malformed snapshot id was refused so before
   * dates were accepted (`show`, `diff`), so their exit code stays 1.
   */
  unknown?: 'USAGE' | 'SNAPSHOT_NOT_FOUND';
}

/**
 * The snapshot a reference names (parseAsOf): a snapshot id that snapshot (the
 * store says whether it exists); `latest` the newest; a date the newest
 * snapshot created (manifest `createdAt`) by the end of that UTC day; a
 * date-time the newest created at or before that instant. "Newest" is the last
 * in history order among those created by then. A time before the oldest
 * snapshot is SNAPSHOT_NOT_FOUND, naming when the oldest was made.
 */
export async function resolveAsOf(reader: Pick<SnapshotReader, 'list' | 'head' | 'get'>, value: string, options: AsOfOptions): Promise<SnapshotManifest> {
  const { pipeline } = options;
  const listing = `list them with: dropline snapshots ${pipeline}`;
  const asOf = parseAsOf(value);
  if (asOf === null) {
    const given = options.what ? `${options.what} "${value}"` : `"${value}"`;
    throw new DroplineError(options.unknown ?? 'USAGE', `${given} is not ${AS_OF_FORMS}; ${listing}`, { pipeline });
  }
  if (asOf.kind === 'snapshot') return reader.get(asOf.id);
  const manifests = asOf.kind === 'latest' ? [await reader.head()].filter((m) => m !== null) : await reader.list();
  if (manifests.length === 0) {
    throw new DroplineError('SNAPSHOT_NOT_FOUND', `pipeline ${pipeline} has no snapshots yet, so "${value}" names none; make the first with: dropline run ${pipeline}`, {
      pipeline,
    });
  }
  if (asOf.kind === 'latest') return manifests[0]!;
  const found = manifests.findLast((m) => Date.parse(m.createdAt) <= asOf.at);
  if (found) return found;
  const oldest = manifests[0]!;
  const when = asOf.date ? `on or before ${value} (UTC)` : `at or before ${new Date(asOf.at).toISOString()}`;
  throw new DroplineError('SNAPSHOT_NOT_FOUND', `pipeline ${pipeline} has no snapshot created ${when}: its oldest, ${oldest.id}, was created at ${oldest.createdAt}; ${listing}`, {
    pipeline,
  });
}
