import type { Command } from 'commander';
import type { CliContext } from '../CliContext.js';
import { packageInfo } from '../packageInfo.js';

/** `dropline version` and `dropline --version`: the package's name and version. */
export function versionCommand(program: Command, ctx: CliContext): void {
  const { name, version } = packageInfo();
  program.version(`${name} ${version}`, '-V, --version', 'print the version');
  program
    .command('version')
    .description("print dropline's package name and version")
    .option('--json', 'print {"name", "version"}')
    .action((opts: { json?: boolean }) => {
      ctx.io.out((opts.json ? JSON.stringify({ name, version }) : `${name} ${version}`) + '\n');
    });
}
