/**
 * The floor: issue 13's "throwaway single-thread prototype", rebuilt to see
 * what the simplest byte-level design takes on this machine beside DuckDB
 * (not part of `npm run bench`, not a test). One thread; every input read
 * whole and kept; key bytes hashed into an open-addressing table of typed
 * arrays; the date compared as an integer; only the winners' byte offsets
 * kept; key strings made for the winners alone, to sort them; the winning
 * rows' bytes copied out with the lineage column. No validation, no
 * rejects, no content hashes, no history, no fsync, no archive: the bench's
 * drops only (key first, an unquoted description, a YYYY-MM-DD date last,
 * every line ended by LF). Its latest.csv is byte-identical to dropline's for
 * them. The "scan" it prints includes reading the inputs.
 *   node build/bench/floorPrototype.js <drop folder> <out.csv>
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, out] = process.argv.slice(2);
if (dir === undefined || out === undefined) throw new Error('usage: node build/bench/floorPrototype.js <drop folder> <out.csv>');
const started = performance.now();
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.csv'))
  .sort();
const inputs: Buffer[] = [];
let slots = new Int32Array(1 << 20).fill(-1);
let mask = slots.length - 1;
let count = 0;
let hashes = new Uint32Array(1 << 18);
let dates = new Float64Array(hashes.length);
let fileOf = new Int32Array(hashes.length);
let rowStart = new Int32Array(hashes.length);
let rowEnd = new Int32Array(hashes.length);
let keyEnd = new Int32Array(hashes.length);

function grow(): void {
  const twice = <T extends Uint32Array | Float64Array | Int32Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(a.length * 2);
    b.set(a as never);
    return b;
  };
  [hashes, dates, fileOf, rowStart, rowEnd, keyEnd] = [twice(hashes), twice(dates), twice(fileOf), twice(rowStart), twice(rowEnd), twice(keyEnd)];
}

function rehash(): void {
  slots = new Int32Array(slots.length * 2).fill(-1);
  mask = slots.length - 1;
  for (let e = 0; e < count; e++) {
    let s = hashes[e]! & mask;
    while (slots[s]! >= 0) s = (s + 1) & mask;
    slots[s] = e;
  }
}

const digit = (b: Buffer, i: number): number => b[i]! - 48;
let header = Buffer.alloc(0);
for (let f = 0; f < names.length; f++) {
  const b = readFileSync(join(dir, names[f]!));
  inputs.push(b);
  let i = b.indexOf(10) + 1;
  if (f === 0) header = b.subarray(0, i - 1);
  while (i < b.length) {
    const start = i;
    let h = 2166136261;
    for (; b[i] !== 44; i++) h = Math.imul(h ^ b[i]!, 16777619);
    const ke = i++;
    while (b[i] !== 44) i++;
    i++;
    const d = digit(b, i) * 1e7 + digit(b, i + 1) * 1e6 + digit(b, i + 2) * 1e5 + digit(b, i + 3) * 1e4;
    const date = d + digit(b, i + 5) * 1e3 + digit(b, i + 6) * 100 + digit(b, i + 8) * 10 + digit(b, i + 9);
    while (b[i] !== 10) i++;
    const re = i++;
    h >>>= 0;
    let s = h & mask;
    let e = slots[s]!;
    for (; e >= 0; s = (s + 1) & mask, e = slots[s]!) {
      if (hashes[e] !== h || keyEnd[e]! - rowStart[e]! !== ke - start) continue;
      const other = inputs[fileOf[e]!]!;
      let k = 0;
      while (k < ke - start && other[rowStart[e]! + k] === b[start + k]) k++;
      if (k === ke - start) break;
    }
    if (e < 0) {
      if (count === hashes.length) grow();
      e = count++;
      slots[s] = e;
      hashes[e] = h;
    } else if (date < dates[e]!) continue;
    dates[e] = date;
    fileOf[e] = f;
    rowStart[e] = start;
    rowEnd[e] = re;
    keyEnd[e] = ke;
    if (count * 2 > slots.length) rehash();
  }
}
const scanned = performance.now();
const keys = Array.from({ length: count }, (_, e) => inputs[fileOf[e]!]!.toString('utf8', rowStart[e]!, keyEnd[e]!));
const order = Int32Array.from({ length: count }, (_, e) => e).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
const sorted = performance.now();
const lineage = names.map((name) => Buffer.from(`,${name}\n`));
let size = header.length + ',source_filename\n'.length;
for (let e = 0; e < count; e++) size += rowEnd[e]! - rowStart[e]! + lineage[fileOf[e]!]!.length;
const output = Buffer.allocUnsafe(size);
let at = header.copy(output, 0) + output.write(',source_filename\n', header.length);
for (const e of order) {
  at += inputs[fileOf[e]!]!.copy(output, at, rowStart[e]!, rowEnd[e]!);
  at += lineage[fileOf[e]!]!.copy(output, at);
}
writeFileSync(out, output);
const written = performance.now();
const ms = (a: number, b: number): string => `${(b - a).toFixed(0)} ms`;
process.stdout.write(
  `${names.length} inputs, ${count} keys: scan ${ms(started, scanned)}, sort ${ms(scanned, sorted)}, write ${ms(sorted, written)}; ` +
    `latest.csv sha256 ${createHash('sha256').update(output).digest('hex').slice(0, 16)}\n`,
);
