import { inject, injectable } from 'inversify';
import type { Table } from '../merge/Merger.js';
import { RejectsJournal } from '../snapshots/RejectsJournal.js';
import type { LedgerEntry, SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { ResetDraft, SnapshotDraft, SnapshotStore, StoreUsage } from '../snapshots/SnapshotStore.js';
import { TOKENS } from '../tokens.js';
import { PipelineContext } from './PipelineContext.js';

/**
 * The SnapshotStore bound to the scope's pipeline: the same questions without
 * passing the definition each time, plus the journal of rejects files that
 * may end up named by no snapshot (state the store's recovery settles).
 */
@injectable()
export class PipelineStore {
  constructor(
    @inject(TOKENS.SnapshotStore) private readonly store: SnapshotStore,
    @inject(RejectsJournal) private readonly journal: RejectsJournal,
    @inject(PipelineContext) private readonly context: PipelineContext,
  ) {}

  private get definition() {
    return this.context.definition;
  }

  list(): Promise<SnapshotManifest[]> {
    return this.store.list(this.definition);
  }

  head(): Promise<SnapshotManifest | null> {
    return this.store.head(this.definition);
  }

  get(id: string): Promise<SnapshotManifest> {
    return this.store.get(this.definition, id);
  }

  readTable(manifest: SnapshotManifest): Promise<Table> {
    return this.store.readTable(this.definition, manifest);
  }

  readLedger(manifest: SnapshotManifest | null): Promise<LedgerEntry[]> {
    return this.store.readLedger(this.definition, manifest);
  }

  nextId(): Promise<string> {
    return this.store.nextId(this.definition);
  }

  commit(draft: SnapshotDraft): Promise<SnapshotManifest> {
    return this.store.commit(this.definition, draft);
  }

  commitReset(draft: ResetDraft): Promise<SnapshotManifest> {
    return this.store.commitReset(this.definition, draft);
  }

  ensureLatest(): Promise<boolean> {
    return this.store.ensureLatest(this.definition);
  }

  remove(ids: string[]): Promise<void> {
    return this.store.remove(this.definition, ids);
  }

  destroy(): Promise<void> {
    return this.store.destroy(this.definition);
  }

  usage(): Promise<StoreUsage> {
    return this.store.usage(this.definition);
  }

  pins(): Promise<Set<string>> {
    return this.store.pins(this.definition);
  }

  setPinned(id: string, pinned: boolean): Promise<void> {
    return this.store.setPinned(this.definition, id, pinned);
  }

  /** Records rejects files that may end up named by no snapshot; call before writing or orphaning them. */
  intendRejects(paths: string[]): Promise<void> {
    return this.journal.intend(this.definition, paths);
  }

  /** Deletes the recorded rejects files no snapshot names. */
  settleRejects(): Promise<string[]> {
    return this.journal.settle(this.definition);
  }
}
