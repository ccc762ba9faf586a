import { resolve } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { definitionToDocument } from '../../definition/definitionToDocument.js';
import { TOKENS } from '../../tokens.js';
import { PipelineContext } from '../../scope/PipelineContext.js';
import { initWorkspace } from '../../workspace/initWorkspace.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';

/** init and show-definition: setting up a workspace and reading what a definition resolves to. */
export function workspaceCommands(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('scaffold a workspace: folders, an example CSV pipeline, an example custom source (JSON lines) and sample drops')
    .argument('[dir]', 'where (default: the current directory, or --root)')
    .option('--json', 'print {"root", "written", "kept", "skipped", "commonJs", "installed"}')
    .action(async (dir: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const target = resolve(ctx.cwd, dir ?? globals.root ?? '.');
      const { written, kept, skipped, commonJs, installed } = await initWorkspace(target);
      if (opts.json) {
        const skippedPipelines = skipped.map(([pipeline, reason]) => ({ pipeline, reason }));
        return ctx.io.out(JSON.stringify({ root: target, written, kept, skipped: skippedPipelines, commonJs, installed }) + '\n');
      }
      const lines = [`workspace ready in ${target}: ${written.length} file(s) written${kept.length ? `, ${kept.length} already there and left alone` : ''}`];
      for (const k of kept) lines.push(`  kept: ${k}`);
      for (const [name, why] of skipped) lines.push(`  skipped the example pipeline ${name}: ${why}; its sample files were not written`);
      if (commonJs) lines.push(`  note: package.json does not say "type": "module"; the example source needs it: npm pkg set type=module`);
      const root = dir === undefined && globals.root === undefined ? '' : ` --root ${target}`;
      const next = [`  npx dropline run example${root}    # CSV files in input/example`, `  npx dropline run events${root}     # JSON lines, read by sources/jsonl-source.ts`];
      const isSkipped = (line: string): boolean => skipped.some(([name]) => line.includes(`run ${name}${root} `));
      lines.push('next:');
      if (!installed)
        lines.push(`  npm install dropline-cli${root ? ` --prefix ${target}` : ''}    # npx dropline runs it once installed here (the npm package "dropline" is another one)`);
      lines.push(...next.filter((line) => !isSkipped(line)));
      ctx.io.out(lines.join('\n') + '\n');
    });
  program
    .command('show-definition')
    .description('print the fully resolved definition: extends merged, ${variables} filled, every default written out')
    .argument('<pipeline>', 'pipeline name')
    .option('--json', 'print the definition as one JSON object instead of YAML')
    .action(async (pipeline: string, opts: { json?: boolean }, cmd: Command) => {
      const services = await ctx.pipeline(cmd.optsWithGlobals<GlobalOptions>(), pipeline);
      const { definition } = services.get(PipelineContext);
      const sinks = (await services.get(TOKENS.SinkFactory).withDefaults?.(definition)) ?? definition.sinks;
      const document = definitionToDocument({ ...definition, sinks });
      ctx.io.out(opts.json ? JSON.stringify(document) + '\n' : stringify(document));
    });
}
