/**
 * Microbenchmark of the byte engine's main-thread latest state (not part of
 * `npm run bench`, not a test). Run one case per process, so peak RSS is that
 * case's:
 *   node build/bench/byteLatestMicro.js merge [rows] [keys] [files]   partials -> merged, streamed latest.csv
 *   node build/bench/byteLatestMicro.js write <dir> [rows]            a latest.csv of `rows` keys and its index, in dir
 *   node build/bench/byteLatestMicro.js load <dir> index|scan [new]   loadPrevious (+ `new` rows merged and streamed)
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ByteLatest } from '../src/engine/ByteLatest.js';
import type { FilePartial } from '../src/engine/FilePartial.js';
import { demoDefinition } from '../test/helpers/definitions.js';
import { packedPartial, type PackedWinner } from '../test/helpers/packedPartial.js';
import { seededRandom } from '../test/helpers/randomMergeInput.js';

const definition = demoDefinition();
const next = seededRandom(42);
const hex = (n: number): string => n.toString(16).padStart(8, '0');
const idOf = (k: number): string => `${hex(Math.imul(k, 0x9e3779b1) >>> 0)}-${hex(k)}-4a1b-9c2d-${hex(k ^ 0x5bd1e995)}0000`;

/** One file's winners, packed as a scanner would: `rows` rows over ids drawn from `keys`. */
function partial(rows: number, keys: number, day: number): FilePartial {
  const seen = new Map<number, number>();
  for (let r = 0; r < rows; r++) seen.set(Math.floor(next() * keys), r);
  const date = `2021-${String(1 + (day % 12)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
  return packedPartial(
    [...seen].map(([k, line]) => winner(k, date, line + 2)),
    rows,
  );
}

function winner(k: number, date: string, line: number): PackedWinner {
  const id = idOf(k);
  return { key: id, row: `${id},synergize scalable e-markets ${k % 997},${date}`, order: Date.parse(date), line };
}

/** Streams the result (hashing it, as the snapshot store does) and returns its index and the seconds taken. */
function drain(engine: ByteLatest, out?: string): { seconds: number; index: Buffer; rows: number; bytes: number } {
  const t = performance.now();
  const result = engine.finish();
  const hash = createHash('sha256');
  const kept: Buffer[] = [];
  let bytes = 0;
  for (const chunk of result.chunks()) {
    hash.update(chunk);
    bytes += chunk.length;
    if (out) kept.push(chunk);
  }
  if (out) writeFileSync(out, Buffer.concat(kept));
  const index = Buffer.concat(result.index());
  return { seconds: (performance.now() - t) / 1000, index, rows: result.rows, bytes };
}

let cpu = process.cpuUsage();
/** Wall seconds since t, and the process's CPU seconds since the last call (the machine is shared: CPU time is steadier). */
const s = (t: number): string => {
  const used = process.cpuUsage(cpu);
  cpu = process.cpuUsage();
  return `${((performance.now() - t) / 1000).toFixed(3)} s (cpu ${((used.user + used.system) / 1e6).toFixed(3)} s)`;
};
const rss = (): string => `${Math.round(process.resourceUsage().maxRSS / 1024)} MB peak RSS`;
const [mode = 'merge', a, b, c] = process.argv.slice(2);

if (mode === 'merge') {
  const rows = Number(a ?? 1e6);
  const keys = Number(b ?? 2e5);
  const files = Number(c ?? 50);
  const partials = Array.from({ length: files }, (_, f) => partial(rows / files, keys, f));
  cpu = process.cpuUsage();
  const t = performance.now();
  const engine = new ByteLatest(definition);
  partials.forEach((p, f) => engine.applyPartial(p, f, `drop-${f}.csv`));
  const merged = s(t);
  const out = drain(engine);
  process.stdout.write(
    `merge ${rows} rows/${keys} keys/${files} files: apply ${merged}, then finish+stream+index ${out.seconds.toFixed(3)} s: total wall, cpu of this part ${s(t)}; ${out.rows} rows, ${out.bytes} bytes, ${engine.arenaCompactions} compactions; ${rss()}\n`,
  );
} else if (mode === 'write') {
  const rows = Number(b ?? 2e6);
  const engine = new ByteLatest(definition, { expectedKeys: rows });
  for (let f = 0; f < rows / 100_000; f++) {
    engine.applyPartial(packRange(f * 100_000, 100_000), f, `drop-${f}.csv`);
  }
  const out = drain(engine, join(a!, 'latest.csv'));
  writeFileSync(join(a!, 'latest.idx'), out.index);
  process.stdout.write(`wrote ${out.rows} rows, ${out.bytes} bytes, index ${out.index.length} bytes\n`);
} else {
  const latest = readFileSync(join(a!, 'latest.csv'));
  const index = b === 'index' ? readFileSync(join(a!, 'latest.idx')) : null;
  const fresh = Number(c ?? 0);
  const extra = fresh > 0 ? partial(fresh, 4_000_000, 40) : null;
  cpu = process.cpuUsage();
  const t = performance.now();
  const engine = new ByteLatest(definition);
  const ok = engine.loadPrevious(latest, index);
  const loaded = s(t);
  if (extra) engine.applyPartial(extra, 0, 'new.csv');
  const out = drain(engine);
  process.stdout.write(
    `load ${b} (${ok}): loadPrevious ${loaded}; +${fresh} rows merged, streamed, indexed: total ${s(t)} (finish ${out.seconds.toFixed(3)} s); ${out.rows} rows; ${rss()}\n`,
  );
}

/** A partial of `count` distinct ids from `first` on, all dated 2021-01-01. */
function packRange(first: number, count: number): FilePartial {
  return packedPartial(Array.from({ length: count }, (_, w) => winner(first + w, '2021-01-01', w + 2)));
}
