import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { splitCsvRow } from '../engine/splitCsvRow.js';
import type { ChangeRecords, RowOrigin } from './ChangeRecords.js';
import type { ContentObjects } from './ContentObjects.js';
import { gallop } from './gallop.js';
import { KeyOrder, keyOrderOf } from './KeyOrder.js';
import type { SnapshotManifest } from './SnapshotManifest.js';

/** One row of a snapshot as the store holds it: the snapshot's columns, the row's values, and where it came from. */
export interface FoundRow {
  columns: string[];
  row: string[];
  /** `snapshot` '' (and file '', line 0) where a snapshot of the first format keeps no origin. */
  origin: RowOrigin;
}

/** The rows a run changed, as its changeset holds them (in key order), with their origins. */
export interface RunChanges {
  columns: string[];
  rows: string[][];
  origins: RowOrigin[];
}

/**
 * Finds keys' rows in snapshots without reading their whole tables: in each
 * changeset of the chain, newest first, then in the checkpoint, by a galloping
 * search from the previous key's place (keys come in key order), so k keys in
 * a table of n cost O(k log(n / k)) key reads. Objects are parsed once and
 * shared by every snapshot that refers to them (a history reads each once).
 */
export class RowFinder {
  private readonly loaded = new Map<string, Promise<ChangeRecords>>();

  constructor(
    private readonly objects: ContentObjects,
    private readonly definition: PipelineDefinition,
  ) {}

  /** Each key's row in the snapshot, or null; `keys` in key order. */
  async find(manifest: SnapshotManifest, keys: readonly (readonly string[])[]): Promise<(FoundRow | null)[]> {
    const names = [manifest.latest.object, ...(manifest.latest.changes ?? [])];
    const lists = await Promise.all(names.map((name) => this.records(manifest, name)));
    const order = KeyOrder.of(manifest.latest.order ?? keyOrderOf(this.definition), lists[0]!.header);
    if (order === null) return keys.map(() => null);
    const columns = columnsOf(lists[0]!);
    const cursors = lists.map(() => 0);
    return keys.map((key) => {
      for (let l = lists.length - 1; l >= 0; l--) {
        const records = lists[l]!;
        const at = gallop(records.count, cursors[l]!, (i) => order.compare(order.keyOf(records, i), key as string[]));
        cursors[l] = at.index;
        if (at.found) return { columns, row: splitCsvRow(records.body(at.index).toString('utf8')), origin: records.origin(at.index) };
      }
      return null;
    });
  }

  /** The run's own changeset of a snapshot that has one. */
  async runChanges(manifest: SnapshotManifest): Promise<RunChanges | null> {
    if (manifest.latest.run === undefined) return null;
    const records = await this.records(manifest, manifest.latest.run);
    const rows: string[][] = [];
    const origins: RowOrigin[] = [];
    for (let i = 0; i < records.count; i++) {
      rows.push(splitCsvRow(records.body(i).toString('utf8')));
      origins.push(records.origin(i));
    }
    return { columns: columnsOf(records), rows, origins };
  }

  /**
   * Where every row of the snapshot came from, in its order (latest.csv's): its
   * checkpoint and changesets merged (read afresh, not kept). Blank origins for
   * a snapshot of the first format.
   */
  async origins(manifest: SnapshotManifest): Promise<RowOrigin[]> {
    return (await this.objects.chain(manifest)).origins();
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

const columnsOf = (records: ChangeRecords): string[] => splitCsvRow(records.header.toString('utf8').replace(/\r?\n$/, ''));
