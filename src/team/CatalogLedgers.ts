import { DroplineError } from '../errors/DroplineError.js';
import type { LedgerStore } from '../snapshots/ManifestCatalog.js';
import type { LedgerEntry, SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import { sha256 } from '../util/sha256.js';
import type { Catalog, Queryable } from './Catalog.js';

/**
 * A pipeline's processed-file ledgers in the catalog's `ledgers` table, under
 * the same content-addressed names the file store gives them
 * (`ledgers/<sha256>.json`), so manifests read the same in both modes.
 */
export class CatalogLedgers implements LedgerStore {
  constructor(
    private readonly catalog: Catalog,
    private readonly pipeline: string,
  ) {}

  async writeLedger(entries: LedgerEntry[]): Promise<SnapshotManifest['ledger']> {
    const text = JSON.stringify(entries) + '\n';
    const object = `ledgers/${sha256(text)}.json`;
    await this.catalog.query(`INSERT INTO ${this.catalog.t('ledgers')} (pipeline, object, entries) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      this.pipeline,
      object,
      JSON.stringify(entries),
    ]);
    return { object, files: entries.length };
  }

  async readLedger(manifest: SnapshotManifest): Promise<LedgerEntry[]> {
    const rows = await this.catalog.query<{ entries: LedgerEntry[] }>(`SELECT entries FROM ${this.catalog.t('ledgers')} WHERE pipeline = $1 AND object = $2`, [
      this.pipeline,
      manifest.ledger.object,
    ]);
    if (!rows[0] || !Array.isArray(rows[0].entries)) {
      throw new DroplineError('STATE_CORRUPT', `catalog ${this.catalog.t('ledgers')}: the ledger of snapshot ${manifest.id} (${manifest.ledger.object}) is missing`, {
        pipeline: this.pipeline,
      });
    }
    return rows[0].entries;
  }

  /** Deletes the ledgers no manifest of the pipeline names any more (in the caller's transaction). */
  async sweep(db: Queryable): Promise<void> {
    await db.query(
      `DELETE FROM ${this.catalog.t('ledgers')} l WHERE l.pipeline = $1
         AND NOT EXISTS (SELECT 1 FROM ${this.catalog.t('manifests')} m WHERE m.pipeline = l.pipeline AND m.manifest->'ledger'->>'object' = l.object)`,
      [this.pipeline],
    );
  }
}
