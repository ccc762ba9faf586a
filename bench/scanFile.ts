// Microbenchmark of the byte engine's per-file scanner (not a test, not part of `npm run bench`):
//   node dist/cli/main.js generate bench --rows 1000000 --ids 200000 --seed 42 --root <ws>   (bench.ts's definition)
//   npx tsc -p . && node build/bench/scanFile.js <ws>/input/processing [--runs 5]
// Scans every CSV file in the folder with scanFile (id, description, timestamp: date), then the same files the
// reference way (decode, parseCsvFast, validateRow, a Map per file), and prints MB/s and rows/s of each (best run).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCsvFast } from '../src/csv/parseCsvFast.js';
import type { PipelineDefinition } from '../src/definition/PipelineDefinition.js';
import { scanFile } from '../src/engine/scanFile.js';
import { silentLogger } from '../test/helpers/silentLogger.js';
import { SchemaValidator } from '../src/validation/SchemaValidator.js';
import { isFileRejection, isReject, type HeaderMapping, type ValidRow } from '../src/validation/Validator.js';

const column = (name: string, type: 'string' | 'date', required: boolean) => ({ name, type, required, aliases: [] });
const definition = {
  source: { delimiter: ',' },
  schema: { key: ['id'], timestamp: 'timestamp', columns: [column('id', 'string', true), column('description', 'string', false), column('timestamp', 'date', true)] },
  output: { path: 'output/latest.csv' },
  validation: { headerThreshold: 0.8, extraColumns: 'drop' },
} as unknown as PipelineDefinition;

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: node build/bench/scanFile.js <folder of CSV files> [--runs n]');
const at = process.argv.indexOf('--runs');
const runs = at > 0 ? Number(process.argv[at + 1]) : 5;
const validator = new SchemaValidator(silentLogger);
// Files whose header the validator refuses (a drop made with --dirty has some) are left out, as a run quarantines them.
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.csv'))
  .sort()
  .flatMap((name) => {
    const bytes = readFileSync(join(dir, name));
    const header = bytes.subarray(0, bytes.indexOf(10)).toString().replace(/\r$/, '').split(',');
    const mapping = validator.mapHeader(definition, header, name);
    return isFileRejection(mapping) ? [] : [{ name, bytes, mapping }];
  });
const megabytes = files.reduce((sum, f) => sum + f.bytes.length, 0) / 1e6;

function bytePath(): number {
  let rows = 0;
  for (const f of files) {
    const partial = scanFile({ bytes: f.bytes, delimiter: ',', file: f.name, schema: definition.schema, mapping: f.mapping });
    if ('fallback' in partial) throw new Error(`${f.name} fell back: ${partial.fallback}`);
    rows += partial.rows;
    rejects += partial.rejects.length;
  }
  return rows;
}
let rejects = 0;

function referencePath(): number {
  let rows = 0;
  for (const f of files) {
    const records = parseCsvFast(new TextDecoder().decode(f.bytes), ',')!;
    const winners = new Map<string, ValidRow>();
    for (let i = 1; i < records.length; i++) {
      const result = validator.validateRow(definition, f.mapping as HeaderMapping, records[i]!, f.name);
      if (isReject(result)) continue;
      const kept = winners.get(result.key);
      if (kept === undefined || !(result.order < kept.order)) winners.set(result.key, result);
    }
    rows += records.length - 1;
  }
  return rows;
}

for (const [name, run] of [
  ['scanFile', bytePath],
  ['reference', referencePath],
] as const) {
  const times: number[] = [];
  const cpu: number[] = [];
  let rows = 0;
  for (let r = 0; r < runs; r++) {
    rejects = 0;
    const start = performance.now();
    const used = process.cpuUsage();
    rows = run();
    times.push((performance.now() - start) / 1000);
    cpu.push(process.cpuUsage(used).user / 1e6);
  }
  // The machine is shared: the best wall time and the user CPU time say more than the mean.
  const best = Math.min(...times);
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const user = Math.min(...cpu);
  const line =
    `${name}: ${files.length} files, ${megabytes.toFixed(1)} MB, ${rows} rows${name === 'scanFile' ? ` (${rejects} rejected)` : ''}; ` +
    `best ${best.toFixed(3)} s = ${(megabytes / best).toFixed(0)} MB/s, ${(rows / best / 1e6).toFixed(2)} M rows/s; median ${median.toFixed(3)} s; least user CPU ${user.toFixed(3)} s`;
  process.stdout.write(line + '\n');
}
