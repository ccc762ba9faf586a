import { expect } from 'chai';
import { EntryKeys } from '../../../src/engine/EntryKeys.js';
import { PartialMerger } from '../../../src/engine/PartialMerger.js';
import { SortedRuns } from '../../../src/engine/SortedRuns.js';
import { WinnerArena } from '../../../src/engine/WinnerArena.js';
import { seededRandom } from '../../helpers/randomMergeInput.js';
import { hashKey } from '../../../src/engine/hashKey.js';
import type { FilePartial } from '../../../src/engine/FilePartial.js';
import { viewOf } from '../../../src/engine/copyBytes.js';

const SEED = Number(process.env.DROPLINE_SEED ?? Date.now() % 1_000_000);
/** Keys that tie on their first eight bytes (long shared beginnings), shorter than eight bytes, or order differently in UTF-8 and UTF-16. */
const PIECES = ['id-0000', 'id-0001', 'a', 'é', '\uFF21', '😀', '\u{10000}', '', '7', 'zz'];

const javascriptOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A partial of these keys (rows `<key>-row`), in this order. */
function partialOf(keys: string[]): FilePartial {
  const parts = keys.map((k) => [Buffer.from(k), Buffer.from(`${k}-row`)] as const);
  return {
    rows: keys.length,
    rejects: [],
    count: keys.length,
    hashes: Uint32Array.from(parts, ([k]) => hashKey(k, 0, k.length)),
    orders: Float64Array.from(keys, (_, i) => i),
    lines: Uint32Array.from(keys, (_, i) => i + 2),
    keyLengths: Uint32Array.from(parts, ([k]) => k.length),
    rowLengths: Uint32Array.from(parts, ([, r]) => r.length),
    data: Buffer.concat(parts.flat()),
  };
}

describe(`SortedRuns and sorted partitions (seed ${SEED})`, () => {
  const next = seededRandom(SEED);
  const randomKey = (): string => Array.from({ length: 1 + Math.floor(next() * 4) }, () => PIECES[Math.floor(next() * PIECES.length)]!).join('');
  /** Distinct keys split into `parts` groups, as workers' partitions would hold them. */
  function partitions(parts: number): string[][] {
    const keys = [...new Set(Array.from({ length: 600 }, randomKey))];
    const groups: string[][] = Array.from({ length: parts }, () => []);
    keys.forEach((k, i) => groups[(i * 7 + Math.floor(next() * 3)) % parts]!.push(k));
    return groups;
  }

  for (const parts of [2, 3, 4]) {
    it(`should merge ${parts} partitions a worker each sorted into the order JavaScript gives their keys, ties on eight bytes included`, () => {
      const groups = partitions(parts);
      // Each worker: its keys merged, then taken in key order with their first eight bytes.
      const taken = groups.map((keys) => {
        const merger = new PartialMerger();
        merger.add(partialOf(keys), 0);
        return merger.take(true);
      });
      // The main thread: the partitions' winners as entries one partition after another, from entry 3 on.
      const arena = new WinnerArena(256);
      const runs = new SortedRuns();
      let entry = 3;
      for (const p of taken) {
        expect(p.sorted, 'the winners come with their prefixes').to.not.equal(undefined);
        runs.add(entry, p.sorted!.hi, p.sorted!.lo);
        for (let w = 0; w < p.count; w++, entry++) {
          const chunk = p.chunks[p.chunkOf[w]! - 1]!;
          arena.put(entry, viewOf(chunk), p.offsetOf[w]!, p.keyLengths[w]!, p.rowLengths[w]!);
        }
      }
      const merged = runs.merged(new EntryKeys(null, arena), 3, entry);
      expect(merged).to.not.equal(undefined);
      const keyOf = (e: number): string => {
        const bytes = arena.bytesOf(e);
        return Buffer.from(bytes.subarray(arena.keyStart(e), arena.keyStart(e) + arena.keyLength(e))).toString();
      };
      expect([...merged!].map(keyOf)).to.deep.equal(groups.flat().sort(javascriptOrder));
    });
  }

  it('should give each winner its own row, line and order when taken in key order', () => {
    const keys = ['m', 'b', 'id-00001', 'id-00000', 'a'];
    const merger = new PartialMerger();
    merger.add(partialOf(keys), 4);
    const p = merger.take(true);
    const rows = Array.from({ length: p.count }, (_, w) => {
      const chunk = p.chunks[p.chunkOf[w]! - 1]!;
      const start = p.offsetOf[w]! + p.keyLengths[w]!;
      return [Buffer.from(chunk.subarray(start, start + p.rowLengths[w]!)).toString(), p.lines[w], p.orders[w], p.files[w]];
    });
    expect(rows).to.deep.equal([
      ['a-row', 6, 4, 4],
      ['b-row', 3, 1, 4],
      ['id-00000-row', 5, 3, 4],
      ['id-00001-row', 4, 2, 4],
      ['m-row', 2, 0, 4],
    ]);
    expect(new PartialMerger().take(false).sorted, 'unsorted winners carry no prefixes').to.equal(undefined);
  });

  it('should leave the entries to be sorted when the runs are not all of them, one after another', () => {
    const arena = new WinnerArena(64);
    const keys = new EntryKeys(null, arena);
    const one = new Uint32Array(2);
    const gap = new SortedRuns();
    gap.add(0, one, one);
    gap.add(3, one, one);
    expect(gap.merged(keys, 0, 5), 'a gap between runs').to.equal(undefined);
    const short = new SortedRuns();
    short.add(0, one, one);
    expect(short.merged(keys, 0, 3), 'entries after the runs').to.equal(undefined);
    expect(short.merged(keys, 1, 2), 'entries before the runs').to.equal(undefined);
    expect(new SortedRuns().merged(keys, 0, 0), 'no runs').to.equal(undefined);
  });
});
