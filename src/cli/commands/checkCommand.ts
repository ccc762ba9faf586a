import type { Command } from 'commander';
import { DefinitionLoader } from '../../definition/DefinitionLoader.js';
import { checkPipelines } from '../../container/checkPipelines.js';
import { ExitCode } from '../../errors/DroplineError.js';
import { TOKENS } from '../../tokens.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';
import { formatCheck } from '../formatCheck.js';

/** check: every definition loaded with its plug-ins, source and sinks, nothing connected; exit 2 naming each problem. */
export function checkCommand(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('load every pipeline with its plug-ins, source and sinks (connecting to nothing) and name each problem; exits 2 if there is any')
    .option('--json', 'print {"pipelines": [{"name", "file", "ok", "problems": [{"code", "message"}]}]}')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const services = await ctx.services(cmd.optsWithGlobals<GlobalOptions>());
      const options = { root: services.get(TOKENS.Workspace).root, logger: services.get(TOKENS.Logger), variables: services.get(TOKENS.Variables) };
      const checks = await checkPipelines(options, await services.get(DefinitionLoader).list());
      ctx.io.out((opts.json ? JSON.stringify({ pipelines: checks }) : formatCheck(checks)) + '\n');
      setExit(checks.every((c) => c.ok) ? ExitCode.OK : ExitCode.USAGE);
    });
}
