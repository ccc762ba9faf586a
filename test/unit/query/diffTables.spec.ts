import { expect } from 'chai';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import type { Table } from '../../../src/table/Table.js';
import { type TableDiff, diffTables } from '../../../src/query/diffTables.js';

/** Key parts compared as text, or as numbers where both parse. */
const compareKeys = (x: string[], y: string[]): number => {
  for (let i = 0; i < x.length; i++) {
    const a = Number(x[i]);
    const b = Number(y[i]);
    const c = !Number.isNaN(a) && !Number.isNaN(b) ? a - b : x[i]! < y[i]! ? -1 : x[i]! > y[i]! ? 1 : 0;
    if (c !== 0) return c;
  }
  return 0;
};

const table = (columns: string[], ...rows: string[][]): Table => ({ columns, rows });

const NO_CHANGE: TableDiff = { added: [], removed: [], changed: [], columns: { added: [], removed: [] } };
const diff = (over: Partial<TableDiff>): TableDiff => ({ ...NO_CHANGE, ...over });

const BASE = table(['id', 'name', 'ts'], ['1', 'a', 't1'], ['2', 'b', 't2'], ['10', 'c', 't3']);

describe(diffTables.name, () => {
  const cases: { when: string; a: Table; b: Table; key?: string[]; expected: TableDiff }[] = [
    { when: 'the tables are identical', a: BASE, b: BASE, expected: NO_CHANGE },
    { when: 'both tables are empty', a: table(['id']), b: table(['id']), expected: NO_CHANGE },
    {
      when: 'only the row order differs',
      a: BASE,
      b: table(['id', 'name', 'ts'], ['10', 'c', 't3'], ['1', 'a', 't1'], ['2', 'b', 't2']),
      expected: NO_CHANGE,
    },
    {
      when: 'only the column order differs',
      a: BASE,
      b: table(['ts', 'id', 'name'], ['t1', '1', 'a'], ['t2', '2', 'b'], ['t3', '10', 'c']),
      expected: NO_CHANGE,
    },
    {
      when: 'rows were added',
      a: table(['id', 'name'], ['2', 'b']),
      b: table(['id', 'name'], ['10', 'j'], ['2', 'b'], ['1', 'a']),
      expected: diff({
        added: [
          ['1', 'a'],
          ['10', 'j'],
        ],
      }),
    },
    {
      when: 'rows were removed',
      a: BASE,
      b: table(['id', 'name', 'ts'], ['2', 'b', 't2']),
      expected: diff({
        removed: [
          ['1', 'a', 't1'],
          ['10', 'c', 't3'],
        ],
      }),
    },
    {
      when: 'values changed',
      a: BASE,
      b: table(['id', 'name', 'ts'], ['10', 'C', 't3'], ['1', 'A', 't9'], ['2', 'b', 't2']),
      expected: diff({
        changed: [
          {
            key: ['1'],
            changes: [
              { column: 'name', before: 'a', after: 'A' },
              { column: 'ts', before: 't1', after: 't9' },
            ],
          },
          { key: ['10'], changes: [{ column: 'name', before: 'c', after: 'C' }] },
        ],
      }),
    },
    {
      when: 'rows were added, removed and changed at once',
      a: BASE,
      b: table(['id', 'name', 'ts'], ['3', 'd', 't4'], ['2', 'B', 't2'], ['10', 'c', 't3']),
      expected: diff({
        added: [['3', 'd', 't4']],
        removed: [['1', 'a', 't1']],
        changed: [{ key: ['2'], changes: [{ column: 'name', before: 'b', after: 'B' }] }],
      }),
    },
    {
      when: 'the key is composite',
      key: ['region', 'id'],
      a: table(['region', 'id', 'v'], ['eu', '1', 'x'], ['us', '1', 'y'], ['eu', '2', 'z']),
      b: table(['id', 'region', 'v'], ['1', 'us', 'Y'], ['2', 'eu', 'z'], ['1', 'ap', 'n']),
      expected: diff({
        added: [['1', 'ap', 'n']],
        removed: [['eu', '1', 'x']],
        changed: [{ key: ['us', '1'], changes: [{ column: 'v', before: 'y', after: 'Y' }] }],
      }),
    },
    {
      when: 'composite key parts would collide if simply concatenated',
      key: ['a', 'b'],
      a: table(['a', 'b', 'v'], ['x', 'yz', '1']),
      b: table(['a', 'b', 'v'], ['xy', 'z', '1']),
      expected: diff({ added: [['xy', 'z', '1']], removed: [['x', 'yz', '1']] }),
    },
    {
      when: 'a column was added',
      a: table(['id', 'name'], ['1', 'a'], ['2', 'b']),
      b: table(['id', 'name', 'email'], ['1', 'a', 'a@x'], ['2', 'b', '']),
      expected: diff({
        changed: [{ key: ['1'], changes: [{ column: 'email', before: '', after: 'a@x' }] }],
        columns: { added: ['email'], removed: [] },
      }),
    },
    {
      when: 'a column was removed',
      a: table(['id', 'name', 'email'], ['1', 'a', 'a@x'], ['2', 'b', '']),
      b: table(['id', 'name'], ['1', 'a'], ['2', 'b']),
      expected: diff({
        changed: [{ key: ['1'], changes: [{ column: 'email', before: 'a@x', after: '' }] }],
        columns: { added: [], removed: ['email'] },
      }),
    },
    {
      when: 'composite key parts hold U+001F, so a plain join would make two keys one',
      a: table(['r', 'id', 'v'], ['a\u001fb', 'c', '1'], ['a', 'b\u001fc', '2']),
      b: table(['r', 'id', 'v'], ['a\u001fb', 'c', '1'], ['a', 'b\u001fc', '3']),
      key: ['r', 'id'],
      expected: diff({ changed: [{ key: ['a', 'b\u001fc'], changes: [{ column: 'v', before: '2', after: '3' }] }] }),
    },
  ];

  for (const { when, a, b, key, expected } of cases) {
    describe(`when ${when}`, () => {
      it('should report exactly the differences, sorted by key', () => {
        expect(diffTables(a, b, key ?? ['id'], compareKeys)).to.deep.equal(expected);
      });
    });
  }

  describe('when a key column is missing from a table', () => {
    it('should throw USAGE naming the column and the side', () => {
      expect(() => diffTables(BASE, table(['name', 'ts']), ['id'], compareKeys))
        .to.throw(DroplineError, /key column "id" is not in the after table \(its columns: name, ts\)/)
        .with.property('code', 'USAGE');
    });
  });

  describe('when a table holds a key twice', () => {
    const cases: [string, Table, Table, RegExp][] = [
      ['the before table', table(['id', 'v'], ['1', 'a'], ['1', 'b']), BASE, /the before table has key 1 twice \(data rows 1 and 2\)/],
      [
        'the after table, a key also in before',
        BASE,
        table(['id', 'name', 'ts'], ['2', 'b', 't2'], ['1', 'a', 't1'], ['2', 'x', 't2']),
        /the after table has key 2 twice \(data rows 1 and 3\)/,
      ],
      ['the after table, a new key', BASE, table(['id', 'name', 'ts'], ['7', 'b', 't2'], ['7', 'a', 't1']), /the after table has key 7 twice \(data rows 1 and 2\)/],
    ];
    for (const [where, a, b, message] of cases) {
      it(`should throw STATE_CORRUPT naming the key in ${where}`, () => {
        expect(() => diffTables(a, b, ['id'], compareKeys))
          .to.throw(DroplineError, message)
          .with.property('code', 'STATE_CORRUPT');
      });
    }
  });

  describe('when the tables are large', () => {
    it('should diff 200,000 rows by key', () => {
      const n = 200_000;
      const rows = (edit: (i: number) => string): string[][] => Array.from({ length: n }, (_, i) => [String(i), `v${i}`, edit(i)]);
      const a: Table = { columns: ['id', 'v', 'w'], rows: rows(() => 'same') };
      const b: Table = { columns: ['id', 'v', 'w'], rows: rows((i) => (i % 1000 === 0 ? 'new' : 'same')).reverse() };
      const result = diffTables(a, b, ['id'], compareKeys);
      expect(result.changed).to.have.lengthOf(n / 1000);
      expect(result.changed.slice(0, 2).map((c) => c.key)).to.deep.equal([['0'], ['1000']]);
    });
  });
});
