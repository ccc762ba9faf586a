import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { SnapshotStore, StoreUsage } from '../snapshots/SnapshotStore.js';
import { TOKENS } from '../tokens.js';

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

/** A pipeline's snapshots as `dropline snapshots` and the API list them, with the bytes they use. */
@injectable()
export class SnapshotBrowser {
  constructor(@inject(TOKENS.SnapshotStore) private readonly store: SnapshotStore) {}

  async list(definition: PipelineDefinition): Promise<{ snapshots: SnapshotListing[]; usage: StoreUsage }> {
    const pins = await this.store.open(definition).pins();
    const snapshots = (await this.store.open(definition).list()).map((m) => ({
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
    return { snapshots, usage: await this.store.open(definition).usage() };
  }
}
