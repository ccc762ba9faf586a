import type { Command } from 'commander';
import { DefinitionLoader } from '../../definition/DefinitionLoader.js';
import { DroplineError } from '../../errors/DroplineError.js';
import { TOKENS } from '../../tokens.js';
import { openTeam } from '../../team/openTeam.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';

const SAID: Record<string, string> = { created: 'queued', retry: 'retrying', active: 'running' };

/** enqueue: queue runs by hand; at most one queued-or-active run per pipeline. */
export function enqueueCommand(program: Command, ctx: CliContext): void {
  program
    .command('enqueue')
    .description('team mode: queue a run of each pipeline named (or --all) for the workers; a pipeline already queued, retrying or running gets no second one')
    .argument('[pipelines...]', 'pipeline names')
    .option('--all', 'every pipeline in the workspace')
    .option('--json', 'print an array of {"pipeline", "added", "jobId", "state"} (state: queued, retrying or active)')
    .action(async (names: string[], opts: { all?: boolean; json?: boolean }, cmd: Command) => {
      if (opts.all === true && names.length > 0) throw new DroplineError('USAGE', 'name pipelines or give --all, not both');
      if (opts.all !== true && names.length === 0) throw new DroplineError('USAGE', 'name the pipelines to queue, or give --all for every pipeline');
      const services = await ctx.services(cmd.optsWithGlobals<GlobalOptions>());
      const loader = services.get(DefinitionLoader);
      const team = await openTeam(services.get(TOKENS.Workspace).root, 'enqueue', services.get(TOKENS.Logger));
      try {
        const pipelines = opts.all === true ? (await loader.list()).map((p) => p.name) : names;
        if (opts.all !== true) for (const name of names) await loader.load(name); // an unknown name fails here, with "did you mean"
        const results = [];
        for (const pipeline of pipelines) {
          const r = await team.queue.enqueue(pipeline);
          results.push({ pipeline, added: r.added, jobId: r.id, state: r.state === 'created' ? 'queued' : r.state === 'retry' ? 'retrying' : 'active' });
          if (!opts.json) ctx.io.out(r.added ? `${pipeline}: queued (job ${r.id})\n` : `${pipeline}: already ${SAID[r.state] ?? r.state} (job ${r.id}); nothing added\n`);
        }
        if (opts.json) ctx.io.out(JSON.stringify(results) + '\n');
        else if (pipelines.length === 0) ctx.io.out('no pipelines: add a definition file under pipelines/\n');
      } finally {
        await team.close();
      }
    });
}
