import type { Command } from 'commander';
import { ExitCode } from '../../errors/DroplineError.js';
import { DropInspector } from '../../runner/DropInspector.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';
import { formatValidation } from '../formatValidation.js';

export function validateCommand(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('dry run of validation on the current drop: header mappings, row counts, first rejects; changes nothing')
    .argument('<pipeline>', 'pipeline name')
    .option('--json', 'print the report as one JSON object')
    .action(async (pipeline: string, opts: { json?: boolean }, cmd: Command) => {
      const report = await (await ctx.pipeline(cmd.optsWithGlobals<GlobalOptions>(), pipeline)).get(DropInspector).inspect();
      ctx.io.out(opts.json ? JSON.stringify(report) + '\n' : formatValidation(report) + '\n');
      const setAside = report.files.some((f) => f.status === 'quarantine') || report.rows.rejected > 0;
      setExit(setAside ? ExitCode.COMMITTED_WITH_REJECTS : ExitCode.OK);
    });
}
