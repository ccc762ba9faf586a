import type { Command } from 'commander';
import { DefinitionLoader } from '../../definition/DefinitionLoader.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';

export function listCommand(program: Command, ctx: CliContext): void {
  program
    .command('list')
    .description('list the pipelines in the workspace with their descriptions')
    .option('--json', 'print an array of {"name", "description"}')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const loader = (await ctx.services(cmd.optsWithGlobals<GlobalOptions>())).get(DefinitionLoader);
      const pipelines = await loader.list();
      if (opts.json) {
        ctx.io.out(JSON.stringify(pipelines.map(({ name, description, error }) => ({ name, description, ...(error ? { error } : {}) }))) + '\n');
        return;
      }
      if (pipelines.length === 0) {
        ctx.io.out('no pipelines: add a definition file under pipelines/ (see docs/definitions.md)\n');
        return;
      }
      const width = Math.max(...pipelines.map((p) => p.name.length));
      for (const p of pipelines) ctx.io.out(`${p.name.padEnd(width)}  ${p.error ?? p.description}\n`);
    });
}
