import { resolve } from 'node:path';
import type { Command } from 'commander';
import { RejectsWorklist } from '../../rejects/RejectsWorklist.js';
import { Replayer, type ReplaySummary } from '../../rejects/Replayer.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';
import { formatRejects } from '../formatRejects.js';
import { formatSummary } from '../formatSummary.js';
import { parseCount } from '../parseCount.js';
import { exitCodeFor } from './runCommand.js';

type Flags = { open?: boolean; json?: boolean; wait?: number };
const waitOption = ['--wait <seconds>', 'wait this long for a run holding the lock', parseCount('--wait', 0), 0] as const;

function formatReplay(summary: ReplaySummary, file: string): string {
  const lines = [formatSummary(summary)];
  if (summary.snapshot === null && summary.files.skipped > 0) lines.push(`  ${file}: this content was replayed before; nothing changed`);
  if (summary.replayed > 0) lines.push(`  replayed: ${summary.replayed} rejected row(s) marked replayed (dropline rejects list ${summary.pipeline})`);
  return lines.join('\n');
}

/** rejects list|export|dismiss, replay: rejected rows as a worklist, and feeding fixed ones back. */
export function rejectsCommands(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  const scope = (cmd: Command, pipeline: string, checked = false) => ctx.pipeline(cmd.optsWithGlobals<GlobalOptions>(), pipeline, checked);
  const rejects = program.command('rejects').description('rejected rows across runs, as a worklist: list, export for fixing, dismiss');
  rejects
    .command('list')
    .description('list rejected rows across runs, each as <run>:<line> with its state (open, replayed, dismissed)')
    .argument('<pipeline>', 'pipeline name')
    .option('--open', 'only the rows still open')
    .option('--json', 'print an array of {id, run, file, line, code, message, raw, state, at?, by?}')
    .action(async (pipeline: string, opts: Flags, cmd: Command) => {
      const rows = await (await scope(cmd, pipeline)).get(RejectsWorklist).list(Boolean(opts.open));
      ctx.io.out((opts.json ? JSON.stringify(rows) : formatRejects(pipeline, rows, Boolean(opts.open))) + '\n');
    });
  rejects
    .command('export')
    .description("write rejected rows as CSV to stdout: the schema's columns, then file and line; correct them and feed them back with dropline replay")
    .argument('<pipeline>', 'pipeline name')
    .option('--open', 'only the rows still open')
    .action(async (pipeline: string, opts: Flags, cmd: Command) => {
      ctx.io.out(await (await scope(cmd, pipeline)).get(RejectsWorklist).export(Boolean(opts.open)));
    });
  rejects
    .command('dismiss')
    .description('close rejected rows not worth fixing')
    .argument('<pipeline>', 'pipeline name')
    .argument('<ids...>', 'rejected rows as <run>:<line>, as dropline rejects list shows them')
    .option(...waitOption)
    .action(async (pipeline: string, ids: string[], opts: Flags, cmd: Command) => {
      const closed = await (await scope(cmd, pipeline)).get(RejectsWorklist).dismiss(ids, opts.wait ?? 0);
      ctx.io.out(`dismissed ${closed.length} rejected row(s) of ${pipeline}: ${closed.map((r) => r.id).join(', ')}\n`);
    });
  program
    .command('replay')
    .description('validate and merge a corrected fix file (from dropline rejects export) as a run of its own; the file is left where it is')
    .argument('<pipeline>', 'pipeline name')
    .argument('<file>', 'the fix file, relative to the current folder')
    .option('--json', 'print the run summary as one JSON object')
    .option(...waitOption)
    .action(async (pipeline: string, file: string, opts: Flags, cmd: Command) => {
      const replayer = (await scope(cmd, pipeline, true)).get(Replayer);
      const summary = await replayer.replay(resolve(ctx.cwd, file), file, opts.wait ?? 0);
      ctx.io.out((opts.json ? JSON.stringify(summary) : formatReplay(summary, file)) + '\n');
      setExit(exitCodeFor(summary));
    });
}
