import type { Command } from 'commander';
import { SinkSync } from '../../runner/SinkSync.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';
import { parseCount } from '../parseCount.js';

/** sync: bring every sink of a pipeline up to its newest snapshot. */
export function syncCommand(program: Command, ctx: CliContext): void {
  program
    .command('sync')
    .description("publish the pipeline's newest snapshot to every sink that is behind (after a sink failed); does nothing when all are current")
    .argument('<pipeline>', 'pipeline name')
    .option('--wait <seconds>', 'wait this long for a run holding the lock', parseCount('--wait', 0), 0)
    .option('--json', 'print {"pipeline", "sinks": [{"key", "type", "snapshot", "action", "rows"}]}')
    .action(async (pipeline: string, opts: { wait: number; json?: boolean }, cmd: Command) => {
      const reports = await (await ctx.pipeline(cmd.optsWithGlobals<GlobalOptions>(), pipeline)).get(SinkSync).sync(opts.wait);
      if (opts.json) return ctx.io.out(JSON.stringify({ pipeline, sinks: reports }) + '\n');
      if (reports.length === 0) {
        ctx.io.out(`pipeline ${pipeline} has no sinks; list them under sinks: in its definition\n`);
        return;
      }
      const lines = reports.map((r) => {
        const state = r.snapshot === null ? 'empty (the pipeline has no snapshot)' : `snapshot ${r.snapshot} (${r.rows} rows)`;
        return `  ${r.key} ${r.type}: ${r.action === 'published' ? 'published' : 'already shows'} ${state}`;
      });
      ctx.io.out(`pipeline ${pipeline}: sinks up to date\n${lines.join('\n')}\n`);
    });
}
