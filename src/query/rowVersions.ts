import type { FoundRow, RowFinder } from '../snapshots/RowFinder.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { RowVersion } from './QueryResults.js';
import { toRecord } from './toRecord.js';

/**
 * Every version of one key's row across `manifests` (oldest first): one entry
 * per snapshot where it appeared, changed or went, found through the store's
 * changesets, never a whole table. `key` is canonical (canonicalKey).
 * `dropline history` and `GET /api/pipelines/<name>/keys/<key>/history`.
 */
export async function rowVersions(manifests: readonly SnapshotManifest[], find: Pick<RowFinder, 'find'>, key: readonly string[]): Promise<RowVersion[]> {
  const versions: RowVersion[] = [];
  let before: FoundRow | null = null;
  // Looked up together: the objects the snapshots name are read and inflated side by side (each once: RowFinder).
  const finds = manifests.map((manifest) => find.find(manifest, [key]));
  for (const pending of finds) pending.catch(() => undefined);
  for (const [i, manifest] of manifests.entries()) {
    const found = (await finds[i]!)[0] ?? null;
    const same = found !== null && before !== null && found.row.join('\u0000') === before.row.join('\u0000');
    if (!same && (found !== null || before !== null)) {
      const change = found === null ? 'delete' : before === null ? 'insert' : 'update';
      const shown = (found ?? before)!;
      const origin = found?.origin;
      versions.push({
        snapshot: manifest.id,
        change,
        row: toRecord(shown.columns, shown.row),
        file: origin && origin.file !== '' ? origin.file : null,
        line: origin && origin.line > 0 ? origin.line : null,
        run: origin && origin.snapshot !== '' ? origin.snapshot : null,
      });
    }
    before = found;
  }
  return versions;
}
