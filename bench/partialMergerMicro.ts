/**
 * Microbenchmark of one scan worker's merge (not part of `npm run bench`, not a test): `rows` rows of
 * 36-byte keys drawn from `keys` ids, rows of 35-55 bytes, random dates, in `files` parts, merged by a
 * PartialMerger as a worker merges its key partition. At 10M rows / 2M ids each of two workers merges
 * about 5M rows into 1M keys. Prints the time per row, the arena's compactions and chunks, and peak RSS:
 *   node build/bench/partialMergerMicro.js [rows] [keys] [files]
 */
import type { FilePartial } from '../src/engine/FilePartial.js';
import { hashKey } from '../src/engine/hashKey.js';
import { PartialMerger } from '../src/engine/PartialMerger.js';
import { seededRandom } from '../test/helpers/randomMergeInput.js';

const [rows, keys, files] = [Number(process.argv[2] ?? 5e6), Number(process.argv[3] ?? 1e6), Number(process.argv[4] ?? 50)];
const next = seededRandom(42);
const hex = (n: number): string => n.toString(16).padStart(8, '0');
const idOf = (k: number): string => `${hex(Math.imul(k, 0x9e3779b1) >>> 0)}-${hex(k)}-4a1b-9c2d-${hex(k ^ 0x5bd1e995)}0000`;

/** One part of `count` rows, packed key then row as the scan's router packs them. */
function part(count: number): FilePartial {
  const texts: [Buffer, Buffer][] = [];
  for (let r = 0; r < count; r++) texts.push([Buffer.from(idOf(Math.floor(next() * keys))), Buffer.from('x'.repeat(35 + Math.floor(next() * 21)))]);
  const data = Buffer.concat(texts.flat());
  const [hashes, keyLengths, rowLengths, lines] = [new Uint32Array(count), new Uint32Array(count), new Uint32Array(count), new Uint32Array(count)];
  const orders = new Float64Array(count);
  let at = 0;
  texts.forEach(([key, row], r) => {
    hashes[r] = hashKey(data, at, at + key.length);
    [keyLengths[r], rowLengths[r], lines[r], orders[r]] = [key.length, row.length, r + 2, Math.floor(next() * 100_000)];
    at += key.length + row.length;
  });
  return { rows: count, rejects: [], count, hashes, orders, lines, keyLengths, rowLengths, data };
}

const parts = Array.from({ length: files }, () => part(Math.ceil(rows / files)));
const merger = new PartialMerger();
const started = performance.now();
parts.forEach((p, file) => merger.add(p, file));
const ms = performance.now() - started;
const stats = merger.arenaStats();
console.log(
  `${rows} rows into ${merger.size} keys: ${ms.toFixed(0)} ms, ${((ms * 1e6) / rows).toFixed(0)} ns a row; ` +
    `${stats.compactions} compactions, ${stats.chunksMade} chunks; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
