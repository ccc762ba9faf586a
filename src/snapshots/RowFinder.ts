import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { splitCsvRow } from '../engine/splitCsvRow.js';
import type { ChangeRecords, RowOrigin } from './ChangeRecords.js';
import type { ContentObjects } from './ContentObjects.js';
import { KeyOrder, keyOrderOf } from './KeyOrder.js';
import type { SnapshotManifest } from './SnapshotManifest.js';

/** One row of a snapshot as the store holds it: the snapshot's columns, the row's values, and where it came from. */
export interface FoundRow {
  columns: string[];
  row: string[];
  /** `snapshot` '' (and file '', line 0) where a snapshot of the first format keeps no origin. */
  origin: RowOrigin;
}

/**
 * Finds one key's row in snapshots without reading their whole tables: a
 * binary search in each changeset of the chain, newest first, then in the
 * checkpoint. Objects are parsed once and shared by every snapshot that
 * refers to them (a history of many snapshots reads each object once).
 */
export class RowFinder {
  private readonly loaded = new Map<string, Promise<ChangeRecords>>();

  constructor(
    private readonly objects: ContentObjects,
    private readonly definition: PipelineDefinition,
  ) {}

  async find(manifest: SnapshotManifest, key: readonly string[]): Promise<FoundRow | null> {
    const names = [manifest.latest.object, ...(manifest.latest.changes ?? [])];
    const lists = await Promise.all(names.map((name) => this.records(manifest, name)));
    const order = KeyOrder.of(manifest.latest.order ?? keyOrderOf(this.definition), lists[0]!.header);
    const columns = splitCsvRow(lists[0]!.header.toString('utf8').replace(/\r?\n$/, ''));
    if (order === null) return null;
    for (let l = lists.length - 1; l >= 0; l--) {
      const records = lists[l]!;
      const i = search(records, key, order);
      if (i >= 0) return { columns, row: splitCsvRow(records.body(i).toString('utf8')), origin: records.origin(i) };
    }
    return null;
  }

  private records(manifest: SnapshotManifest, name: string): Promise<ChangeRecords> {
    let loading = this.loaded.get(name);
    if (loading === undefined) {
      loading = this.objects.records(manifest, name);
      this.loaded.set(name, loading);
      loading.catch(() => this.loaded.delete(name));
    }
    return loading;
  }
}

function search(records: ChangeRecords, key: readonly string[], order: KeyOrder): number {
  let lo = 0;
  let hi = records.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = order.compare(order.keyOf(records, mid), key as string[]);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}
