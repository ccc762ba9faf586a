/**
 * Microbenchmark of sortTextKeys (not part of `npm run bench`, not a test):
 * 2M random UUID keys and 2M shuffled sequential keys `k-0000000`, held in a
 * WinnerArena as the engine holds new keys. Prints the median, min and max
 * wall time of several repetitions and checks the order found.
 *   node build/bench/sortKeysMicro.js [count] [repetitions]
 */
import { randomUUID } from 'node:crypto';
import { EntryKeys } from '../src/engine/EntryKeys.js';
import { sortTextKeys } from '../src/engine/sortTextKeys.js';
import { WinnerArena } from '../src/engine/WinnerArena.js';
import { seededRandom } from '../test/helpers/randomMergeInput.js';
import { viewOf } from '../src/engine/copyBytes.js';

const count = Number(process.argv[2] ?? 2e6);
const repetitions = Number(process.argv[3] ?? 7);
const next = seededRandom(13);

function keysOf(texts: (i: number) => string): EntryKeys {
  const arena = new WinnerArena();
  for (let e = 0; e < count; e++) {
    const bytes = Buffer.from(texts(e), 'utf8');
    arena.put(e, viewOf(bytes), 0, bytes.length, 0);
  }
  return new EntryKeys(null, arena);
}

/** Entries 0..count-1 of the sequential keys, in a random order. */
function shuffled(): Int32Array {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

function run(name: string, keys: EntryKeys): void {
  const times: number[] = [];
  let sorted: Int32Array = new Int32Array(0);
  for (let r = 0; r < repetitions; r++) {
    const t = performance.now();
    sorted = sortTextKeys(keys, 0, count);
    times.push((performance.now() - t) / 1000);
  }
  for (let i = 1; i < count; i++) {
    const c = keys.compare(sorted[i - 1]!, sorted[i]!);
    if (c > 0 || (c === 0 && sorted[i - 1]! > sorted[i]!)) throw new Error(`${name}: out of order at ${i}`);
  }
  times.sort((a, b) => a - b);
  const f = (s: number): string => s.toFixed(3);
  process.stdout.write(`${name}: ${count} keys, median ${f(times[times.length >> 1]!)} s (min ${f(times[0]!)}, max ${f(times[times.length - 1]!)}) over ${repetitions}\n`);
}

run(
  'uuid',
  keysOf(() => randomUUID()),
);
const order = shuffled();
run(
  'k-0000000 shuffled',
  keysOf((e) => `k-${String(order[e]).padStart(7, '0')}`),
);
