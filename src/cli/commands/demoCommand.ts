import type { Command } from 'commander';
import { DEFAULT_GENERATE_OPTIONS } from '../../generate/DropGenerator.js';
import { TOKENS } from '../../tokens.js';
import { PipelineContext } from '../../scope/PipelineContext.js';
import { PipelineStore } from '../../scope/PipelineStore.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';
import { formatGenerated, generateDrop } from './generateCommand.js';
import { runAndReport } from './runCommand.js';

/** The seed of the demo drop, so every fresh clone sees the same demo. */
export const DEMO_SEED = 20210215;

export function demoCommand(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('what `npm start` does: generate the demo drop if the pipeline has no data yet, then run it')
    .argument('[pipeline]', 'pipeline name', 'demo')
    .option('--json', 'print the run summary as one JSON object')
    .action(async (pipeline: string, opts: { json?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const scope = await ctx.pipeline(globals, pipeline, true);
      const { definition } = scope.get(PipelineContext);
      const history = await scope.get(PipelineStore).list();
      // A source of its own: the run's lists the drop afresh once the demo files are written.
      const waiting = await (await scope.get(TOKENS.SourceFactory).create(definition)).list();
      if (history.length === 0 && waiting.length === 0) {
        ctx.io.err(`${formatGenerated(await generateDrop(ctx, pipeline, globals, { ...DEFAULT_GENERATE_OPTIONS, seed: DEMO_SEED }))}\n`);
      }
      setExit(await runAndReport(ctx, pipeline, globals, opts));
    });
}
