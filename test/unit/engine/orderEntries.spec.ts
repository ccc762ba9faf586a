import { expect } from 'chai';
import { EntryKeys } from '../../../src/engine/EntryKeys.js';
import { orderEntries } from '../../../src/engine/orderEntries.js';
import { WinnerArena } from '../../../src/engine/WinnerArena.js';
import { seededRandom } from '../../helpers/randomMergeInput.js';
import { viewOf } from '../../../src/engine/copyBytes.js';

const SEED = Number(process.env.DROPLINE_SEED ?? Date.now() % 1_000_000);

/** Entries 0..n-1 holding these key texts. */
function keysOf(texts: string[]): EntryKeys {
  const arena = new WinnerArena(1 << 16);
  texts.forEach((text, e) => {
    const bytes = Buffer.from(text, 'utf8');
    arena.put(e, viewOf(bytes), 0, bytes.length, 0);
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

  it('should hand a new key that a previous row has to `same` and write the entry it returns there, also when new keys bunch up', () => {
    const next = seededRandom(SEED + 1);
    const all = new Set<string>();
    while (all.size < 6_000) all.add(`k${Math.floor(next() * 1e9).toString(36)}`);
    const old = [...all].slice(0, 5_000).sort(byText);
    // Half of the new keys are previous ones from a narrow stretch of the key order, half are new, spread out.
    const again = old.slice(1_000, 1_400).filter(() => next() < 0.5);
    const fresh = [...again, ...[...all].slice(5_000)];
    const entries = [...old, ...fresh];
    const loaded = old.length;
    const asked: [string, string][] = [];
    // The new entry wins when its number is even: then it is written in the previous row's place.
    const same = (previous: number, f: number): number => (asked.push([entries[previous]!, entries[f]!]), f % 2 === 0 ? f : previous);
    const order = orderEntries(keysOf(entries), loaded, entries.length, true, true, 1, () => 0, same);
    expect(asked.map(([p]) => p)).to.deep.equal([...again].sort(byText));
    expect(asked.every(([p, f]) => p === f)).to.equal(true);
    const expected = [...old, ...fresh.slice(again.length)].sort(byText).map((text) => {
      const f = fresh.indexOf(text);
      return f >= 0 && f < again.length && (loaded + f) % 2 === 0 ? loaded + f : entries.indexOf(text);
    });
    expect([...order]).to.deep.equal(expected);
  });
});
