import type { Command } from 'commander';
import { SnapshotQuery } from '../../query/SnapshotQuery.js';
import { SnapshotBrowser } from '../../query/SnapshotBrowser.js';
import { PipelineHistory } from '../../runner/PipelineHistory.js';
import { PipelineContext } from '../../scope/PipelineContext.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';
import { formatCleanPlan, formatDiff, formatSnapshotList } from '../formatHistory.js';
import { parseCount } from '../parseCount.js';

type Json = { json?: boolean };
const acceptPathsHelp =
  'move archived files back even though a snapshot archived them under another drop or archive than the definition says now (PATHS_CHANGED); files left there stay there';
const waitOption = ['--wait <seconds>', 'wait this long for a run holding the lock', parseCount('--wait', 0), 0] as const;

/** snapshots, show, diff: reading a pipeline's history. */
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
    .argument('<snapshot>', 'snapshot id, or "latest"')
    .action(async (pipeline: string, snapshot: string, _opts: unknown, cmd: Command) => {
      ctx.io.out(JSON.stringify(await (await scope(cmd, pipeline)).get(PipelineHistory).snapshot(snapshot), null, 2) + '\n');
    });
  program
    .command('diff')
    .description('keys added, removed and changed between two snapshots, with each changed value before and after')
    .argument('<pipeline>', 'pipeline name')
    .argument('<a>', 'snapshot id to compare from')
    .argument('[b]', 'snapshot id to compare to (default: the latest)')
    .option('--json', "print the diff as one JSON object, as the HTTP API's /diff does")
    .option('--limit <n>', 'list at most this many added, removed and changed keys each (counts are always complete)', parseCount('--limit'), 1000)
    .action(async (pipeline: string, a: string, b: string | undefined, opts: Json & { limit: number }, cmd: Command) => {
      const opened = await scope(cmd, pipeline);
      const diff = await opened.get(SnapshotQuery).diffOf(opened.get(PipelineContext).definition, a, b ?? 'latest', opts.limit);
      ctx.io.out((opts.json ? JSON.stringify(diff) : formatDiff(diff, opts.limit)) + '\n');
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
    .description('show what starting over would remove; with --yes remove latest.csv, snapshots and rejects and move processed files back into the drop')
    .argument('<pipeline>', 'pipeline name')
    .option('--yes', 'really do it')
    .option('--accept-paths', acceptPathsHelp)
    .option(...waitOption)
    .option('--json', 'print {"pipeline", "done", "latest", "snapshots", "rejects", "requeue"} and, with --yes, "moved"')
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
    .description('remove snapshots the retention policy (snapshots.keep, snapshots.maxAge) lets go; never the newest or a pinned one')
    .argument('<pipeline>', 'pipeline name')
    .option('--dry-run', 'only list what would be removed')
    .option(...waitOption)
    .option('--json', 'print {"pipeline", "dryRun", "snapshots"}: the ids removed (or, with --dry-run, that would be)')
    .action(async (pipeline: string, opts: Json & { dryRun?: boolean; wait: number }, cmd: Command) => {
      const ids = await (await history(cmd, pipeline)).prune(Boolean(opts.dryRun), opts.wait);
      if (opts.json) return ctx.io.out(JSON.stringify({ pipeline, dryRun: Boolean(opts.dryRun), snapshots: ids }) + '\n');
      const verb = opts.dryRun ? 'would remove' : 'removed';
      ctx.io.out(ids.length === 0 ? `nothing to prune\n` : `${verb} ${ids.length} snapshot(s):\n${ids.map((i) => `  ${i}`).join('\n')}\n`);
    });
}
