import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { toDroplineError } from '../errors/toDroplineError.js';
import { PipelineSession, type OpenedPipeline } from '../scope/PipelineSession.js';
import { PipelineStore } from '../scope/PipelineStore.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { SnapshotDraft } from '../snapshots/SnapshotStore.js';
import type { WaitingInput } from '../sources/Source.js';
import { tableContent } from '../table/LatestContent.js';
import type { Table } from '../table/Table.js';
import type { HeaderMapping } from '../validation/Validator.js';
import { recordedPaths } from '../snapshots/recordedPaths.js';
import { crashPoint } from '../util/crashPoint.js';
import type { IngestJob, MergedLatest } from './MergeEngine.js';
import { MergeEngines } from './MergeEngines.js';
import { checkPathsUnchanged } from './checkPathsUnchanged.js';
import { committedFailure } from './committedFailure.js';
import type { RunContext } from './LifecycleHooks.js';
import { SinkPublisher } from '../sinks/SinkPublisher.js';
import { ArchiveRetention } from '../retention/ArchiveRetention.js';
import { Retention } from './Retention.js';
import { RunCommittedError } from './RunCommittedError.js';
import { RunHooks } from './RunHooks.js';
import { RunRecorder } from '../status/RunRecorder.js';
import type { RunOptions, RunSummary } from './RunSummary.js';
import { writeRejects } from './writeRejects.js';
import { afterCommit } from './afterCommit.js';

/**
 * Drives one run of the scope's pipeline: Source -> Validator -> Merger ->
 * SnapshotStore, under the pipeline's lock. Nothing leaves the drop before the
 * snapshot that ingested it is committed, so a crash at any point leaves inputs
 * in the drop for the next run, which skips those the last snapshot already recorded.
 */
@injectable()
export class PipelineRunner {
  constructor(
    @inject(PipelineSession) private readonly session: PipelineSession,
    @inject(PipelineStore) private readonly store: PipelineStore,
    @inject(MergeEngines) private readonly engines: MergeEngines,
    @inject(SinkPublisher) private readonly sinks: SinkPublisher,
    @inject(Retention) private readonly retention: Retention,
    @inject(ArchiveRetention) private readonly archive: ArchiveRetention,
    @inject(RunHooks) private readonly hooks: RunHooks,
    @inject(RunRecorder) private readonly recorder: RunRecorder,
  ) {}

  async run(options: RunOptions = {}): Promise<RunSummary> {
    const { context } = this.session;
    const definition = await context.check();
    const latestPath = context.resolve(definition.output.path, 'output.path');
    context.logger.addFile(join(latestPath, '..', 'logs', `${definition.name}.log`));
    return this.session.locked(options.replay ? 'dropline replay' : 'dropline run', options.wait ?? 0, async () => {
      const run: RunContext = { pipeline: definition.name, runId: await this.store.nextId(), definition };
      try {
        let moved = false;
        // Before recovery, which already writes latest.csv and archives: both go where the definition says now.
        const before = async () => {
          moved = checkPathsUnchanged(definition.name, await this.store.head(), recordedPaths(definition, context.workspace), Boolean(options.acceptPaths));
        };
        const opened = await this.session.prepare({ before });
        const summary = await this.runLocked(run, latestPath, options.replay ? { ...opened, source: options.replay } : opened, moved, options);
        await this.recorder.ended(run);
        return summary;
      } catch (err) {
        // A failure after this run's snapshot was committed says so (exit 5), whatever step it came from.
        const committed = (await this.store.head().catch(() => null))?.id === run.runId;
        const failure = committed ? committedFailure(err, definition.name, run.runId) : err;
        const error = failure instanceof Error ? failure : new Error(String(failure));
        await this.recorder.ended(run, failure);
        for (const hook of this.hooks.onError) await hook.onError({ ...run, error });
        throw failure;
      }
    });
  }

  /** Commits the snapshot; if that fails before its manifest is written, the run's rejects file goes too. */
  private async commitOrDropRejects(definition: PipelineDefinition, draft: SnapshotDraft): Promise<SnapshotManifest> {
    try {
      return await this.store.commit(draft);
    } catch (err) {
      if (draft.rejects)
        await this.store
          .settleRejects()
          .catch((e: unknown) => this.session.context.logger.warn(`could not remove the rejects file of the failed run: ${String(e)}`, { pipeline: definition.name }));
      throw err;
    }
  }

