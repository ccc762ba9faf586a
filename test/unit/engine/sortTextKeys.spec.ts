import { expect } from 'chai';
import { EntryKeys } from '../../../src/engine/EntryKeys.js';
import { sortTextKeys } from '../../../src/engine/sortTextKeys.js';
import { WinnerArena } from '../../../src/engine/WinnerArena.js';
import { seededRandom } from '../../helpers/randomMergeInput.js';
import { viewOf } from '../../../src/engine/copyBytes.js';

const SEED = Number(process.env.DROPLINE_SEED ?? Date.now() % 1_000_000);
/** Characters whose UTF-8 byte order and UTF-16 code unit order disagree, and plain ones. */
const PIECES = ['a', 'b', 'é', '\uE000', '\uFF21', '\uFFFF', '😀', '\u{10000}', '\u{10FFFF}', '', '\u0000', 'zz', '\u07FF', '\u0800'];
/** Where the entries start: not 0, so a mix-up of entries and positions shows. */
const FROM = 5;

function keysOf(texts: string[]): EntryKeys {
  const arena = new WinnerArena(64);
  texts.forEach((text, i) => {
    const bytes = Buffer.from(text, 'utf8');
    arena.put(FROM + i, viewOf(bytes), 0, bytes.length, 0);
  });
  return new EntryKeys(null, arena);
}

/** The texts in the order sortTextKeys gives their entries, and in JavaScript's order (UTF-16 code units; equal texts in entry order). */
function bothOrders(texts: string[]): { sorted: number[]; expected: number[] } {
  const sorted = [...sortTextKeys(keysOf(texts), FROM, FROM + texts.length)].map((e) => e - FROM);
  const expected = texts.map((_, i) => i).sort((a, b) => (texts[a]! < texts[b]! ? -1 : texts[a]! > texts[b]! ? 1 : a - b));
  return { sorted, expected };
}

function shuffle<T>(list: T[], next: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

const randomText = (next: () => number, pieces: number): string => Array.from({ length: Math.floor(next() * pieces) }, () => PIECES[Math.floor(next() * PIECES.length)]!).join('');
const hex = (next: () => number, length: number): string => Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('');

describe(`sortTextKeys (seed ${SEED})`, () => {
  it('should order keys as JavaScript compares their strings (UTF-16 code units)', () => {
    const next = seededRandom(SEED);
    const texts = [...new Set(Array.from({ length: 400 }, () => randomText(next, 6)))];
    const { sorted, expected } = bothOrders(texts);
    expect(sorted).to.deep.equal(expected);
  });

  it('should keep equal keys in entry order, whatever their length (also 0 and multiples of 8 bytes)', () => {
    const next = seededRandom(SEED + 1);
    const texts = Array.from({ length: 600 }, () => (next() < 0.3 ? 'abcdefgh'.repeat(Math.floor(next() * 3)) : randomText(next, 4)));
    const { sorted, expected } = bothOrders(texts);
    expect(sorted).to.deep.equal(expected);
  });

  it('should order keys sharing long beginnings (sequential ids, paths) by the bytes after them', () => {
    const next = seededRandom(SEED + 2);
    const n = (i: number, width: number): string => String(i).padStart(width, '0');
    const texts = shuffle(
      [
        ...Array.from({ length: 3000 }, (_, i) => `id-${n(i, 8)}`),
        ...Array.from({ length: 3000 }, (_, i) => `customer/region-${i % 3}/account-${n(i * 7, 9)}`),
        ...Array.from({ length: 500 }, (_, i) => `customer/region-1/account-${n(i, 9)}/sub-${n(i % 17, 3)}`),
      ],
      next,
    );
    const { sorted, expected } = bothOrders(texts);
    expect(sorted).to.deep.equal(expected);
  });

  it('should put a key before the longer keys it begins, across 8-byte boundaries (and NUL after the end)', () => {
    const texts: string[] = [];
    for (let length = 0; length <= 26; length++) {
      for (const fill of ['a', '\u0000', 'é']) texts.push(fill.repeat(length), fill.repeat(length) + 'b', fill.repeat(length) + '\u0000');
      texts.push('b'.repeat(length));
    }
    const { sorted, expected } = bothOrders(shuffle([...new Set(texts)], seededRandom(SEED + 3)));
    expect(sorted).to.deep.equal(expected);
  });

  it('should order 4-byte UTF-8 characters (surrogate pairs) below U+E000-U+FFFF wherever the characters fall', () => {
    const chars = ['😀', '\uE000', '\uEFFF', '\uFF21', '\uFFFF', '\u{10000}', '\u{10FFFF}', 'é', '\u07FF', '\u0800', 'z', '\u0000'];
    const texts: string[] = [];
    for (let length = 0; length <= 17; length++) for (const c of chars) for (const tail of ['', 'x', '😀', '\uFFFF']) texts.push('p'.repeat(length) + c + tail);
    const { sorted, expected } = bothOrders(shuffle(texts, seededRandom(SEED + 4)));
    expect(sorted).to.deep.equal(expected);
  });

  it('should order the few ties among many distinct keys, nested several levels deep', () => {
    const next = seededRandom(SEED + 5);
    const texts = Array.from({ length: 6000 }, () => hex(next, 8 + Math.floor(next() * 30)));
    const shared = 'f'.repeat(20);
    for (let i = 0; i < 60; i++) texts.push(shared + hex(next, Math.floor(next() * 3)) + shared.slice(0, i % 21) + PIECES[i % PIECES.length]!);
    texts.push(texts[7]!, texts[6001]!, shared, shared);
    const { sorted, expected } = bothOrders(shuffle(texts, next));
    expect(sorted).to.deep.equal(expected);
  });

  it('should order more than 65536 mixed keys (the wide radix digits) as JavaScript does', () => {
    const next = seededRandom(SEED + 6);
    const texts = Array.from({ length: 70_000 }, () => (next() < 0.5 ? randomText(next, 10) : `k-${hex(next, Math.floor(next() * 12))}`));
    const { sorted, expected } = bothOrders(texts);
    expect(sorted).to.deep.equal(expected);
  });

  it('should order more than 2^21 keys (no size-dependent width) by every byte', () => {
    const count = (1 << 21) + 4099;
    const width = 9;
    const next = seededRandom(SEED + 7);
    // Entry i's key is `u-` then rank[i] in 7 digits: sorted, entry i must land at place rank[i].
    const rank = shuffle(
      Array.from({ length: count }, (_, i) => i),
      next,
    );
    const all = Buffer.alloc(count * width);
    const arena = new WinnerArena();
    for (let i = 0; i < count; i++) {
      all.write(`u-${String(rank[i]).padStart(7, '0')}`, i * width, 'latin1');
      arena.put(FROM + i, viewOf(all), i * width, width, 0);
    }
    const sorted = sortTextKeys(new EntryKeys(null, arena), FROM, FROM + count);
    expect(sorted.length).to.equal(count);
    let misplaced = 0;
    for (let place = 0; place < count; place++) if (rank[sorted[place]! - FROM] !== place) misplaced++;
    expect(misplaced).to.equal(0);
  });

  it('should return no entries for an empty range and the one entry of a single key', () => {
    expect([...sortTextKeys(keysOf([]), FROM, FROM)]).to.deep.equal([]);
    expect([...sortTextKeys(keysOf(['']), FROM, FROM + 1)]).to.deep.equal([FROM]);
  });
});
