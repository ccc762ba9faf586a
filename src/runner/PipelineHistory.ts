import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import type { DefinitionLoader } from '../definition/DefinitionLoader.js';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';
import { Progress } from '../util/Progress.js';
import type { LedgerEntry, SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { SnapshotStore } from '../snapshots/SnapshotStore.js';
import { selectPrunable } from '../snapshots/selectPrunable.js';
import { parseSnapshotId } from '../snapshots/snapshotId.js';
import type { Source, SourceFactory } from '../sources/Source.js';
import { TOKENS } from '../tokens.js';
import { atomicWrite } from '../util/atomicWrite.js';
import type { Clock } from '../util/Clock.js';
import { crashPoint } from '../util/crashPoint.js';
import type { Workspace } from '../workspace/Workspace.js';
import { recordedPaths } from '../snapshots/recordedPaths.js';
import { checkArchiveUnmoved } from './checkArchiveUnmoved.js';
import { checkPathsUnchanged } from './checkPathsUnchanged.js';
import { committedFailure } from './committedFailure.js';
import type { PipelineLocks } from './PipelineLocks.js';
import { readCleanMarker } from './readCleanMarker.js';
import { RejectsJournal } from './RejectsJournal.js';
import type { SinkPublisher } from '../sinks/SinkPublisher.js';

export interface ResetResult {
  snapshot: SnapshotManifest;
  requeued: string[];
}

export interface CleanPlan {
  latest: string | null;
  snapshots: number;
  rejects: string[];
  /** Archived inputs that move back into the drop. */
  requeue: LedgerEntry[];
  /** After `clean --yes`: the names actually moved back (a file gone from the archive is not). */
  moved?: string[];
}

const CLEAN_MARKER = 'clean.pending';

/**
 * A pipeline's life beyond a run: reset to a snapshot, clean to start over,
 * prune old snapshots, and the recovery every locked operation starts with.
 */
@injectable()
export class PipelineHistory {
  constructor(
    @inject(TOKENS.DefinitionLoader) private readonly definitions: DefinitionLoader,
    @inject(TOKENS.SourceFactory) private readonly sources: SourceFactory,
    @inject(TOKENS.SnapshotStore) private readonly store: SnapshotStore,
    @inject(TOKENS.PipelineLocks) private readonly locks: PipelineLocks,
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.SinkPublisher) private readonly sinks: SinkPublisher,
    @inject(RejectsJournal) private readonly rejects: RejectsJournal,
    @inject(Progress) private readonly progress: Progress,
  ) {}

  /**
   * Finishes whatever a crash interrupted (call under the lock): a clean, a
   * latest.csv that differs from the last snapshot, inputs a reset meant to
   * move back into the drop. With `archiveIngested`, inputs still in the drop
   * that the last snapshot already holds are acknowledged (a run does this
   * itself while reading; reset and clean must, or they would apply them again).
   */
  async recover(definition: PipelineDefinition, source: Source, archiveIngested = false): Promise<void> {
    const marker = this.markerPath(definition);
    const pending = await readCleanMarker(marker, this.workspace, definition.name);
    if (pending) {
      this.logger.warn(`finishing an interrupted clean of pipeline ${definition.name}`, { pipeline: definition.name });
      await this.finishClean(definition, source, pending);
    }
    await this.store.ensureLatest(definition);
    await this.rejects.settle(definition);
    const head = await this.store.head(definition);
    if (archiveIngested && head) {
      const ledger = new Set((await this.store.readLedger(definition, head)).map((e) => e.sha256));
      for (const input of await source.list()) {
        const table = await source.open(input).catch(() => null);
        if (table && ledger.has(table.fingerprint)) await source.acknowledge([input]);
      }
    }
    if (head?.kind === 'reset' && head.requeued && source.requeue) {
      const moved = await source.requeue(head.requeued);
      if (moved.length > 0) this.logger.warn(`moved ${moved.length} file(s) back into the drop that an interrupted reset left in the archive`, { pipeline: definition.name });
    }
  }

  async reset(name: string, to: string, options: { reprocess: boolean; wait: number; acceptPaths?: boolean }): Promise<ResetResult> {
    const definition = await this.definitions.loadChecked(name);
    const source = await this.sources.create(definition);
    const sinks = await this.sinks.open(definition);
    return this.locks.with(definition, 'dropline reset', options.wait, async () => {
      // Before recovery, which already moves files: only a reset that moves files back needs the archive where it was.
      if (options.reprocess) await this.checkArchive(definition, 'reset --reprocess', Boolean(options.acceptPaths));
      await this.recover(definition, source, true);
      const target = await this.snapshot(definition, to);
      const head = await this.store.head(definition);
      let requeue: LedgerEntry[] = [];
      if (options.reprocess) {
        if (!source.requeue) throw new DroplineError('USAGE', `source type "${definition.source.type}" cannot move inputs back; reset without --reprocess`, { pipeline: name });
        const kept = new Set((await this.store.readLedger(definition, target)).map((e) => e.sha256));
        requeue = (await this.store.readLedger(definition, head)).filter((e) => !kept.has(e.sha256));
      }
      const history = await this.store.list(definition);
      const files = new Map(history.flatMap((m) => m.files.map((f) => [f.sha256, f] as const)));
      const id = await this.store.nextId(definition);
      const writing = this.progress.phase(name, 'write', target.latest.rows, 'rows');
      const snapshot = await this.store
        .commitReset(definition, { id, parent: head?.id ?? null, target, requeued: requeue.map((e) => files.get(e.sha256) ?? { ...e, rows: 0 }) })
        .catch(async (err: unknown) => {
          // Once its manifest is written the reset is recorded (the next run restores latest.csv from it): exit 5, not "nothing changed".
          const recorded = (await this.store.head(definition).catch(() => null))?.id === id;
          throw recorded ? committedFailure(err, name, id) : err;
        });
      writing(target.latest.rows);
      if (head && checkPathsUnchanged(name, head, snapshot.paths ?? recordedPaths(definition, this.workspace), true)) {
        this.logger.warn(`pipeline ${name}: the definition resolves to other folders than snapshot ${head.id} was made with; the reset wrote latest.csv to ${definition.output.path} and records the new paths`, { pipeline: name });
      }
      try {
        const requeued = requeue.length > 0 ? await this.requeue(definition, source, requeue) : [];
        this.logger.info(`reset to ${target.id} as snapshot ${snapshot.id}`, { pipeline: name, requeued: requeued.length });
        await this.sinks.publish(definition, sinks);
        return { snapshot, requeued };
      } catch (err) {
        throw committedFailure(err, name, snapshot.id);
      }
    });
  }

  /** What `clean` would remove and move back. */
  async planClean(name: string): Promise<CleanPlan> {
    return this.plan(await this.definitions.loadChecked(name));
  }

  async clean(name: string, wait: number, acceptPaths = false): Promise<CleanPlan> {
    const definition = await this.definitions.loadChecked(name);
    const source = await this.sources.create(definition);
    const sinks = await this.sinks.open(definition);
    return this.locks.with(definition, 'dropline clean', wait, async () => {
      await this.checkArchive(definition, 'clean', acceptPaths);
      await this.recover(definition, source, true);
      const plan = await this.plan(definition);
      await atomicWrite(this.markerPath(definition), JSON.stringify(plan) + '\n');
      crashPoint('clean-after-marker');
      const moved = await this.finishClean(definition, source, plan);
      await this.sinks.publish(definition, sinks);
      return { ...plan, moved };
    });
  }

  /** Removes the snapshots the retention policy lets go (all of them with `dryRun` only listed). */
  async prune(name: string, dryRun: boolean, wait = 0): Promise<string[]> {
    const definition = await this.definitions.load(name);
    if (dryRun) return this.prunable(definition);
    return this.locks.with(definition, 'dropline prune', wait, async () => {
      await this.rejects.settle(definition);
      return this.applyRetention(definition);
    });
  }

  /** Prunes by the definition's retention; the runner calls it under its lock after a commit. */
  async applyRetention(definition: PipelineDefinition): Promise<string[]> {
    const prunable = await this.prunable(definition);
    if (prunable.length > 0) {
      // Their rejects files go with them (journaled first, so a crash cannot leave them behind).
      const doomed = new Set(prunable);
      await this.rejects.intend(definition, RejectsJournal.of((await this.store.list(definition)).filter((m) => doomed.has(m.id))));
      await this.store.remove(definition, prunable);
      await this.rejects.settle(definition);
      this.logger.info(`pruned ${prunable.length} snapshot(s)`, { pipeline: definition.name, ids: prunable });
    }
    return prunable;
  }

  async setPinned(name: string, id: string, pinned: boolean, wait = 0): Promise<string> {
    const definition = await this.definitions.load(name);
    return this.locks.with(definition, pinned ? 'dropline pin' : 'dropline unpin', wait, async () => {
      const snapshot = await this.snapshot(definition, id);
      await this.store.setPinned(definition, snapshot.id, pinned);
      return snapshot.id;
    });
  }

  /** A snapshot by id; `latest` names the newest. */
  async snapshot(definition: PipelineDefinition, id: string): Promise<SnapshotManifest> {
    if (id !== 'latest') return this.store.get(definition, id);
    const head = await this.store.head(definition);
    if (head) return head;
    throw new DroplineError('SNAPSHOT_NOT_FOUND', `pipeline ${definition.name} has no snapshots yet, so "latest" names none; make the first with: dropline run ${definition.name}`, {
      pipeline: definition.name,
    });
  }

  private async prunable(definition: PipelineDefinition): Promise<string[]> {
    const { keep, maxAgeMs } = definition.snapshots;
    if (keep === undefined && maxAgeMs === undefined) return [];
    // Ages come from the ids, which only ever grow, so a clock that stepped back cannot reorder them.
    const snapshots = (await this.store.list(definition)).map((m) => ({ id: m.id, createdAt: parseSnapshotId(m.id).toISOString() }));
    return selectPrunable(snapshots, { keep, maxAgeMs }, await this.store.pins(definition), this.clock.now());
  }

  private async plan(definition: PipelineDefinition): Promise<CleanPlan> {
    const manifests = await this.store.list(definition);
    const requeue = new Map<string, LedgerEntry>();
    for (const m of manifests) for (const e of await this.store.readLedger(definition, m)) requeue.set(e.sha256, e);
    const latestPath = this.workspace.resolve(definition.output.path, 'output.path');
    const latest = await readFile(latestPath).then(() => this.workspace.display(latestPath), () => null);
    return {
      latest,
      snapshots: manifests.length,
      rejects: manifests.flatMap((m) => (m.rejects ? [m.rejects] : [])),
      requeue: [...requeue.values()],
    };
  }

  /** Returns the names moved back into the drop. */
  private async finishClean(definition: PipelineDefinition, source: Source, plan: CleanPlan): Promise<string[]> {
    const removing = this.progress.phase(definition.name, 'remove', plan.snapshots, 'snapshots');
    await this.store.destroy(definition);
    for (const r of plan.rejects) await rm(this.workspace.resolve(r, 'rejects'), { force: true });
    removing(plan.snapshots);
    crashPoint('clean-after-destroy');
    // Starting over: every archived input goes back, also those only a pruned snapshot had named.
    const moved = source.requeue ? await this.requeue(definition, source, plan.requeue, { everything: true }) : [];
    await rm(this.markerPath(definition), { force: true });
    return moved;
  }

  /** Moves archived inputs back into the drop, in one call to the source (it matches them across the whole archive). */
  private async requeue(definition: PipelineDefinition, source: Source, entries: LedgerEntry[], options?: { everything: boolean }): Promise<string[]> {
    const moving = this.progress.phase(definition.name, 'requeue', entries.length, 'files');
    const moved = await source.requeue!(entries, options);
    moving(entries.length);
    return moved;
  }

  /** Refuses (PATHS_CHANGED) to move archived files back when the history archived them elsewhere. */
  private async checkArchive(definition: PipelineDefinition, what: string, accept: boolean): Promise<void> {
    checkArchiveUnmoved(definition.name, what, await this.store.list(definition), recordedPaths(definition, this.workspace), accept);
  }

  private markerPath(definition: PipelineDefinition): string {
    return join(this.workspace.resolve(definition.snapshots.path, 'snapshots.path'), definition.name, CLEAN_MARKER);
  }
}
