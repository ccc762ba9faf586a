// node build/bench/sinkBench.js [--rows 2e6] [--changed 1e5] [--sinks sqlite,postgres]
// Times publishing a seed-shaped latest table of `rows` rows to each sink (a first publish into nothing),
// then a run's publish that changed `changed` of them. PostgreSQL: $DATABASE_URL or a throwaway server.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFINITION } from './benchData.js';
import { csvToTable } from '../src/csv/csvToTable.js';
import { createContainer } from '../src/container/createContainer.js';
import { DefinitionLoader } from '../src/definition/DefinitionLoader.js';
import type { PublishContext } from '../src/sinks/Sink.js';
import type { Table } from '../src/table/Table.js';
import { TOKENS } from '../src/tokens.js';
import { manifest } from '../test/helpers/publishContext.js';
import { startPostgres } from '../test/helpers/postgres.js';
import { RecordingLogger } from '../test/helpers/RecordingLogger.js';

export interface SinkBenchResult {
  sink: 'sqlite' | 'postgres';
  case: 'first publish' | 'changed rows';
  seconds: number;
  rows: number;
}

export interface SinkBenchOptions {
  rows?: number;
  changed?: number;
  sinks?: ('sqlite' | 'postgres')[];
}

const benchDefinition = (sink: string): string => `${DEFINITION}sinks: [${sink}]\n`;

const WORDS = ['synergize', 'scalable', 'e-markets', 'leverage', 'robust', 'paradigms', 'mesh', 'visionary', 'channels', 'holistic', 'deliverables', 'B2B'];

/** A uuid-shaped id per index, spread like random ids (sorted afterwards, as latest.csv is). */
function uuid(i: number): string {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  const a = Math.imul(i + 1, 0x9e3779b1);
  const b = Math.imul(a ^ (a >>> 15), 0x85ebca6b);
  const c = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  const h = hex(a) + hex(b) + hex(c) + hex(i); // unique: the index is its last 8 digits
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function phrase(i: number, salt: number): string {
  return `${WORDS[(i * 7 + salt) % WORDS.length]!} ${WORDS[(i * 13 + salt) % WORDS.length]!} ${WORDS[(i * 3 + salt) % WORDS.length]!}`;
}

/**
 * The seed-shaped latest table: id, description, timestamp (a date), source_filename; sorted by id. Read from
 * its CSV text by csvToTable, as a publish reads latest.csv back (FileSnapshots.readTable): rows made in file
 * order, as a real publish gets them. (Rows made first and sorted afterwards lie scattered in memory, and reading
 * them cost a sink 3-5x more CPU than reading the table a run hands over.)
 */
export function benchTable(rows: number): Table {
  const ids = Array.from({ length: rows }, (_, i) => ({ id: uuid(i), i }));
  ids.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = ids.map(({ id, i }) => `${id},${phrase(i, 0)},2021-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')},data_${i % 50}.csv`);
  return csvToTable(`id,description,timestamp,source_filename\n${lines.join('\n')}\n`);
}

/** The next run's table: every (rows / changed)-th row newer, with another description; and those rows. */
function changedTable(table: Table, changed: number): { table: Table; rows: string[][] } {
  const step = Math.max(1, Math.floor(table.rows.length / changed));
  const rows: string[][] = [];
  const next = table.rows.map((row, i) => {
    if (i % step !== 0 || rows.length >= changed) return row;
    const updated = `${row[0]!},${phrase(i, 5)},2021-12-31,data_next.csv`.split(',');
    rows.push(updated);
    return updated;
  });
  return { table: { columns: table.columns, rows: next }, rows };
}

async function publishBoth(kind: 'sqlite' | 'postgres', table: Table, changed: number, url: string): Promise<SinkBenchResult[]> {
  const root = mkdtempSync(join(tmpdir(), 'dropline-sink-bench-'));
  const schema = `bench_${Date.now().toString(36)}`;
  try {
    mkdirSync(join(root, 'pipelines'));
    writeFileSync(join(root, 'pipelines', 'bench.yaml'), benchDefinition(kind === 'sqlite' ? '{ type: sqlite }' : `{ type: postgres, options: { schema: ${schema} } }`));
    const container = createContainer({ root, logger: new RecordingLogger(), variables: { DATABASE_URL: url } });
    const definition = await container.get(DefinitionLoader).load('bench');
    const sink = (await container.get(TOKENS.SinkFactory).create(definition))[0]!.sink;
    const first = manifest('20210301T000000000Z', 'run', null, table.rows.length);
    const second = manifest('20210302T000000000Z', 'run', first.id, table.rows.length);
    const next = changedTable(table, changed);
    const results: SinkBenchResult[] = [];
    const time = async (what: SinkBenchResult['case'], rows: number, context: PublishContext): Promise<void> => {
      const started = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      await sink.publish(context);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const used = process.cpuUsage(cpu);
      results.push({ sink: kind, case: what, seconds, rows });
      console.log(`${kind.padEnd(8)} ${what.padEnd(13)} ${String(rows).padStart(8)} rows  ${seconds.toFixed(2)} s  (cpu ${((used.user + used.system) / 1e6).toFixed(2)} s)`);
    };
    await time('first publish', table.rows.length, { definition, snapshot: first, table, snapshots: [first], previous: undefined });
    const changes = { since: first.id, rows: next.rows };
    await time('changed rows', next.rows.length, { definition, snapshot: second, table: next.table, snapshots: [first, second], previous: first.id, changes });
    if (kind === 'postgres') {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
    }
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Times each sink's first publish of `rows` rows and a publish of `changed` changed rows; prints and returns the times. */
export async function sinkBench(options: SinkBenchOptions = {}): Promise<SinkBenchResult[]> {
  const { rows = 2_000_000, changed = 100_000, sinks = ['sqlite', 'postgres'] } = options;
  const table = benchTable(rows);
  const results: SinkBenchResult[] = [];
  if (sinks.includes('sqlite')) results.push(...(await publishBoth('sqlite', table, changed, '')));
  if (sinks.includes('postgres')) {
    const server = await startPostgres();
    try {
      results.push(...(await publishBoth('postgres', table, changed, server.url)));
    } finally {
      server.stop();
    }
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback: string): string => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? process.argv[at + 1]! : fallback;
  };
  const sinks = arg('sinks', 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
  await sinkBench({ rows: Math.round(Number(arg('rows', '2e6'))), changed: Math.round(Number(arg('changed', '1e5'))), sinks });
}
