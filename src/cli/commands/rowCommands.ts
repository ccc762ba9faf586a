import type { Command } from 'commander';
import type { Explanation, RowVersion } from '../../query/QueryResults.js';
import { RowHistory } from '../../query/RowHistory.js';
import type { CliContext, GlobalOptions } from '../CliContext.js';

type Json = { json?: boolean };

/** explain, history: one row's origin and versions. */
export function rowCommands(program: Command, ctx: CliContext): void {
  const rows = async (cmd: Command, pipeline: string) => (await ctx.pipeline(cmd.optsWithGlobals<GlobalOptions>(), pipeline)).get(RowHistory);
  program
    .command('explain')
    .description('where a row of latest.csv came from (file, line, run, snapshot), why it won, and the rows for its key that lost in that run')
    .argument('<pipeline>', 'pipeline name')
    .argument('<key...>', 'the key value (one per key column, in order)')
    .option('--json', 'print {pipeline, key, row, source: {file, line, run, snapshot}, reason, losers: [{file, line, row}], losersRead}')
    .action(async (pipeline: string, key: string[], opts: Json, cmd: Command) => {
      const explained = await (await rows(cmd, pipeline)).explain(key);
      ctx.io.out((opts.json ? JSON.stringify(explained) : formatExplanation(explained)) + '\n');
    });
  program
    .command('history')
    .description('every version of a row across the snapshots, oldest first: when it appeared, changed or went, and the file and line it came from')
    .argument('<pipeline>', 'pipeline name')
    .argument('<key...>', 'the key value (one per key column, in order)')
    .option('--json', 'print an array, oldest first, of {snapshot, change: insert|update|delete, row, file, line, run}')
    .action(async (pipeline: string, key: string[], opts: Json, cmd: Command) => {
      const versions = await (await rows(cmd, pipeline)).history(key);
      ctx.io.out((opts.json ? JSON.stringify(versions) : formatVersions(pipeline, key, versions)) + '\n');
    });
}

const values = (row: Record<string, string>): string =>
  Object.entries(row)
    .map(([c, v]) => `${c}=${JSON.stringify(v)}`)
    .join(' ');
const at = (file: string | null, line: number | null): string => (file === null ? 'origin not recorded' : `${file}${line === null ? '' : `:${line}`}`);

function formatExplanation(e: Explanation): string {
  const lines = [
    `${e.pipeline} ${e.key.join(', ')}: ${values(e.row)}`,
    `  from    ${at(e.source.file, e.source.line)}${e.source.run ? `, run ${e.source.run}` : ''} (current snapshot ${e.source.snapshot})`,
    `  why     ${e.reason}`,
  ];
  if (!e.losersRead) lines.push('  lost    (the inputs of that run are not in the archive: the rows that lost cannot be shown)');
  else if (e.losers.length === 0) lines.push('  lost    no other row for this key in that run');
  else for (const l of e.losers) lines.push(`  lost    ${at(l.file, l.line)}: ${values(l.row)}`);
  return lines.join('\n');
}

function formatVersions(pipeline: string, key: string[], versions: RowVersion[]): string {
  if (versions.length === 0) return `${pipeline} ${key.join(', ')}: no snapshot holds this key`;
  return versions
    .map((v, i) => {
      const until = versions[i + 1]?.snapshot ?? 'now';
      const range = v.change === 'delete' ? `${v.snapshot}` : `${v.snapshot} .. ${until}`;
      return `${v.change.padEnd(6)}  ${range}  ${values(v.row)}  (${v.change === 'delete' ? 'removed by a reset' : at(v.file, v.line)})`;
    })
    .join('\n');
}
