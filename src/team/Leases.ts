import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DroplineError } from '../errors/DroplineError.js';
import type { Catalog } from './Catalog.js';

/** A pipeline held by one process: the epoch fences its commit (a later lease has a greater one). */
export interface Lease {
  pipeline: string;
  epoch: number;
  holder: string;
}

interface HolderRow {
  holder: string | null;
  command: string | null;
  lease_until: Date | null;
  epoch: string;
}

const POLL_MS = 250;

/** This process's name in the catalog: `$DROPLINE_WORKER_ID`, else `<host>:<pid>`. */
export function holderId(env: NodeJS.ProcessEnv = process.env): string {
  return env.DROPLINE_WORKER_ID || `${hostname()}:${process.pid}`;
}

/**
 * Exclusive runs across machines: a lease on a pipeline in the catalog's
 * `pipelines` table, taken when free or expired, renewed by its holder, with
 * an epoch that grows by one on every take. Expiry alone proves nothing (a
 * paused holder wakes up believing it still holds it): the commit checks the
 * epoch in the same transaction that moves the head (CatalogManifests).
 */
export class Leases {
  constructor(private readonly catalog: Catalog) {}

  /** Takes the pipeline's lease, waiting up to `waitSeconds` for a holder to release it or let it expire; else LOCKED. */
  async acquire(pipeline: string, holder: string, command: string, waitSeconds: number): Promise<Lease> {
    const seconds = this.catalog.config.leaseSeconds;
    const deadline = performance.now() + waitSeconds * 1000;
    await this.catalog.query(`INSERT INTO ${this.catalog.t('pipelines')} (pipeline) VALUES ($1) ON CONFLICT DO NOTHING`, [pipeline]);
    for (;;) {
      const taken = await this.catalog.query<{ epoch: string }>(
        `UPDATE ${this.catalog.t('pipelines')}
            SET epoch = epoch + 1, holder = $2, command = $3, lease_until = now() + make_interval(secs => $4)
          WHERE pipeline = $1 AND (holder IS NULL OR lease_until < now())
          RETURNING epoch`,
        [pipeline, holder, command, seconds],
      );
      if (taken[0]) return { pipeline, epoch: Number(taken[0].epoch), holder };
      const left = deadline - performance.now();
      if (left <= 0) throw await this.locked(pipeline, waitSeconds);
      await sleep(Math.min(POLL_MS, left));
    }
  }

  /** Extends the lease; false when another process has taken the pipeline since (the epoch moved on). */
  async renew(lease: Lease): Promise<boolean> {
    const rows = await this.catalog.query(
      `UPDATE ${this.catalog.t('pipelines')} SET lease_until = now() + make_interval(secs => $3)
        WHERE pipeline = $1 AND epoch = $2 AND holder = $4 RETURNING 1`,
      [lease.pipeline, lease.epoch, this.catalog.config.leaseSeconds, lease.holder],
    );
    return rows.length === 1;
  }

  /** Gives the pipeline up, if this lease still holds it. */
  async release(lease: Lease): Promise<void> {
    await this.catalog.query(`UPDATE ${this.catalog.t('pipelines')} SET holder = NULL, command = NULL, lease_until = NULL WHERE pipeline = $1 AND epoch = $2 AND holder = $3`, [
      lease.pipeline,
      lease.epoch,
      lease.holder,
    ]);
  }

  private async locked(pipeline: string, waitSeconds: number): Promise<DroplineError> {
    const row = (await this.catalog.query<HolderRow>(`SELECT holder, command, lease_until, epoch FROM ${this.catalog.t('pipelines')} WHERE pipeline = $1`, [pipeline]))[0];
    const who = row?.holder ? `${row.holder} (${row.command ?? 'a run'}, lease until ${row.lease_until?.toISOString()})` : 'another process';
    const advice = waitSeconds > 0 ? `still held after waiting ${waitSeconds}s; wait longer with --wait <seconds>` : 'wait for it, or pass --wait <seconds>';
    return new DroplineError('LOCKED', `pipeline ${pipeline} is held by ${who}; ${advice}`, { pipeline });
  }
}
