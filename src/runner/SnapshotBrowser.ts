import { inject, injectable } from 'inversify';
import type { DefinitionLoader } from '../definition/DefinitionLoader.js';
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

/** Read-only questions about a pipeline's history: list, show. */
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
}
