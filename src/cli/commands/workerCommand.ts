import { join } from 'node:path';
import type { Command } from 'commander';
import { DefinitionLoader } from '../../definition/DefinitionLoader.js';
import { TOKENS } from '../../tokens.js';
import { PACKAGE_ROOT } from '../../util/packageRoot.js';
import { openTeam } from '../../team/openTeam.js';
import { registerSchedules } from '../../team/registerSchedules.js';
import { RunLog } from '../../team/RunLog.js';
import { TeamWorker } from '../../team/TeamWorker.js';
import { WorkerRegistry } from '../../team/WorkerRegistry.js';
import { holderId } from '../../team/Leases.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';
import { parseCount } from '../parseCount.js';

/** Timing knobs (seconds) for tests: DROPLINE_WORKER_POLL, _HEARTBEAT, _DEAD_AFTER, _LOCK_WAIT, DROPLINE_QUEUE_CRON_CHECK. */
function env(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** worker: take runs from the queue until SIGTERM. */
export function workerCommand(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('team mode: take pipeline runs from the queue and run them, until SIGTERM or SIGINT (finishes its runs; a second signal puts them back in the queue)')
    .option('--concurrency <n>', 'runs at once, each in its own process', parseCount('--concurrency', 1), 1)
    .action(async (opts: { concurrency: number }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const services = await ctx.services(globals);
      const root = services.get(TOKENS.Workspace).root;
      const id = holderId();
      const say = (text: string) => ctx.io.err(`${new Date().toISOString()} ${text}\n`);
      const team = await openTeam(root, 'worker', services.get(TOKENS.Logger), {
        worker: true,
        cronCheckSeconds: env('DROPLINE_QUEUE_CRON_CHECK', 30),
        onError: (err) => say(`warn: queue: ${err.message}`),
      });
      try {
        for (const line of await registerSchedules(services.get(DefinitionLoader), team.queue)) say(line);
        const worker = new TeamWorker({
          id,
          root,
          cli: join(PACKAGE_ROOT, 'dist', 'cli', 'main.js'),
          concurrency: opts.concurrency,
          transaction: (fn) => team.catalog.transaction((client) => fn(client)),
          queue: team.queue,
          runs: new RunLog(team.catalog.t('runs')),
          workers: new WorkerRegistry(team.catalog.t('workers')),
          log: (level, message) => say(level === 'info' ? message : `${level}: ${message}`),
          pollSeconds: env('DROPLINE_WORKER_POLL', 1),
          heartbeatSeconds: env('DROPLINE_WORKER_HEARTBEAT', 5),
          deadAfterSeconds: env('DROPLINE_WORKER_DEAD_AFTER', 30),
          lockWaitSeconds: env('DROPLINE_WORKER_LOCK_WAIT', team.config.catalog.leaseSeconds),
          globals: Object.entries(globals.set ?? {}).flatMap(([k, v]) => ['--set', `${k}=${v}`]),
        });
        let signals = 0;
        const onSignal = (signal: NodeJS.Signals): void => {
          signals += 1;
          if (signals === 1) {
            say(`${signal}: taking no more runs; waiting for ${worker.running} running (${signal} again: stop them and put them back in the queue)`);
            worker.stop();
          } else {
            say(`${signal}: stopping ${worker.running} run(s); their jobs go back to the queue`);
            worker.abort();
          }
        };
        process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
        say(`worker ${id} started (concurrency ${opts.concurrency}, queue schema ${team.config.catalog.schema}_queue)`);
        try {
          await worker.run();
        } finally {
          process.off('SIGTERM', onSignal).off('SIGINT', onSignal);
        }
        say(`worker ${id} stopped`);
      } finally {
        await team.close();
      }
    });
}
