import { inject, injectable } from 'inversify';
import type { RowFinder } from '../snapshots/RowFinder.js';
import type { Table } from '../table/Table.js';
import { RejectsJournal } from '../snapshots/RejectsJournal.js';
import type { LedgerEntry, SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { PipelineSnapshots, ResetDraft, SnapshotDraft, SnapshotStore, StoreUsage } from '../snapshots/SnapshotStore.js';
import { TOKENS } from '../tokens.js';
import { PipelineContext } from './PipelineContext.js';

/**
 * The scope's pipeline's snapshots (SnapshotStore.open, once per scope), plus
 * the journal of rejects files that may end up named by no snapshot (state the
 * store's recovery settles).
 */
@injectable()
export class PipelineStore implements PipelineSnapshots {
  private readonly store: PipelineSnapshots;

  constructor(
    @inject(TOKENS.SnapshotStore) store: SnapshotStore,
    @inject(RejectsJournal) private readonly journal: RejectsJournal,
    @inject(PipelineContext) private readonly context: PipelineContext,
  ) {
    this.store = store.open(context.definition);
  }

  list(): Promise<SnapshotManifest[]> {
    return this.store.list();
  }

  head(): Promise<SnapshotManifest | null> {
    return this.store.head();
  }

  get(id: string): Promise<SnapshotManifest> {
    return this.store.get(id);
  }

  readTable(manifest: SnapshotManifest): Promise<Table> {
    return this.store.readTable(manifest);
  }

  /** The store's reads of a latest.csv's bytes and index, when it offers them (the byte engine needs both), else null. */
  latestBytes(): Required<Pick<PipelineSnapshots, 'readLatestBytes' | 'useLatestBytes' | 'readLatestIndex'>> | null {
    const { store } = this;
    if (!store.readLatestBytes || !store.readLatestIndex) return null;
    return {
      readLatestBytes: (m) => store.readLatestBytes!(m),
      useLatestBytes: (m, use) => (store.useLatestBytes ? store.useLatestBytes(m, use) : store.readLatestBytes!(m).then(use)),
      readLatestIndex: (m) => store.readLatestIndex!(m),
    };
  }

  /** The store's lookup of keys' rows with their origins, or null for a store without one. */
  rowFinder(): (Pick<RowFinder, 'find' | 'runChanges'> & Partial<Pick<RowFinder, 'origins'>>) | null {
    return this.store.rows?.() ?? null;
  }

  readLedger(manifest: SnapshotManifest | null): Promise<LedgerEntry[]> {
    return this.store.readLedger(manifest);
  }

  nextId(): Promise<string> {
    return this.store.nextId();
  }

  commit(draft: SnapshotDraft): Promise<SnapshotManifest> {
    return this.store.commit(draft);
  }

  commitReset(draft: ResetDraft): Promise<SnapshotManifest> {
    return this.store.commitReset(draft);
  }

  ensureLatest(expected = false): Promise<boolean> {
    return this.store.ensureLatest(expected);
  }

  remove(ids: string[]): Promise<void> {
    return this.store.remove(ids);
  }

  destroy(): Promise<void> {
    return this.store.destroy();
  }

  usage(): Promise<StoreUsage> {
    return this.store.usage();
  }

  pins(): Promise<Set<string>> {
    return this.store.pins();
  }

  setPinned(id: string, pinned: boolean): Promise<void> {
    return this.store.setPinned(id, pinned);
  }

  /** Records rejects files that may end up named by no snapshot; call before writing or orphaning them. */
  intendRejects(paths: string[]): Promise<void> {
    return this.journal.intend(this.context.definition, paths);
  }

  /** Deletes the recorded rejects files no snapshot names. */
  settleRejects(): Promise<string[]> {
    return this.journal.settle(this.context.definition);
  }
}
