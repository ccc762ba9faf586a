import { expect } from 'chai';
import { KeyIndex, type KeyProbe } from '../../../src/engine/KeyIndex.js';

/** Accepts exactly one entry. */
const only = (entry: number): KeyProbe => ({ isProbed: (e) => e === entry });

/** Hashes with many collisions and runs of neighbouring slots, as a crowded table has them. */
function hashesOf(count: number): Uint32Array {
  const hashes = new Uint32Array(count);
  for (let i = 0; i < count; i++) hashes[i] = i % 5 === 0 ? 7 : (Math.imul(i + 1, 2654435761) >>> 0) % (count * 3);
  return hashes;
}

describe('KeyIndex', () => {
  describe('when entries are added all at once (addAll)', () => {
    for (const [what, expected, maxLoad] of [
      ['the table is sized for them', 50_000, 0.5],
      ['the table must grow several times', 16, 0.5],
      ['the table is sized for them and filled to three quarters', 20_000, 0.75],
      ['the table is filled to three quarters and must grow several times', 16, 0.75],
    ] as const) {
      it(`should find every entry by its hash and number them in order, also when ${what}`, () => {
        const hashes = hashesOf(20_000);
        const index = new KeyIndex(expected, maxLoad);
        index.addAll(hashes, 0, hashes.length);
        expect(index.size).to.equal(hashes.length);
        for (let e = 0; e < hashes.length; e++) {
          expect(index.hashOf(e)).to.equal(hashes[e]);
          expect(index.find(hashes[e]!, only(e))).to.equal(e);
        }
        expect(index.find(hashes[3]!, { isProbed: () => false })).to.equal(-1);
      });
    }

    it('should number a range after the entries already added, and later adds after it', () => {
      const hashes = hashesOf(3_000);
      const index = new KeyIndex(64, 0.75);
      for (let e = 0; e < 1_000; e++) expect(index.add(hashes[e]!)).to.equal(e);
      index.addAll(hashes, 1_000, 2_000);
      for (let e = 2_000; e < 3_000; e++) expect(index.add(hashes[e]!)).to.equal(e);
      for (let e = 0; e < 3_000; e++) expect(index.find(hashes[e]!, only(e))).to.equal(e);
    });

    it('should find no entry for a hash no entry has', () => {
      const hashes = hashesOf(10_000);
      const present = new Set(hashes);
      const index = new KeyIndex(10_000);
      index.addAll(hashes, 0, hashes.length);
      let absent = 0;
      for (let probe = 0; probe < 30_000; probe++) {
        if (present.has(probe)) continue;
        absent++;
        expect(index.find(probe, { isProbed: () => true }), `hash ${probe}`).to.equal(-1);
      }
      expect(absent).to.be.greaterThan(10_000);
    });
  });

  describe('peekAll (the entries read ahead of finds)', () => {
    it('should give for each hash the entry a find that accepts any key gives: the first with that hash, -1 for a hash none has', () => {
      const hashes = hashesOf(5_000);
      const index = new KeyIndex(16, 0.75);
      for (let e = 0; e < hashes.length; e++) index.add(hashes[e]!);
      const probes = new Uint32Array(30_000);
      for (let i = 0; i < probes.length; i++) probes[i] = i % 3 === 0 ? hashes[i % hashes.length]! : i;
      const out = new Int32Array(64);
      let absent = 0;
      for (let from = 0; from < probes.length; from += out.length) {
        const to = Math.min(probes.length, from + out.length);
        index.peekAll(probes, from, to, out);
        for (let i = from; i < to; i++) {
          const expected = index.find(probes[i]!, { isProbed: () => true });
          if (expected < 0) absent++;
          expect(out[i - from], `hash ${probes[i]}`).to.equal(expected);
        }
      }
      expect(absent).to.be.greaterThan(5_000);
      // Hash 7, which every fifth entry has, gives the first of them.
      index.peekAll(Uint32Array.of(7), 0, 1, out);
      expect(out[0]).to.equal(0);
    });
  });
});
