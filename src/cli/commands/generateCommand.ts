import type { Command } from 'commander';
import { DropGenerator } from '../../generate/DropGenerator.js';
import { DroplineError } from '../../errors/DroplineError.js';
import { DEFAULT_GENERATE_OPTIONS, type GenerateOptions } from '../../generate/DropGenerator.js';
import { TOKENS } from '../../tokens.js';
import { PipelineContext } from '../../scope/PipelineContext.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';
import { parseCount } from '../parseCount.js';

/** The flags are the generator's options, one for one. */
type GenerateFlags = GenerateOptions;

/** What `generate --json` prints. */
export interface GeneratedDrop {
  pipeline: string;
  /** The drop folder, relative to the workspace. */
  path: string;
  files: string[];
  rows: number;
}

export function formatGenerated(g: GeneratedDrop): string {
  return `wrote ${g.files.length} files (${g.rows} rows) to ${g.path}`;
}

/** Fills a pipeline's drop with synthetic files; shared by `generate` and `demo`. */
export async function generateDrop(ctx: CliContext, pipeline: string, globals: GlobalOptions, flags: GenerateFlags): Promise<GeneratedDrop> {
  const services = await ctx.pipeline(globals, pipeline, true);
  const { definition } = services.get(PipelineContext);
  if (definition.source.type !== 'directory') {
    throw new DroplineError('USAGE', `pipeline ${pipeline} reads from a "${definition.source.type}" source; generate writes CSV files for "directory" sources only`, { pipeline });
  }
  const workspace = services.get(TOKENS.Workspace);
  const dir = workspace.resolve(definition.source.path, 'source.path');
  const result = await services.get(DropGenerator).generate(definition, dir, flags);
  return { pipeline, path: workspace.display(dir), files: result.files, rows: result.rows };
}

export function generateCommand(program: Command, ctx: CliContext): void {
  const d = DEFAULT_GENERATE_OPTIONS;
  program
    .command('generate')
    .description("fill the pipeline's drop with synthetic CSV files made by Faker from its schema")
    .argument('<pipeline>', 'pipeline name')
    .option('--rows <n>', 'rows in all', parseCount('--rows'), d.rows)
    .option('--files <n>', 'files to spread them over', parseCount('--files'), d.files)
    .option('--ids <n>', 'distinct keys the rows draw from', parseCount('--ids'), d.ids)
    .option('--seed <s>', 'makes the files reproducible', parseCount('--seed', 0))
    .option('--start <date>', 'first timestamp day (YYYY-MM-DD)', d.start)
    .option('--end <date>', 'last timestamp day (YYYY-MM-DD)', d.end)
    .option('--dirty', 'add drifted headers, extra and missing columns and bad values')
    .option('--json', 'print {"pipeline", "path", "files", "rows"}')
    .action(async (pipeline: string, flags: GenerateFlags & { json?: boolean }, cmd: Command) => {
      const generated = await generateDrop(ctx, pipeline, cmd.optsWithGlobals<GlobalOptions>(), flags);
      ctx.io.out((flags.json ? JSON.stringify(generated) : formatGenerated(generated)) + '\n');
    });
}
