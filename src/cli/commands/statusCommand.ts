import type { Command } from 'commander';
import { Alerts } from '../../alerts/Alerts.js';
import { DroplineError, ExitCode } from '../../errors/DroplineError.js';
import { parseAsOf } from '../../query/parseAsOf.js';
import { StatusBoard } from '../../status/StatusBoard.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';
import { formatStatus } from '../formatStatus.js';

/** `--at`: a date (the end of that UTC day) or a date-time. */
function parseAt(text: string): Date {
  const at = parseAsOf(text);
  if (at?.kind !== 'instant')
    throw new DroplineError('USAGE', `--at takes a date like 2026-11-25 (the end of that UTC day) or a date-time like 2026-11-25T21:42:31Z, got "${text}"`);
  return new Date(at.at);
}

/** status: one line per pipeline with its verdict; exit 4 when any needs attention. */
export function statusCommand(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('status')
    .description(
      'one line per pipeline: ok, late, volume, schema or failing with the reason, last drop, last run, snapshot, files waiting and quarantined, open rejects, latest rows',
    )
    .argument('[pipeline...]', 'pipeline names (default: every pipeline)')
    .option('--json', 'print an array of {pipeline, verdict, reasons, lastDrop, lastRun, snapshot, waiting, quarantined, openRejects, latestRows, cadence}')
    .option('--at <datetime>', 'judge as of this moment instead of now: a date (the end of that UTC day) or a date-time', parseAt)
    .action(async (pipelines: string[], opts: { json?: boolean; at?: Date }, cmd: Command) => {
      const services = await ctx.services(cmd.optsWithGlobals<GlobalOptions>());
      const reports = await services.get(StatusBoard).reports(pipelines, opts.at);
      ctx.io.out(opts.json ? JSON.stringify(reports) + '\n' : formatStatus(reports));
      // Judged as of now, what needs attention is alerted (once per finding); --at is a what-if and alerts nothing.
      if (opts.at === undefined) await services.get(Alerts).alertStatus(reports);
      if (reports.some((r) => r.verdict !== 'ok')) setExit(ExitCode.NEEDS_ATTENTION);
    });
}
