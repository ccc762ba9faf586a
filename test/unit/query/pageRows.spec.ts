import { expect } from 'chai';
import { pageRows } from '../../../src/query/pageRows.js';

const rows = [
  ['a', '1'],
  ['b', '2'],
  ['c', '1'],
  ['d', '2'],
  ['e', '1'],
];
const all = (): boolean => true;
const ones = (row: readonly string[]): boolean => row[1] === '1';

describe('pageRows()', () => {
  const cases: { when: string; from: number; match: (row: readonly string[]) => boolean; limit: number; indexes: number[]; next: number | null }[] = [
    { when: 'more rows follow', from: 0, match: all, limit: 2, indexes: [0, 1], next: 2 },
    { when: 'the page ends exactly at the last row', from: 3, match: all, limit: 2, indexes: [3, 4], next: null },
    { when: 'fewer rows than the limit remain', from: 4, match: all, limit: 3, indexes: [4], next: null },
    { when: 'filtering, with a match after the page', from: 0, match: ones, limit: 1, indexes: [0], next: 2 },
    { when: 'filtering, with no match after the page', from: 1, match: (r) => r[0] === 'b', limit: 1, indexes: [1], next: null },
    { when: 'starting past the end', from: 9, match: all, limit: 2, indexes: [], next: null },
  ];
  for (const c of cases) {
    it(`should return ${JSON.stringify(c.indexes)} and next ${c.next} when ${c.when}`, () => {
      const candidates = Array.from({ length: Math.max(0, rows.length - c.from) }, (_, i) => c.from + i);
      expect(pageRows(rows, candidates, c.match, c.limit)).to.deep.equal({ indexes: c.indexes, next: c.next });
    });
  }
});
