import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Table } from '../table/Table.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { SnapshotStore } from '../snapshots/SnapshotStore.js';
import { TOKENS } from '../tokens.js';
import { LruCache } from '../util/LruCache.js';

/** A parsed table with what queries on it reuse. */
export interface CachedTable {
  table: Table;
  /** Column name -> index in a row. */
  columnIndex: Map<string, number>;
  /** Key lookups built on first use, by the key's signature (see SnapshotQuery). */
  lookups: Map<string, (key: string[]) => number>;
}

/** How many parsed tables stay in memory. */
export const TABLE_CACHE_SIZE = 4;

/**
 * Parsed snapshot tables, so paging through a large latest table does not
 * decompress and parse it on every request. Snapshot content is immutable and
 * addressed by its SHA-256, so an entry never goes stale; entries are keyed by
 * pipeline and content hash (a reset to an earlier snapshot shares its entry).
 * Concurrent requests for the same table share one read.
 */
@injectable()
export class TableCache {
  private readonly cache = new LruCache<string, Promise<CachedTable>>(TABLE_CACHE_SIZE);

  constructor(@inject(TOKENS.SnapshotStore) private readonly store: SnapshotStore) {}

  /** The content of a snapshot. */
  snapshot(definition: PipelineDefinition, manifest: SnapshotManifest): Promise<CachedTable> {
    return this.load(`snapshot\u0000${definition.name}\u0000${manifest.latest.sha256}`, () => this.store.open(definition).readTable(manifest));
  }

  /** Any other immutable table (a run's rejects file), under a caller-chosen key. */
  load(key: string, read: () => Promise<Table>): Promise<CachedTable> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const loading = read().then((table) => ({ table, columnIndex: new Map(table.columns.map((c, i) => [c, i])), lookups: new Map() }));
    this.cache.set(key, loading);
    loading.catch(() => this.cache.delete(key));
    return loading;
  }
}
