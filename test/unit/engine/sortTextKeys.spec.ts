import { expect } from 'chai';
import { EntryKeys } from '../../../src/engine/EntryKeys.js';
import { sortTextKeys } from '../../../src/engine/sortTextKeys.js';
import { WinnerArena } from '../../../src/engine/WinnerArena.js';
import { seededRandom } from '../../helpers/randomMergeInput.js';

const SEED = Number(process.env.DROPLINE_SEED ?? Date.now() % 1_000_000);
/** Characters whose UTF-8 byte order and UTF-16 code unit order disagree, and plain ones. */
const PIECES = ['a', 'b', 'é', '\uE000', '\uFF21', '\uFFFF', '😀', '\u{10000}', '\u{10FFFF}', '', '\u0000', 'zz', '\u07FF', '\u0800'];

function keysOf(texts: string[], from: number): EntryKeys {
  const arena = new WinnerArena(64);
  texts.forEach((text, i) => {
    const bytes = Buffer.from(text, 'utf8');
    arena.put(from + i, bytes, 0, bytes.length, 0);
  });
  return new EntryKeys(null, arena);
}

describe(`sortTextKeys (seed ${SEED})`, () => {
  for (const [width, wideFrom] of [
    ['4-byte', 1 << 21],
    ['3-byte', 0],
  ] as const) {
    it(`should order keys as JavaScript compares their strings (UTF-16 code units), ${width} prefixes`, () => {
      const next = seededRandom(SEED);
      const texts = Array.from({ length: 400 }, () => Array.from({ length: Math.floor(next() * 6) }, () => PIECES[Math.floor(next() * PIECES.length)]!).join(''));
      const unique = [...new Set(texts)];
      const sorted = sortTextKeys(keysOf(unique, 5), 5, 5 + unique.length, wideFrom);
      expect([...sorted].map((e) => unique[e - 5])).to.deep.equal([...unique].sort());
    });
  }
});
