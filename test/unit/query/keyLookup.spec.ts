import { expect } from 'chai';
import { keyLookup } from '../../../src/query/keyLookup.js';

const byText = (a: string[], b: string[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
};
const byNumber = (a: string[], b: string[]): number => Number(a[0]) - Number(b[0]) || byText(a, b);

describe('keyLookup', () => {
  const cases: { when: string; rows: string[][]; key: number[]; compare: typeof byText; find: string[]; expected: number }[] = [
    {
      when: 'the table is sorted and holds the key',
      rows: [
        ['a', '1'],
        ['b', '2'],
        ['c', '3'],
      ],
      key: [0],
      compare: byText,
      find: ['b'],
      expected: 1,
    },
    {
      when: 'the table is sorted and lacks the key',
      rows: [
        ['a', '1'],
        ['c', '3'],
      ],
      key: [0],
      compare: byText,
      find: ['b'],
      expected: -1,
    },
    { when: 'the key is the first row', rows: [['a'], ['b'], ['c'], ['d']], key: [0], compare: byText, find: ['a'], expected: 0 },
    { when: 'the key is the last row', rows: [['a'], ['b'], ['c'], ['d']], key: [0], compare: byText, find: ['d'], expected: 3 },
    { when: 'the table is empty', rows: [], key: [0], compare: byText, find: ['a'], expected: -1 },
    {
      when: 'the key is composite',
      rows: [
        ['x', 'a', '1'],
        ['x', 'b', '2'],
        ['y', 'a', '3'],
      ],
      key: [0, 1],
      compare: byText,
      find: ['y', 'a'],
      expected: 2,
    },
    { when: 'keys are numeric (2 before 10)', rows: [['2'], ['10'], ['33']], key: [0], compare: byNumber, find: ['10'], expected: 1 },
    { when: 'the table is not in key order (Map fallback)', rows: [['c'], ['a'], ['b']], key: [0], compare: byText, find: ['a'], expected: 1 },
    {
      when: 'a key column is not the first column',
      rows: [
        ['v1', 'a'],
        ['v2', 'b'],
      ],
      key: [1],
      compare: byText,
      find: ['b'],
      expected: 1,
    },
    // Not in key order, so the Map: a join with U+001F alone would make both rows one key.
    {
      when: 'unsorted composite parts hold U+001F (a\\x1fb|c)',
      rows: [
        ['z', 'z'],
        ['a\u001fb', 'c'],
        ['a', 'b\u001fc'],
      ],
      key: [0, 1],
      compare: byText,
      find: ['a\u001fb', 'c'],
      expected: 1,
    },
    {
      when: 'unsorted composite parts hold U+001F (a|b\\x1fc)',
      rows: [
        ['z', 'z'],
        ['a\u001fb', 'c'],
        ['a', 'b\u001fc'],
      ],
      key: [0, 1],
      compare: byText,
      find: ['a', 'b\u001fc'],
      expected: 2,
    },
  ];
  for (const c of cases) {
    it(`should find ${JSON.stringify(c.find)} at ${c.expected} when ${c.when}`, () => {
      expect(keyLookup(c.rows, c.key, c.compare)(c.find)).to.equal(c.expected);
    });
  }
});
