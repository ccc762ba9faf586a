import { DroplineError } from '../errors/DroplineError.js';
import type { ManifestCatalog } from '../snapshots/ManifestCatalog.js';
import { parseManifest } from '../snapshots/parseManifest.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import { stateDamaged } from '../snapshots/stateDamaged.js';
import type { Catalog, Queryable } from './Catalog.js';
import { CatalogLedgers } from './CatalogLedgers.js';
import type { HeldLeases } from './HeldLeases.js';
import type { Lease } from './Leases.js';

/**
 * A pipeline's manifests, pins and ledgers in the team catalog (tables
 * `manifests`, `pins`, `ledgers` and `pipelines.head`). Every change is one transaction that first
 * checks, row-locked, that this process's lease is still the pipeline's
 * current one: a holder whose lease was taken over changes nothing
 * (LEASE_LOST), however late it wakes up.
 */
export class CatalogManifests implements ManifestCatalog {
  readonly ledgers: CatalogLedgers;

  constructor(
    private readonly catalog: Catalog,
    private readonly held: HeldLeases,
    private readonly pipeline: string,
  ) {
    this.ledgers = new CatalogLedgers(catalog, pipeline);
  }

  async ids(): Promise<string[]> {
    const rows = await this.catalog.query<{ id: string }>(`SELECT id FROM ${this.catalog.t('manifests')} WHERE pipeline = $1 ORDER BY id`, [this.pipeline]);
    return rows.map((r) => r.id);
  }

  async read(id: string): Promise<SnapshotManifest | null> {
    const rows = await this.catalog.query<{ manifest: unknown }>(`SELECT manifest FROM ${this.catalog.t('manifests')} WHERE pipeline = $1 AND id = $2`, [this.pipeline, id]);
    if (!rows[0]) return null;
    const manifest = parseManifest(rows[0].manifest, id);
    if (manifest instanceof Error) {
      const where = `catalog ${this.catalog.t('manifests')} (pipeline ${this.pipeline}, id ${id})`;
      throw stateDamaged(where, `the manifest of snapshot ${id} is damaged`, 'restore the catalog from a backup', this.pipeline, manifest);
    }
    return manifest;
  }

  async write(manifest: SnapshotManifest): Promise<void> {
    await this.catalog.transaction(async (db) => {
      const lease = this.lease();
      // A retried transaction whose COMMIT was lost with its connection may have gone through.
      const done = await db.query(`SELECT 1 FROM ${this.catalog.t('manifests')} WHERE pipeline = $1 AND id = $2 AND epoch = $3`, [this.pipeline, manifest.id, lease.epoch]);
      if (done.rowCount) return;
      await this.fence(db);
      await db.query(`INSERT INTO ${this.catalog.t('manifests')} (pipeline, id, manifest, epoch, holder) VALUES ($1, $2, $3, $4, $5)`, [
        this.pipeline,
        manifest.id,
        JSON.stringify(manifest),
        lease.epoch,
        lease.holder,
      ]);
      await db.query(`UPDATE ${this.catalog.t('pipelines')} SET head = $2 WHERE pipeline = $1`, [this.pipeline, manifest.id]);
    });
  }

  async remove(ids: string[]): Promise<void> {
    await this.catalog.transaction(async (db) => {
      await this.fence(db);
      await db.query(`DELETE FROM ${this.catalog.t('manifests')} WHERE pipeline = $1 AND id = ANY($2)`, [this.pipeline, ids]);
      await db.query(`DELETE FROM ${this.catalog.t('pins')} WHERE pipeline = $1 AND id = ANY($2)`, [this.pipeline, ids]);
      await this.ledgers.sweep(db);
      await this.moveHead(db);
    });
  }

  async clear(): Promise<void> {
    await this.catalog.transaction(async (db) => {
      await this.fence(db);
      await db.query(`DELETE FROM ${this.catalog.t('manifests')} WHERE pipeline = $1`, [this.pipeline]);
      await db.query(`DELETE FROM ${this.catalog.t('pins')} WHERE pipeline = $1`, [this.pipeline]);
      await this.ledgers.sweep(db);
      await this.moveHead(db);
    });
  }

  async pins(): Promise<Set<string>> {
    const rows = await this.catalog.query<{ id: string }>(`SELECT id FROM ${this.catalog.t('pins')} WHERE pipeline = $1`, [this.pipeline]);
    return new Set(rows.map((r) => r.id));
  }

  async setPinned(id: string, pinned: boolean): Promise<void> {
    await this.catalog.transaction(async (db) => {
      await this.fence(db);
      if (pinned) await db.query(`INSERT INTO ${this.catalog.t('pins')} (pipeline, id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [this.pipeline, id]);
      else await db.query(`DELETE FROM ${this.catalog.t('pins')} WHERE pipeline = $1 AND id = $2`, [this.pipeline, id]);
    });
  }

  private lease(): Lease {
    const lease = this.held.get(this.pipeline);
    if (!lease) throw new Error(`internal: pipeline ${this.pipeline} changed without its lease`);
    return lease;
  }

  /** Row-locks the pipeline and refuses unless this process's lease is still its current one. */
  private async fence(db: Queryable): Promise<void> {
    const lease = this.lease();
    const rows = await db.query<{ epoch: string; holder: string | null }>(`SELECT epoch, holder FROM ${this.catalog.t('pipelines')} WHERE pipeline = $1 FOR UPDATE`, [
      this.pipeline,
    ]);
    const now = rows.rows[0];
    if (now && Number(now.epoch) === lease.epoch) return;
    const by = now?.holder ? ` by ${now.holder}` : ' by a later run';
    throw new DroplineError(
      'LEASE_LOST',
      `pipeline ${this.pipeline}: this process's lease (epoch ${lease.epoch}) was taken over${by} (epoch ${now?.epoch ?? '?'}) before it could commit: it was paused or slower than catalog.leaseSeconds (${this.catalog.config.leaseSeconds}s) allows; nothing was committed, and the other run stands; inputs still in the drop are taken by the next run`,
      { pipeline: this.pipeline },
    );
  }

  private async moveHead(db: Queryable): Promise<void> {
    await db.query(`UPDATE ${this.catalog.t('pipelines')} SET head = (SELECT max(id) FROM ${this.catalog.t('manifests')} WHERE pipeline = $1) WHERE pipeline = $1`, [
      this.pipeline,
    ]);
  }
}
