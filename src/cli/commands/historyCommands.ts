import type { Command } from 'commander';
import { DroplineError } from '../../errors/DroplineError.js';
import { resolveAsOf } from '../../query/resolveAsOf.js';
import { SnapshotExport } from '../../query/SnapshotExport.js';
import { SnapshotQuery } from '../../query/SnapshotQuery.js';
import { SnapshotBrowser } from '../../query/SnapshotBrowser.js';
import { PipelineHistory } from '../../runner/PipelineHistory.js';
import { PipelineContext } from '../../scope/PipelineContext.js';
import { PipelineStore } from '../../scope/PipelineStore.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';
import { formatCleanPlan, formatDiff, formatSnapshotList } from '../formatHistory.js';
import { formatPrune } from '../formatPrune.js';
import { parseCount } from '../parseCount.js';

type Json = { json?: boolean };
const DATE_FORMS = 'a UTC date 2026-11-25, or 2026-11-25T21:42:31Z';
const acceptPathsHelp =
  'move archived files back even though a snapshot archived them under another drop or archive than the definition says now (PATHS_CHANGED); files left there stay there';
const waitOption = ['--wait <seconds>', 'wait this long for a run holding the lock', parseCount('--wait', 0), 0] as const;

/** snapshots, show, diff, export: reading a pipeline's history. */
export function browseCommands(program: Command, ctx: CliContext): void {
  const scope = (cmd: Command, pipeline: string) => ctx.pipeline(cmd.optsWithGlobals<GlobalOptions>(), pipeline);
  program
    .command('snapshots')
    .description('list the snapshots of a pipeline, oldest first, with the bytes they use')
    .argument('<pipeline>', 'pipeline name')
    .option('--json', 'print an array of {id, createdAt, rows, files, ...}')
    .action(async (pipeline: string, opts: Json, cmd: Command) => {
      const opened = await scope(cmd, pipeline);
      const { snapshots, usage } = await opened.get(SnapshotBrowser).list(opened.get(PipelineContext).definition);
      ctx.io.out((opts.json ? JSON.stringify(snapshots) : formatSnapshotList(pipeline, snapshots, usage)) + '\n');
    });
  program
    .command('show')
    .description("print a snapshot's manifest (files ingested, counts, header mappings, checksums)")
    .argument('<pipeline>', 'pipeline name')
    .argument('<snapshot>', `snapshot id, "latest", or a date or date-time: the newest snapshot by then (${DATE_FORMS})`)
    .action(async (pipeline: string, snapshot: string, _opts: unknown, cmd: Command) => {
      const store = (await scope(cmd, pipeline)).get(PipelineStore);
      ctx.io.out(JSON.stringify(await resolveAsOf(store, snapshot, { pipeline, unknown: 'SNAPSHOT_NOT_FOUND' }), null, 2) + '\n');
    });
  program
    .command('diff')
    .description('keys added, removed and changed between two snapshots, with each changed value before and after')
    .argument('<pipeline>', 'pipeline name')
    .argument('<a>', 'snapshot to compare from: an id, "latest", or a date or date-time (the newest snapshot by then)')
    .argument('[b]', 'snapshot to compare to, in the same forms (default: the latest)')
    .option('--json', "print the diff as one JSON object, as the HTTP API's /diff does")
    .option('--limit <n>', 'list at most this many added, removed and changed keys each (counts are always complete)', parseCount('--limit'), 1000)
    .action(async (pipeline: string, a: string, b: string | undefined, opts: Json & { limit: number }, cmd: Command) => {
      const opened = await scope(cmd, pipeline);
      const diff = await opened.get(SnapshotQuery).diffOf(opened.get(PipelineContext).definition, a, b ?? 'latest', opts.limit);
      ctx.io.out((opts.json ? JSON.stringify(diff) : formatDiff(diff, opts.limit)) + '\n');
    });
  program
    .command('export')
    .description("write a pipeline's table as it was at a snapshot, byte-identical to the latest.csv that snapshot recorded (to stdout, or to --out)")
    .argument('<pipeline>', 'pipeline name')
    .option('--as-of <snapshot|date>', `a snapshot id, "latest", or a date or date-time: the newest snapshot by then (${DATE_FORMS})`, 'latest')
    .option('--out <file>', "write it to this file (relative to the workspace, or absolute) instead of stdout; never the pipeline's latest.csv or under its snapshots folder")
    .option('--json', 'with --out, print {"pipeline", "snapshot", "rows", "path"}')
    .action(async (pipeline: string, opts: Json & { asOf: string; out?: string }, cmd: Command) => {
      if (opts.json && opts.out === undefined) throw new DroplineError('USAGE', '--json describes the file --out writes; without --out the CSV itself goes to stdout');
      const opened = await scope(cmd, pipeline);
      const { definition } = opened.get(PipelineContext);
      if (opts.out === undefined) return ctx.io.bytes!((await opened.get(SnapshotExport).read(definition, opts.asOf)).bytes);
      const { snapshot, path } = await opened.get(SnapshotExport).write(definition, opts.asOf, opts.out);
      const rows = snapshot.latest.rows;
      ctx.io.out(
        (opts.json ? JSON.stringify({ pipeline, snapshot: snapshot.id, rows, path }) : `pipeline ${pipeline}: snapshot ${snapshot.id} (${rows} rows) written to ${path}`) + '\n',
      );
    });
}

