import { Option, type Command } from 'commander';
import { ENGINES, type EngineChoice } from '../../definition/PipelineDefinition.js';
import { ExitCode } from '../../errors/DroplineError.js';
import type { RunSummary } from '../../runner/RunSummary.js';
import { PipelineRunner } from '../../runner/PipelineRunner.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';
import { formatSummary } from '../formatSummary.js';
import { parseCount } from '../parseCount.js';

export interface RunFlags {
  json?: boolean;
  wait?: number;
  force?: boolean;
  acceptPaths?: boolean;
  engine?: EngineChoice;
}

export function exitCodeFor(summary: RunSummary): number {
  return summary.rows.rejected > 0 || summary.files.quarantined > 0 ? ExitCode.COMMITTED_WITH_REJECTS : ExitCode.OK;
}

/** Runs a pipeline and prints its summary; shared by `run` and `demo`. */
export async function runAndReport(ctx: CliContext, pipeline: string, globals: GlobalOptions, opts: RunFlags): Promise<number> {
  const runner = (await ctx.pipeline(globals, pipeline)).get(PipelineRunner);
  const summary = await runner.run({
    wait: opts.wait ?? 0,
    force: Boolean(opts.force),
    acceptPaths: Boolean(opts.acceptPaths),
    ...(opts.engine ? { engine: opts.engine } : {}),
  });
  ctx.io.out(opts.json ? JSON.stringify(summary) + '\n' : formatSummary(summary) + '\n');
  return exitCodeFor(summary);
}

export function runCommand(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('run')
    .description("handle every file in the pipeline's drop: validate, merge into latest.csv, snapshot, archive")
    .argument('<pipeline>', 'pipeline name (pipelines/<pipeline>.yaml)')
    .option('--json', 'print the run summary as one JSON object')
    .option('--wait <seconds>', 'if another run holds the pipeline, wait this long before failing with LOCKED', parseCount('--wait', 0), 0)
    .option('--force', 'ingest files even when the same content was ingested before')
    .option('--accept-paths', "run even though the drop, archive or output path differ from the newest snapshot's (PATHS_CHANGED), and record the new ones")
    .addOption(
      new Option('--engine <engine>', "auto: the byte engine where it applies; reference: the row engine (default: the definition's engine:, DROPLINE_ENGINE, auto)").choices(
        ENGINES,
      ),
    )
    .action(async (pipeline: string, opts: RunFlags, cmd: Command) => {
      setExit(await runAndReport(ctx, pipeline, cmd.optsWithGlobals<GlobalOptions>(), opts));
    });
}
