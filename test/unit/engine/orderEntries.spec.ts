import { expect } from 'chai';
import { EntryKeys } from '../../../src/engine/EntryKeys.js';
import { orderEntries } from '../../../src/engine/orderEntries.js';
import { WinnerArena } from '../../../src/engine/WinnerArena.js';
import { seededRandom } from '../../helpers/randomMergeInput.js';

const SEED = Number(process.env.DROPLINE_SEED ?? Date.now() % 1_000_000);

/** Entries 0..n-1 holding these key texts. */
function keysOf(texts: string[]): EntryKeys {
  const arena = new WinnerArena(1 << 16);
  texts.forEach((text, e) => {
    const bytes = Buffer.from(text, 'utf8');
    arena.put(e, bytes, 0, bytes.length, 0);
  });
  return new EntryKeys(null, arena);
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

describe(`orderEntries, previous keys in order and new keys merged in (seed ${SEED})`, () => {
  // Dense: a new key every few previous ones (found by stepping); sparse: hundreds apart (galloping); and runs of new
  // keys before, between and after all previous ones.
  for (const [what, previous, added] of [
    ['dense among the previous keys', 3_000, 1_000],
    ['sparse among them', 20_000, 40],
    ['about as many as the previous keys', 500, 700],
  ] as const) {
    it(`should give every key in text order when the new keys are ${what}`, () => {
      const next = seededRandom(SEED);
      const all = new Set<string>();
      while (all.size < previous + added) all.add(`k${Math.floor(next() * 1e9).toString(36)}${next() < 0.1 ? '-' + Math.floor(next() * 99) : ''}`);
      const texts = [...all];
      const old = texts.slice(0, previous).sort(byText);
      const fresh = texts.slice(previous);
      const entries = [...old, ...fresh];
      const loaded = old.length;
      const order = orderEntries(keysOf(entries), loaded, entries.length, true, true, 1, () => 0);
      expect([...order].map((e) => entries[e])).to.deep.equal([...entries].sort(byText));
    });
  }

  it('should place new keys before the first and after the last previous key', () => {
    const entries = ['b', 'c', 'd', 'a', 'e', 'cc'];
    const order = orderEntries(keysOf(entries), 3, entries.length, true, true, 1, () => 0);
    expect([...order].map((e) => entries[e])).to.deep.equal(['a', 'b', 'c', 'cc', 'd', 'e']);
  });
});
