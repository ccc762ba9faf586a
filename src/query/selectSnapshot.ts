import { DroplineError } from '../errors/DroplineError.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import { isSnapshotId } from '../snapshots/snapshotId.js';
import type { RowSelection } from './QueryResults.js';

/**
 * The snapshot a row selection reads: `asOf` or `snapshot` (given both, they
 * must name the same snapshot), `latest` by default, each resolved by
 * `resolve`. A cursor stays on the snapshot it started on: `latest` follows
 * it, any other reference must name that snapshot.
 */
export async function selectSnapshot(
  resolve: (reference: string) => Promise<SnapshotManifest>,
  selection: Pick<RowSelection, 'snapshot' | 'asOf'>,
  cursorSnapshot?: string,
): Promise<SnapshotManifest> {
  const { snapshot, asOf } = selection;
  let named: SnapshotManifest | undefined;
  if (snapshot !== undefined && asOf !== undefined && snapshot !== asOf) {
    const [a, b] = await Promise.all([resolve(snapshot), resolve(asOf)]);
    if (a.id !== b.id) throw new DroplineError('USAGE', `snapshot=${snapshot} names snapshot ${a.id} but as_of=${asOf} names ${b.id}; give one of them`);
    named = b;
  }
  const reference = asOf ?? snapshot ?? 'latest';
  if (cursorSnapshot === undefined) return named ?? resolve(reference);
  if (reference === 'latest') return resolve(cursorSnapshot);
  const mismatch = (what: string) => new DroplineError('USAGE', `cursor belongs to snapshot ${cursorSnapshot}, not ${what}; page one snapshot at a time`);
  if (isSnapshotId(reference) && reference !== cursorSnapshot) throw mismatch(reference);
  const manifest = named ?? (await resolve(reference));
  if (manifest.id !== cursorSnapshot) throw mismatch(`${reference} (${manifest.id})`);
  return manifest;
}