/** reset, clean, pin, unpin, prune: changing a pipeline's history. */
export function historyCommands(program: Command, ctx: CliContext): void {
  const history = async (cmd: Command, pipeline: string) => (await ctx.pipeline(cmd.optsWithGlobals<GlobalOptions>(), pipeline)).get(PipelineHistory);
  program
    .command('reset')
    .description('make latest.csv byte-identical to a snapshot, recorded as a new snapshot (so a reset can be undone)')
    .argument('<pipeline>', 'pipeline name')
    .requiredOption('--to <snapshot>', 'the snapshot id to go back to ("latest" names the newest)')
    .option('--reprocess', 'also move the files ingested after that snapshot back into the drop for the next run')
    .option('--accept-paths', acceptPathsHelp)
    .option(...waitOption)
    .option('--json', 'print {"pipeline", "to", "snapshot", "rows", "requeued"}')
    .action(async (pipeline: string, opts: Json & { to: string; reprocess?: boolean; acceptPaths?: boolean; wait: number }, cmd: Command) => {
      const r = await (await history(cmd, pipeline)).reset(opts.to, { reprocess: Boolean(opts.reprocess), wait: opts.wait, acceptPaths: Boolean(opts.acceptPaths) });
      const to = r.snapshot.restoredFrom ?? opts.to;
      if (opts.json) return ctx.io.out(JSON.stringify({ pipeline, to, snapshot: r.snapshot.id, rows: r.snapshot.latest.rows, requeued: r.requeued }) + '\n');
      const requeued = r.requeued.length > 0 ? `; ${r.requeued.length} file(s) moved back into the drop for the next run` : '';
      ctx.io.out(`pipeline ${pipeline}: latest.csv reset to ${opts.to} (${r.snapshot.latest.rows} rows), recorded as snapshot ${r.snapshot.id}${requeued}\n`);
    });
  program
    .command('clean')
    .description(
      'show what starting over would remove; with --yes remove latest.csv, snapshots and rejects and move processed files back into the drop (from the base snapshot, when source.retain deleted inputs)',
    )
    .argument('<pipeline>', 'pipeline name')
    .option('--yes', 'really do it')
    .option('--accept-paths', acceptPathsHelp)
    .option(...waitOption)
    .option('--json', 'print {"pipeline", "done", "latest", "snapshots", "rejects", "requeue"}, "base" when there is one and, with --yes, "moved"')
    .action(async (pipeline: string, opts: Json & { yes?: boolean; acceptPaths?: boolean; wait: number }, cmd: Command) => {
      const h = await history(cmd, pipeline);
      const plan = opts.yes ? await h.clean(opts.wait, Boolean(opts.acceptPaths)) : await h.planClean();
      const done = Boolean(opts.yes);
      ctx.io.out((opts.json ? JSON.stringify({ pipeline, done, ...plan, requeue: plan.requeue.map((e) => e.name) }) : formatCleanPlan(pipeline, plan, done)) + '\n');
    });
  for (const pinned of [true, false]) {
    program
      .command(pinned ? 'pin' : 'unpin')
      .description(pinned ? 'keep a snapshot whatever the retention policy says' : 'let retention prune a pinned snapshot again')
      .argument('<pipeline>', 'pipeline name')
      .argument('<snapshot>', 'snapshot id, or "latest"')
      .option(...waitOption)
      .option('--json', 'print {"pipeline", "snapshot", "pinned"}')
      .action(async (pipeline: string, snapshot: string, opts: Json & { wait: number }, cmd: Command) => {
        const id = await (await history(cmd, pipeline)).setPinned(snapshot, pinned, opts.wait);
        ctx.io.out((opts.json ? JSON.stringify({ pipeline, snapshot: id, pinned }) : `snapshot ${id} of ${pipeline} ${pinned ? 'pinned' : 'unpinned'}`) + '\n');
      });
  }
  program
    .command('prune')
    .description(
      'remove snapshots the retention policy (snapshots.keep, snapshots.maxAge) lets go, never the newest or a pinned one; then compress and delete archived inputs as source.retain says',
    )
    .argument('<pipeline>', 'pipeline name')
    .option('--dry-run', 'only list what would be removed, compressed and deleted')
    .option(...waitOption)
    .option('--json', 'print {"pipeline", "dryRun", "snapshots", "compressed", "deleted", "base"}: snapshot ids and archived input names (with --dry-run, what would be)')
    .action(async (pipeline: string, opts: Json & { dryRun?: boolean; wait: number }, cmd: Command) => {
      const dryRun = Boolean(opts.dryRun);
      const result = await (await history(cmd, pipeline)).prune(dryRun, opts.wait);
      if (!opts.json) return ctx.io.out(formatPrune(result, dryRun) + '\n');
      const { snapshots, archive } = result;
      const names = (inputs: { name: string }[]): string[] => inputs.map((i) => i.name);
      ctx.io.out(JSON.stringify({ pipeline, dryRun, snapshots, compressed: names(archive.compress), deleted: names(archive.delete), base: archive.base }) + '\n');
    });
}
