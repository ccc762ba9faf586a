import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import { PipelineContext } from '../scope/PipelineContext.js';
import { PipelineStore } from '../scope/PipelineStore.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';
import { crashPoint } from '../util/crashPoint.js';
import { fileNameBytes } from '../util/fileNameText.js';
import { pathIn } from '../util/moveFile.js';
import { sha256 } from '../util/sha256.js';
import { compressArchived } from './compressArchived.js';
import { removeArchived } from './removeArchived.js';
import { dateInputs } from './dateInputs.js';
import { planArchive, type ArchivePlan } from './planArchive.js';
import { readArchived } from './readArchived.js';
import { restoreArchived } from './restoreArchived.js';
import { RetentionStateFile, type RetentionState } from './RetentionStateFile.js';
import { surveyArchive } from './surveyArchive.js';

/**
 * `source.retain` for the scope's pipeline: compresses and deletes archived
 * inputs by the age of the snapshot that ingested them, records what it did in
 * `<snapshots.path>/<pipeline>/retention.json` (the base clean rebuilds from,
 * the inputs deleted, the gzip files it made), and turns its gzip files back
 * into the inputs they were before they move back into the drop.
 */
@injectable()
export class ArchiveRetention {
  constructor(
    @inject(PipelineContext) private readonly context: PipelineContext,
    @inject(PipelineStore) private readonly store: PipelineStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /** Whether the definition asks for retention of the archive. */
  enabled(): boolean {
    const { retain } = this.context.definition.source;
    return retain !== undefined && (retain.compressMs !== undefined || retain.deleteMs !== undefined);
  }

  /** What applying it now would do, changing nothing; `excluding`: snapshots about to be pruned. */
  async plan(excluding: ReadonlySet<string> = new Set()): Promise<ArchivePlan> {
    if (!this.enabled()) return { compress: [], delete: [], base: await this.base() };
    return this.compute(await this.state().read(), excluding);
  }

  /** Compresses and deletes what the plan says (call under the lock); a crash part way is completed by the next call. */
  async apply(): Promise<ArchivePlan> {
    const file = this.state();
    const state = await file.read();
    if (!this.enabled()) return { compress: [], delete: [], base: state.base };
    const plan = await this.compute(state);
    const dir = this.archiveDir();
    const now = this.clock.now().toISOString();
    if (plan.delete.length > 0) {
      // The base and the deletions are recorded first: clean knows the base before any input is gone.
      state.base = plan.base;
      const recorded = new Set(state.deleted.map((d) => d.sha256));
      for (const i of plan.delete) {
        if (!recorded.has(i.sha256)) state.deleted.push({ name: i.name, sha256: i.sha256, ingested: i.ingested!, deletedAt: now, base: plan.base! });
        recorded.add(i.sha256);
      }
      await file.write(state);
      crashPoint('retain-after-record');
      for (const i of plan.delete) {
        await removeArchived(dir, i.name);
        delete state.files[i.name];
        delete state.compressed[i.name];
        crashPoint('retain-mid-delete');
      }
    }
    for (const i of plan.compress) {
      const gz = await compressArchived(dir, i.name, i.sha256);
      crashPoint('retain-after-gzip');
      const stat = await lstat(pathIn(dir, fileNameBytes(gz)));
      state.compressed[gz] = { name: i.name, sha256: i.sha256 };
      state.files[gz] = { sha256: i.sha256, bytes: stat.size, mtimeMs: stat.mtimeMs, gzip: true, ingested: i.ingested };
      await file.write(state);
      await removeArchived(dir, i.name);
      delete state.files[i.name];
    }
    await file.write(state);
    if (plan.compress.length + plan.delete.length > 0) {
      const base = plan.delete.length > 0 ? `; clean now rebuilds from pinned snapshot ${plan.base}` : '';
      this.context.logger.info(`source.retain: compressed ${plan.compress.length} and deleted ${plan.delete.length} archived input(s)${base}`, { pipeline: this.context.name });
    }
    return plan;
  }

  /** The pinned snapshot clean rebuilds from, or null while no input was deleted. */
  async base(): Promise<string | null> {
    return (await this.state().read()).base;
  }

  /**
   * Turns the gzip files retention made back into the inputs they were, for
   * the inputs `wanted` picks by hash (before they move back into the drop).
   * Works whatever the definition says now: files compressed before retain was
   * removed from it come back as well.
   */
  async restore(wanted: (sha256: string) => boolean): Promise<void> {
    const file = this.state();
    const state = await file.read();
    const dir = this.archiveDir();
    for (const [gz, original] of Object.entries(state.compressed)) {
      if (!wanted(original.sha256)) continue;
      await restoreArchived(dir, gz, original.name, original.sha256);
      delete state.compressed[gz];
      delete state.files[gz];
      await file.write(state);
    }
  }

  /**
   * What stays in the archive when clean rebuilds from a base whose ledger is
   * `held`: those hashes, and the hashes of the gzip files retention made of
   * such inputs as the bytes they are (the source's hash of a gzip file when
   * source.compression is none).
   */
  async kept(held: ReadonlySet<string>): Promise<Set<string>> {
    const keep = new Set(held);
    const dir = this.archiveDir();
    for (const [gz, original] of Object.entries((await this.state().read()).compressed)) {
      const bytes = held.has(original.sha256) ? await readArchived(dir, gz) : null;
      if (bytes !== null) keep.add(sha256(bytes));
    }
    return keep;
  }

  /** Refuses to unpin the base: clean needs it, the inputs it holds having been deleted. */
  async checkUnpin(id: string): Promise<void> {
    const base = await this.base();
    if (base !== id) return;
    const name = this.context.name;
    throw new DroplineError(
      'USAGE',
      `snapshot ${id} of ${name} is the base dropline clean rebuilds from: inputs it holds were deleted under source.retain.delete, so it stays pinned; pin a newer snapshot, and once dropline prune ${name} has moved the base to it (it does when it deletes inputs that pin holds), unpin this one`,
      { pipeline: name },
    );
  }

  /** Refuses reset --reprocess to a snapshot that does not hold every deleted input: they could not be moved back. */
  async checkReprocess(target: SnapshotManifest): Promise<void> {
    const { deleted, base } = await this.state().read();
    if (deleted.length === 0) return;
    const ledger = new Set((await this.store.readLedger(target)).map((e) => e.sha256));
    const missing = deleted.filter((d) => !ledger.has(d.sha256));
    if (missing.length === 0) return;
    const name = this.context.name;
    throw new DroplineError(
      'USAGE',
      `cannot reset ${name} --reprocess to ${target.id}: ${missing.length} input(s) ingested after it (${missing[0]!.name}...) were deleted under source.retain.delete, so they cannot move back; reset --reprocess to the base ${base} or later, or reset without --reprocess`,
      { pipeline: name },
    );
  }

  private async compute(state: RetentionState, excluding: ReadonlySet<string> = new Set()): Promise<ArchivePlan> {
    const { retain, compression } = this.context.definition.source;
    const manifests = (await this.store.list()).filter((m) => !excluding.has(m.id));
    const inputs = await surveyArchive(this.archiveDir(), state, compression);
    await dateInputs(state, manifests, (m) => this.store.readLedger(m));
    // Pins and their ledgers matter only to delete.
    const pins = retain?.deleteMs === undefined ? new Set<string>() : await this.store.pins();
    const pinned = [];
    for (const m of manifests.filter((x) => pins.has(x.id))) pinned.push({ id: m.id, ledger: new Set((await this.store.readLedger(m)).map((e) => e.sha256)) });
    const dated = inputs.map((i) => ({ ...i, ingested: state.files[i.name]?.ingested ?? null }));
    const rules = { compressMs: retain?.compressMs, deleteMs: retain?.deleteMs, deleted: new Set(state.deleted.map((d) => d.sha256)), base: state.base };
    return planArchive(dated, pinned, rules, this.clock.now());
  }

  private archiveDir(): string {
    return this.context.resolve(this.context.definition.source.archive, 'source.archive');
  }

  private state(): RetentionStateFile {
    const { definition, workspace } = this.context;
    const path = join(this.context.resolve(definition.snapshots.path, 'snapshots.path'), definition.name, 'retention.json');
    const todo = `restore it from a backup; without it dropline cannot tell which inputs were deleted or compressed, so prune, clean and reset --reprocess refuse to run`;
    return new RetentionStateFile({
      path,
      shown: workspace.display(path),
      pipeline: definition.name,
      what: 'the record of source.retain (base, deleted and compressed inputs)',
      todo,
    });
  }
}
