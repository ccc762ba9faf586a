import type { Command } from 'commander';
import { ApiServer } from '../../server/ApiServer.js';
import { DroplineError } from '../../errors/DroplineError.js';
import { TOKENS } from '../../tokens.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';
import { parseCount } from '../parseCount.js';
import { waitForSignal } from '../waitForSignal.js';

function parsePort(value: string): number {
  const port = parseCount('--port', 0)(value);
  if (port > 65535) throw new DroplineError('USAGE', `--port takes 0 to 65535 (0 picks a free port), got "${value}"`);
  return port;
}

/** serve: the read-only HTTP API and page, until SIGINT or SIGTERM. */
export function serveCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve pipelines, snapshots, rows, diffs and rejects read-only over HTTP (JSON API, and a page at /)')
    .option('--port <port>', 'port to listen on; 0 picks a free one', parsePort, 8080)
    .option('--host <host>', 'address to bind; the default is loopback only', '127.0.0.1')
    .option('--token <token>', 'require "Authorization: Bearer <token>" on /api (default: $DROPLINE_TOKEN)')
    .action(async (opts: { port: number; host: string; token?: string }, cmd: Command) => {
      if (opts.token === '') throw new DroplineError('USAGE', '--token is empty; give a secret, or leave --token out');
      const token = opts.token ?? (process.env.DROPLINE_TOKEN || undefined);
      const services = await ctx.services(cmd.optsWithGlobals<GlobalOptions>());
      // Listen for the signals before printing the URL: whoever reads it may stop us at once.
      const stopped = waitForSignal();
      const server = await services.get(ApiServer).start({ port: opts.port, host: opts.host, token });
      ctx.io.out(`dropline serving ${services.get(TOKENS.Workspace).root} at ${server.url}\n`);
      await stopped;
      await server.close();
    });
}
