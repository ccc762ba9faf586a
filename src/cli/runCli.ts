import { Command, CommanderError } from 'commander';
import { DroplineError, ExitCode } from '../errors/DroplineError.js';
import { toDroplineError } from '../errors/toDroplineError.js';
import { RunCommittedError } from '../runner/RunCommittedError.js';
import { CliContext, type CliIO } from './CliContext.js';
import { formatSummary } from './formatSummary.js';
import { checkCommand } from './commands/checkCommand.js';
import { demoCommand } from './commands/demoCommand.js';
import { helpCommand } from './commands/helpCommand.js';
import { generateCommand } from './commands/generateCommand.js';
import { browseCommands, historyCommands } from './commands/historyCommands.js';
import { rowCommands } from './commands/rowCommands.js';
import { listCommand } from './commands/listCommand.js';
import { runCommand } from './commands/runCommand.js';
import { syncCommand } from './commands/syncCommand.js';
import { rejectsCommands } from './commands/rejectsCommands.js';
import { serveCommand } from './commands/serveCommand.js';
import { statusCommand } from './commands/statusCommand.js';
import { validateCommand } from './commands/validateCommand.js';
import { versionCommand } from './commands/versionCommand.js';
import { workspaceCommands } from './commands/workspaceCommands.js';
import { enqueueCommand } from './commands/enqueueCommand.js';
import { jobsCommand } from './commands/jobsCommand.js';
import { workerCommand } from './commands/workerCommand.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  failure; nothing was changed
  2  usage or definition error
  3  committed, but rows were rejected or files quarantined
     (validate: rows or files would be set aside)
  4  status: a pipeline needs attention (late, volume, schema
     or failing)
  5  committed, but a step after the commit failed (the error
     names the snapshot and what to run next)`;

function collectSet(pair: string, all: Record<string, string> = {}): Record<string, string> {
  const at = pair.indexOf('=');
  if (at < 1) throw new DroplineError('USAGE', `--set takes NAME=value, got "${pair}"`);
  return { ...all, [pair.slice(0, at)]: pair.slice(at + 1) };
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIO, cwd = process.cwd()): Promise<number> {
  const ctx = new CliContext(io, cwd);
  let exitCode: number = ExitCode.OK;
  const setExit = (code: number): void => {
    exitCode = code;
  };
  const program = new Command()
    .name('dropline')
    .description('File-drop CSV pipelines: validate each drop, keep the latest row per key in latest.csv, version every result.')
    .option('--root <dir>', 'workspace root holding pipelines/, input/, output/, snapshots/ (default: the nearest folder holding pipelines/, from the current directory up)')
    .option('--verbose', 'debug logging, and stack traces with errors')
    .option('--quiet', 'log errors only')
    .option('--set <name=value>', 'a value for ${name} in definitions (repeatable); wins over vars: and the environment (which fills only names no vars: sets)', collectSet)
    .addHelpText('after', EXIT_CODES_HELP)
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined });
  runCommand(program, ctx, setExit);
  validateCommand(program, ctx, setExit);
  checkCommand(program, ctx, setExit);
  listCommand(program, ctx);
  statusCommand(program, ctx, setExit);
  generateCommand(program, ctx);
  browseCommands(program, ctx);
  rowCommands(program, ctx);
  historyCommands(program, ctx);
  demoCommand(program, ctx, setExit);
  workspaceCommands(program, ctx);
  syncCommand(program, ctx);
  rejectsCommands(program, ctx, setExit);
  serveCommand(program, ctx);
  workerCommand(program, ctx);
  enqueueCommand(program, ctx);
  jobsCommand(program, ctx);
  versionCommand(program, ctx);
  helpCommand(program);
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    exitCode = report(err, ctx.io, argv); // ctx.io: the progress line is cleared first
  } finally {
    await ctx.close();
  }
  return exitCode;
}

function report(err: unknown, io: CliIO, argv: string[]): number {
  const json = argv.includes('--json');
  const verbose = argv.includes('--verbose');
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return ExitCode.OK; // --help, --version
    // Commander shows the help and throws "(outputHelp)" when no command is given.
    const message =
      err.code === 'commander.help'
        ? 'no command given; the commands are listed above, and dropline help <command> explains one'
        : err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
    if (json) io.out(JSON.stringify({ error: { code: 'USAGE', message } }) + '\n');
    io.err(`error[USAGE]: ${message} (see dropline --help)\n`);
    return ExitCode.USAGE;
  }
  const error = toDroplineError(err);
  const failure = { error: { code: error.code, message: error.message } };
  if (err instanceof RunCommittedError) io.out((json ? JSON.stringify({ ...err.summary, ...failure }) : formatSummary(err.summary)) + '\n');
  else if (json) io.out(JSON.stringify(failure) + '\n');
  io.err(`error[${error.code}]: ${error.message}${error.code === 'INTERNAL' && !verbose ? ' (run again with --verbose for details)' : ''}\n`);
  if (verbose) {
    const inner = error.cause instanceof Error ? error.cause : error;
    io.err(`${inner.stack ?? ''}\n`);
  }
  return err instanceof DroplineError ? error.exitCode : ExitCode.FAILURE;
}
