import { inject, injectable } from 'inversify';
import type { DefinitionLoader } from '../definition/DefinitionLoader.js';
import { keyComparator } from '../merge/keyComparator.js';
import { diffTables, type TableDiff } from '../snapshots/diffTables.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { SnapshotStore, StoreUsage } from '../snapshots/SnapshotStore.js';
import { TOKENS } from '../tokens.js';
import type { PipelineHistory } from './PipelineHistory.js';

export interface SnapshotListing {
  id: string;
  createdAt: string;
  kind: SnapshotManifest['kind'];
  parent: string | null;
  restoredFrom?: string;
  rows: number;
  files: string[];
  inserted: number;
  updated: number;
  rejected: number;
  pinned: boolean;
}

export interface SnapshotDiff extends TableDiff {
  from: string;
  to: string;
  /** Key column names, for reading `changed[].key`. */
  key: string[];
}

/** Read-only questions about a pipeline's history: list, show, diff. */
@injectable()
export class SnapshotBrowser {
  constructor(
    @inject(TOKENS.DefinitionLoader) private readonly definitions: DefinitionLoader,
    @inject(TOKENS.SnapshotStore) private readonly store: SnapshotStore,
    @inject(TOKENS.PipelineHistory) private readonly history: PipelineHistory,
  ) {}

  async list(name: string): Promise<{ snapshots: SnapshotListing[]; usage: StoreUsage }> {
    const definition = await this.definitions.load(name);
    const pins = await this.store.pins(definition);
    const snapshots = (await this.store.list(definition)).map((m) => ({
      id: m.id,
      createdAt: m.createdAt,
      kind: m.kind,
      parent: m.parent,
      ...(m.restoredFrom ? { restoredFrom: m.restoredFrom } : {}),
      rows: m.latest.rows,
      files: m.files.map((f) => f.name),
      inserted: m.counts.inserted,
      updated: m.counts.updated,
      rejected: m.counts.rejected,
      pinned: pins.has(m.id),
    }));
    return { snapshots, usage: await this.store.usage(definition) };
  }

  async show(name: string, id: string): Promise<SnapshotManifest> {
    const definition = await this.definitions.load(name);
    return this.history.snapshot(definition, id);
  }

  /** Keys added, removed and changed from snapshot `a` to `b` (default: the newest). */
  async diff(name: string, a: string, b?: string): Promise<SnapshotDiff> {
    const definition = await this.definitions.load(name);
    const from = await this.history.snapshot(definition, a);
    const to = await this.history.snapshot(definition, b ?? 'latest');
    const [before, after] = await Promise.all([this.store.readTable(definition, from), this.store.readTable(definition, to)]);
    const diff = diffTables(before, after, definition.schema.key, keyComparator(definition));
    return { from: from.id, to: to.id, key: definition.schema.key, ...diff };
  }
}