  private async runLocked(run: RunContext, latestPath: string, { source, sinks }: OpenedPipeline, moved: boolean, options: RunOptions): Promise<RunSummary> {
    const { definition, runId } = run;
    const { workspace, logger } = this.session.context;
    const { progress } = this.hooks;
    const started = Date.now();
    const log = logger.child({ runId, stage: 'runner' });
    log.info(`run ${runId} of pipeline ${definition.name} started`);

    const inputs = await source.list();
    const waiting: WaitingInput[] = [...(source.waiting?.() ?? [])];
    for (const hook of this.hooks.beforeRun) await hook.beforeRun({ ...run, inputs: inputs.map((i) => i.name) });
    const head = await this.store.head();
    const baseLedger = await this.store.readLedger(head);
    const seen = new Map(options.force ? [] : baseLedger.map((e) => [e.sha256, e.name] as const));

    const reading = progress.phase(definition.name, 'read', inputs.length, 'files');
    const job: IngestJob = {
      definition,
      source,
      inputs,
      head,
      seen,
      log,
      rowsRead: (files, rows) => reading(files, rows),
      fileDone: async (outcome, rows) => {
        const counts = outcome.kind === 'processed' ? { rows: outcome.rows, rejected: outcome.rejected } : { rows: 0, rejected: 0 };
        for (const hook of this.hooks.afterFile) await hook.afterFile({ ...run, file: outcome.input.name, outcome: outcome.kind, ...counts });
        filesDone++;
        options.onProgress?.({ filesDone, filesTotal: inputs.length, rowsRead: rows });
        reading(filesDone, rows);
      },
    };
    let filesDone = 0;
    const { engine, result: ingested } = await this.engines.ingest(job, options.engine);
    const { outcomes, rejects, read } = ingested;

    const processed = outcomes.filter((o) => o.kind === 'processed');
    const quarantined = outcomes.filter((o) => o.kind === 'quarantined');
    const skipped = outcomes.filter((o) => o.kind === 'skipped');
    if (definition.validation.badRows === 'fail' && (rejects.length > 0 || quarantined.length > 0)) {
      const first = rejects[0];
      const what = first ? `${first.file}:${first.line}: ${first.message}` : `${quarantined[0]!.input.name}: ${quarantined[0]!.reason.message}`;
      throw new DroplineError(
        'VALIDATION_FAILED',
        `${what} (${rejects.length} row(s) rejected, ${quarantined.length} file(s) unusable; validation.badRows is "fail", so nothing was changed)`,
        { pipeline: definition.name },
      );
    }

    const rejectsPath = rejects.length > 0 ? join(workspace.resolve(definition.validation.rejects, 'validation.rejects'), `${runId}.csv`) : null;
    if (rejectsPath) {
      // Journaled first: if the run dies before its commit, recovery removes the file no snapshot names.
      await this.store.intendRejects([workspace.display(rejectsPath)]);
      await writeRejects(rejectsPath, rejects);
    }

    if (ingested.finish) progress.report({ pipeline: definition.name, phase: 'merge', done: 0, total: null, unit: 'rows', rows: read });
    let result: MergedLatest | null = ingested.finish ? ingested.finish() : null;
    // An accepted move is recorded even when nothing was ingested, or the next run would be refused again.
    if (result === null && moved && head) result = unchangedLatest(await this.store.readTable(head));
    let snapshot: SnapshotManifest | null = null;
    if (result !== null) {
      const writing = progress.phase(definition.name, 'write', result.content.rows, 'rows');
      crashPoint('before-commit');
      snapshot = await this.commitOrDropRejects(definition, {
        id: runId,
        parent: head?.id ?? null,
        files: processed.map((o) => ({ name: o.input.name, sha256: o.sha256, rows: o.rows, ...(o.input.modifiedAt ? { modifiedAt: o.input.modifiedAt.toISOString() } : {}) })),
        counts: { read, merged: read - rejects.length, rejected: rejects.length, inserted: result.inserted, updated: result.updated },
        headers: processed.map((o) => ({ file: o.input.name, matches: o.mapping?.matches ?? [], ...extrasOf(o.mapping) })),
        content: result.content,
        changes: result.changes?.() ?? null,
        baseLedger,
        ...(options.replay ? { kind: 'replay' as const } : {}),
        ...(rejectsPath ? { rejects: workspace.display(rejectsPath) } : {}),
      });
      writing(result.content.rows);
      log.info(`snapshot ${snapshot.id} committed`, { rows: snapshot.latest.rows, inserted: result.inserted, updated: result.updated });
      if (rejectsPath) await afterCommit(log, 'settling the rejects journal', () => this.store.settleRejects());
    }

    // Only now, with the snapshot recorded, do inputs leave the drop. What fails
    // from here on cannot undo the commit: it is logged, and the next run finishes it.
    // A source may decline an input that changed after it was read: it waits for the next run.
    const handled = [...processed, ...skipped];
    const archiving = progress.phase(definition.name, 'archive', handled.length, 'files');
    for (const [i, o] of handled.entries()) {
      await afterCommit(log, `archiving ${o.input.name}`, async () => {
        waiting.push(...((await source.acknowledge([o.input])) ?? []));
        crashPoint('after-acknowledge');
      });
      archiving(i + 1);
    }
    if (handled.length > 0 && source.finishAcknowledging) await afterCommit(log, 'archiving', () => source.finishAcknowledging!());
    const setAside: typeof quarantined = [];
    for (const q of quarantined) {
      let declined: WaitingInput[] = [];
      const moved = await afterCommit(log, `quarantining ${q.input.name}`, async () => {
        declined = (await source.quarantine(q.input, q.reason)) ?? [];
      });
      waiting.push(...declined);
      if (declined.length > 0) continue;
      setAside.push(q);
      if (moved) log.warn(`quarantined ${q.input.name}: ${q.reason.message}`, { file: q.input.name, code: q.reason.code });
    }
    if (snapshot) await afterCommit(log, 'pruning old snapshots', () => this.retention.apply());
    if (snapshot && this.archive.enabled()) await afterCommit(log, 'applying source.retain to the archive', () => this.archive.apply());
    // Sinks follow the committed snapshot; one that fails is reported once the run is otherwise complete.
    // A sink that shows the parent snapshot needs only the rows this run changed (runs never delete keys).
    const publishing = snapshot && result && sinks.length > 0 ? result : null;
    const changed = publishing && snapshot?.parent ? publishing.changed() : null;
    const changes = changed && snapshot?.parent ? { since: snapshot.parent, rows: changed } : undefined;
    const latest = snapshot && publishing ? { snapshot, table: () => publishing.table(), columns: publishing.content.columns, ...(changes ? { changes } : {}) } : undefined;
    const sinkFailure = await this.sinks.publish(definition, sinks, latest).then(
      () => null,
      (err: unknown) => err,
    );

    const summary: RunSummary = {
      pipeline: definition.name,
      runId,
      snapshot: snapshot?.id ?? null,
      files: { processed: processed.length, quarantined: setAside.length, skipped: skipped.length, waiting, ignored: source.ignored?.() ?? [] },
      rows: { read, merged: read - rejects.length, rejected: rejects.length },
      latest: {
        rows: snapshot ? snapshot.latest.rows : (head?.latest.rows ?? 0),
        inserted: result?.inserted ?? 0,
        updated: result?.updated ?? 0,
        path: workspace.display(latestPath),
      },
      headers: processed.flatMap((o) => (o.mapping?.matches ?? []).filter((m) => m.how !== 'exact').map(({ index: _i, ...m }) => ({ file: o.input.name, ...m }))),
      quarantined: setAside.map((q) => ({ file: q.input.name, ...q.reason })),
      rejects: rejectsPath ? workspace.display(rejectsPath) : null,
      durationMs: Date.now() - started,
      engine,
    };
    log.info(`run ${runId} finished`, { files: summary.files, rows: summary.rows, snapshot: summary.snapshot });
    for (const hook of this.hooks.afterCommit) await hook.afterCommit({ ...run, snapshot, summary });
    if (sinkFailure) throw new RunCommittedError(toDroplineError(sinkFailure), summary);
    return summary;
  }
}

/** The headers of a file that mapped onto no column, when there are any (recorded for `dropline status`'s drift check). */
function extrasOf(mapping: HeaderMapping | null): { extras?: string[] } {
  return mapping && mapping.extras.length > 0 ? { extras: mapping.extras.map((e) => e.header) } : {};
}

/** The head's table committed again as it is (an accepted move of the drop, archive or output). */
function unchangedLatest(table: Table): MergedLatest {
  return { content: tableContent(table), inserted: 0, updated: 0, table: () => Promise.resolve(table), changed: () => [], changes: () => [] };
}
