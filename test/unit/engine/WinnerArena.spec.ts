import { expect } from 'chai';
import { WinnerArena } from '../../../src/engine/WinnerArena.js';
import { viewOf } from '../../../src/engine/copyBytes.js';

/** Entry `e`'s key and row as text. */
function read(arena: WinnerArena, e: number): string {
  const bytes = arena.bytesOf(e);
  const key = Buffer.from(bytes.subarray(arena.keyStart(e), arena.keyStart(e) + arena.keyLength(e))).toString();
  const row = Buffer.from(bytes.subarray(arena.rowStart(e), arena.rowStart(e) + arena.rowLength(e))).toString();
  return `${key}|${row}`;
}

function put(arena: WinnerArena, e: number, key: string, row: string): void {
  const bytes = Buffer.from(key + row);
  arena.put(e, viewOf(bytes), 0, Buffer.byteLength(key), Buffer.byteLength(row));
}

describe('WinnerArena', () => {
  it('should keep every winner readable when winners are put after chunks were adopted (they go to its own chunk, not an adopted one)', () => {
    const arena = new WinnerArena(64);
    put(arena, 0, 'k0', 'own row 0');
    // A worker's chunk: winner 1 at offset 0 of its first (1-based: 1) chunk.
    const adopted = Buffer.from('k1adopted row 1');
    const base = arena.adoptChunks([new Uint8Array(adopted)]);
    arena.point(1, base + 1, 0, 2, adopted.length - 2);
    put(arena, 2, 'k2', 'own row 2');
    put(arena, 0, 'k0', 'own row 0, replaced');
    expect([0, 1, 2].map((e) => read(arena, e))).to.deep.equal(['k0|own row 0, replaced', 'k1|adopted row 1', 'k2|own row 2']);
  });

  it('should keep adopted and own winners through a compaction', () => {
    const arena = new WinnerArena(32);
    const adopted = Buffer.from('k1adopted row 1');
    const base = arena.adoptChunks([new Uint8Array(adopted)]);
    arena.point(1, base + 1, 0, 2, adopted.length - 2);
    // Each odd row longer than the one before: put after the others, not over it.
    for (let i = 0; i < 40; i++) put(arena, 0, 'k0', `own row ${i}${i % 2 === 1 ? '!' : ''}`);
    expect(arena.compactions).to.be.above(0);
    expect([0, 1].map((e) => read(arena, e))).to.deep.equal(['k0|own row 39!', 'k1|adopted row 1']);
  });

  it('should keep every winner through many compactions that reuse emptied chunks, rows longer than a chunk included', () => {
    const arena = new WinnerArena(256, 0.25);
    const expected = new Map<number, string>();
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
    for (let i = 0; i < 20_000; i++) {
      const e = next(300);
      const row = `row ${i} ` + 'x'.repeat(next(20) === 0 ? 300 + next(200) : next(40));
      put(arena, e, `k${e}`, row);
      expected.set(e, `k${e}|${row}`);
      if (i % 997 === 0) for (const [entry, text] of expected) expect(read(arena, entry), `entry ${entry} after ${i} puts`).to.equal(text);
    }
    expect(arena.compactions).to.be.above(20);
    for (const [entry, text] of expected) expect(read(arena, entry)).to.equal(text);
  });

  it("should keep each entry's payload (floats and ints) through growth and compactions, beside its bytes", () => {
    const arena = new WinnerArena(256, 0.25, 4);
    const expected = new Map<number, [number, number, number]>();
    let seed = 11;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
    for (let i = 0; i < 5_000; i++) {
      const e = next(2_000);
      put(arena, e, `k${e}`, `row ${i}`);
      const p = arena.payloadAt(e);
      arena.payloadFloats[p / 2] = i + 0.5;
      arena.payloadInts[p + 2] = -i | 0;
      arena.payloadInts[p + 3] = e * 3;
      expected.set(e, [i + 0.5, -i | 0, e * 3]);
    }
    expect(arena.compactions).to.be.above(0);
    for (const [e, values] of expected) {
      const p = arena.payloadAt(e);
      expect([arena.payloadFloats[p / 2], arena.payloadInts[p + 2], arena.payloadInts[p + 3]], `entry ${e}`).to.deep.equal(values);
      expect(read(arena, e)).to.match(new RegExp(`^k${e}\\|row ${-values[1]}$`));
    }
  });

  it('should fill the chunks a compaction left empty before it makes new ones, at the next compaction too', () => {
    // Steady state: 200 live winners of about 20 bytes (4 KB) replaced again and again in 1 KB chunks, every other
    // time by a longer row (put after the others). A compaction that dropped the chunks left over from the one before
    // and made a fresh one would make a chunk per compaction.
    const arena = new WinnerArena(1024, 0.25);
    const row = (i: number): string => `row ${String(i).padStart(8, '0')}${Math.floor(i / 200) % 2 === 1 ? '!' : ''}`;
    for (let i = 0; i < 50_000; i++) put(arena, i % 200, `k${i % 200}`, row(i));
    expect(arena.compactions).to.be.above(50);
    expect(arena.chunksMade, `${arena.compactions} compactions`).to.be.below(12);
    for (let e = 0; e < 200; e++) expect(read(arena, e)).to.equal(`k${e}|${row(49_800 + e)}`);
  });

  it('should write a row no longer than the one it replaces over it, and a longer one after the others', () => {
    const arena = new WinnerArena(1024);
    put(arena, 0, 'key0', 'a row of 20 bytes...');
    put(arena, 1, 'key1', 'another row');
    const [chunk, at] = [arena.bytesOf(0), arena.keyStart(0)];
    put(arena, 0, 'key0', 'shorter row');
    expect([arena.bytesOf(0), arena.keyStart(0)], 'written over').to.deep.equal([chunk, at]);
    expect(read(arena, 0)).to.equal('key0|shorter row');
    put(arena, 0, 'key0', 'a row of 12!');
    expect(arena.keyStart(0), 'one byte longer than the last: after the others').to.be.above(arena.keyStart(1));
    expect(read(arena, 0)).to.equal('key0|a row of 12!');
    expect(read(arena, 1)).to.equal('key1|another row');
  });

  it('should write a row over one in an adopted chunk when it is no longer, and put a longer one in a chunk of its own', () => {
    const arena = new WinnerArena(64);
    const adopted = new Uint8Array(Buffer.from('k1adopted row 1'));
    arena.point(1, arena.adoptChunks([adopted]) + 1, 0, 2, adopted.length - 2);
    put(arena, 1, 'k1', 'new row 1');
    expect(arena.bytesOf(1), 'written over, in the adopted chunk').to.equal(adopted);
    expect(read(arena, 1)).to.equal('k1|new row 1');
    put(arena, 1, 'k1', 'a longer row 1');
    expect(arena.bytesOf(1)).to.not.equal(adopted);
    expect(read(arena, 1)).to.equal('k1|a longer row 1');
  });

  it('should compact less when rows are written over: the garbage is only what shorter rows leave', () => {
    const rows = (arena: WinnerArena, length: (i: number) => number): number => {
      for (let i = 0; i < 20_000; i++) put(arena, i % 100, `k${String(i % 100).padStart(3, '0')}`, 'r'.repeat(length(i)));
      for (let e = 0; e < 100; e++) expect(read(arena, e)).to.equal(`k${String(e).padStart(3, '0')}|${'r'.repeat(length(19_900 + e))}`);
      return arena.compactions;
    };
    const growing = rows(new WinnerArena(1024, 0.25), (i) => 10 + Math.floor(i / 100));
    const same = rows(new WinnerArena(1024, 0.25), () => 30);
    expect(growing, 'every row longer than the last: each one appended').to.be.above(100);
    expect(same, 'every row as long as the last: written over').to.equal(0);
  });

  it('should read ahead only entries it holds: those below its start, past its records or without bytes are passed over', () => {
    const arena = new WinnerArena(4);
    arena.startAt(10);
    put(arena, 10, 'k', 'A'); // in chunk 1, its row's first byte "A" (65)
    put(arena, 12, 'mm', 'B'); // too long for what chunk 1 has left: in chunk 2; entry 11 has a record without bytes
    const entries = Int32Array.from([3, -1, 10, 11, 12, 500]);
    expect(arena.touch(entries, 0, entries.length, 'records'), 'the chunk numbers of entries 10 and 12').to.equal(1 ^ 2);
    expect(arena.touch(entries, 0, entries.length, 'rows'), 'the first row bytes of entries 10 and 12').to.equal(65 ^ 66);
    expect(arena.touch(entries, 0, entries.length, 'keys'), 'the first key bytes of entries 10 and 12').to.equal(107 ^ 109);
    expect(arena.touch(entries, 2, 3, 'rows')).to.equal(65);
  });

  it('should refuse an odd payload (a float64 in it would straddle two records)', () => {
    expect(() => new WinnerArena(64, 1, 3)).to.throw(RangeError, /even count/);
  });
});
