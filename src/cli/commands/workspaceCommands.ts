import { resolve } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { definitionToDocument } from '../../definition/definitionToDocument.js';
import { TOKENS } from '../../tokens.js';
import { PipelineContext } from '../../scope/PipelineContext.js';
import { initWorkspace } from '../../workspace/initWorkspace.js';
import { WORKSPACE_CONFIG } from '../../team/TeamConfig.js';
import { writeTeamConfig } from '../../workspace/writeTeamConfig.js';

/** What to do next in a team workspace. */
const TEAM_NEXT = [
  'team mode:',
  '  export DROPLINE_CATALOG_URL=postgres://user:password@host:5432/db    # the catalog (any PostgreSQL 13+)',
  '  npx dropline worker{root}            # on each worker machine; they share this workspace',
  '  npx dropline enqueue --all{root}     # or schedule: in a definition',
];
import type { CliContext, GlobalOptions } from '../CliContext.js';

/** init and show-definition: setting up a workspace and reading what a definition resolves to. */
export function workspaceCommands(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('scaffold a workspace: folders, an example CSV pipeline, an example custom source (JSON lines) and sample drops')
    .argument('[dir]', 'where (default: the current directory, or --root)')
    .option('--team', `also write ${WORKSPACE_CONFIG} for team mode: state in a PostgreSQL catalog, runs by workers (docs/team.md)`)
    .option('--json', 'print {"root", "written", "kept", "skipped", "commonJs", "installed"}')
    .action(async (dir: string | undefined, opts: { json?: boolean; team?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const target = resolve(ctx.cwd, dir ?? globals.root ?? '.');
      const { written, kept, skipped, commonJs, installed } = await initWorkspace(target, { team: opts.team === true });
      const team = opts.team ? await writeTeamConfig(target) : null;
      if (team?.written) written.push(WORKSPACE_CONFIG);
      else if (team) kept.push(WORKSPACE_CONFIG);
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
      if (team && !team.team) lines.push(`  note: ${WORKSPACE_CONFIG} was already there and has no catalog: section; add one to use team mode (docs/team.md)`);
      if (team) lines.push(...TEAM_NEXT.map((line) => line.replace('{root}', root)));
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
