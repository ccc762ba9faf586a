// The sinks rows of the bench table: bench/sinkBench.ts (publishing to SQLite and PostgreSQL, in-process)
// when it is there, its median over the repetitions; its targets are issue 13's.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './benchData.js';
import { median } from './measure.js';

/** What sinkBench() returns per sink and case (bench/sinkBench.ts's SinkBenchResult). */
interface SinkTiming {
  sink: string;
  case: string;
  seconds: number;
  rows: number;
}

export interface SinkRow {
  label: string;
  rows: number;
  seconds: number;
  target: string;
  met: boolean;
}

/** Runs the sinks bench `runs` times (rows to publish first, then `changed` of them changed); null when it is not built. */
export async function sinkRows(runs: number, rows: number, changed: number): Promise<SinkRow[] | null> {
  const module = join(ROOT, 'build', 'bench', 'sinkBench.js');
  if (!existsSync(module)) return null;
  const { sinkBench } = (await import(pathToFileURL(module).href)) as { sinkBench: (o: { rows: number; changed: number }) => Promise<SinkTiming[]> };
  const all: SinkTiming[] = [];
  for (let i = 0; i < runs; i++) all.push(...(await sinkBench({ rows, changed })));
  const groups = new Map<string, SinkTiming[]>();
  for (const t of all) groups.set(`${t.sink}|${t.case}`, [...(groups.get(`${t.sink}|${t.case}`) ?? []), t]);
  return [...groups.values()].map((ts) => {
    const first = ts[0]!;
    const limit = first.case === 'first publish' ? 5 : 1;
    const seconds = median(ts.map((t) => t.seconds));
    return { label: `sinks: ${first.sink}, ${first.case} (${first.rows.toLocaleString('en')} rows)`, rows: first.rows, seconds, target: `< ${limit} s`, met: seconds < limit };
  });
}
