import type { Command } from 'commander';
import { DefinitionLoader } from '../../definition/DefinitionLoader.js';
import { TOKENS } from '../../tokens.js';
import { listJobs, type JobsEntry } from '../../team/listJobs.js';
import { openTeam } from '../../team/openTeam.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';

function line(e: JobsEntry): string {
  const since = e.since ? ` since ${e.since}` : '';
  const state = e.state === 'active' ? `active on ${e.worker ?? '?'}${since}` : `${e.state}${since}`;
  const last = e.lastRun
    ? e.lastRun.error !== null && e.lastRun.exit !== 0
      ? `last run ${e.lastRun.finishedAt}: ${e.lastRun.error}`
      : `last run ${e.lastRun.finishedAt}: exit ${e.lastRun.exit}${e.lastRun.snapshot ? `, snapshot ${e.lastRun.snapshot}` : ', no new snapshot'}`
    : 'never run by a worker';
  return `${state}; ${last}`;
}

/** jobs: where each pipeline's runs stand in the queue. */
export function jobsCommand(program: Command, ctx: CliContext): void {
  program
    .command('jobs')
    .description('team mode: each pipeline queued, active (on which worker, since when), retrying, failed (in the dead letter, with the error) or idle, and its last run')
    .option('--json', 'print an array of {"pipeline", "state", "worker", "since", "lastRun": {"runId", "snapshot", "finishedAt", "exit", "error"}}')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const services = await ctx.services(cmd.optsWithGlobals<GlobalOptions>());
      const team = await openTeam(services.get(TOKENS.Workspace).root, 'jobs', services.get(TOKENS.Logger));
      try {
        const pipelines = (await services.get(DefinitionLoader).list()).map((p) => p.name);
        const entries = await listJobs((sql, params) => team.catalog.query(sql, params), team.catalog.t('runs'), team.queue, pipelines);
        if (opts.json) return ctx.io.out(JSON.stringify(entries) + '\n');
        if (entries.length === 0) return ctx.io.out('no pipelines: add a definition file under pipelines/\n');
        const width = Math.max(...entries.map((e) => e.pipeline.length));
        for (const e of entries) ctx.io.out(`${e.pipeline.padEnd(width)}  ${line(e)}\n`);
      } finally {
        await team.close();
      }
    });
}
