import type { LedgerEntry, SnapshotManifest } from './SnapshotManifest.js';

/** Where the processed-file ledgers are kept: content-addressed, written once (ContentObjects, or the catalog). */
export interface LedgerStore {
  writeLedger(entries: LedgerEntry[]): Promise<SnapshotManifest['ledger']>;
  readLedger(manifest: SnapshotManifest): Promise<LedgerEntry[]>;
}

/**
 * Where a pipeline's manifests and pins are kept: files beside its content
 * (FileManifests), or the team catalog in PostgreSQL (CatalogManifests).
 * Writing a manifest is the commit point of a run; the content objects it
 * names are written before it, wherever the store keeps them.
 */
export interface ManifestCatalog {
  /** Every snapshot id, oldest first. */
  ids(): Promise<string[]>;
  /** The manifest, or null when there is none by that id. Damaged state throws STATE_DAMAGED. */
  read(id: string): Promise<SnapshotManifest | null>;
  /** Records a new snapshot: the commit point. */
  write(manifest: SnapshotManifest): Promise<void>;
  /** Removes these snapshots' manifests and pins. */
  remove(ids: string[]): Promise<void>;
  pins(): Promise<Set<string>>;
  setPinned(id: string, pinned: boolean): Promise<void>;
  /** The ledgers, when the catalog keeps them (else they are content objects beside the content). */
  ledgers?: LedgerStore;
  /** Forgets every snapshot at once (the start of clean); absent when the store's own destroy does it. */
  clear?(): Promise<void>;
}
