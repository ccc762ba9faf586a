import { expect } from 'chai';
import { LatestRowMerger } from '../../../src/merge/LatestRowMerger.js';
import type { Table } from '../../../src/table/Table.js';
import { orderOf } from '../../../src/validation/coercers/orderOf.js';
import type { ValidRow } from '../../../src/validation/Validator.js';
import { column, demoDefinition } from '../../helpers/definitions.js';

const COLUMNS = ['id', 'description', 'timestamp'];

function row(id: string, description: string, timestamp: string, line = 2): ValidRow {
  return { key: id, order: orderOf('date', timestamp), values: [id, description, timestamp], line };
}

/** Applies files (name -> rows) in the given order and returns the latest rows. */
function merge(files: [string, ValidRow[]][], previous: Table | null = null) {
  const state = new LatestRowMerger().begin(demoDefinition(), previous);
  for (const [name, rows] of files) for (const r of rows) state.apply(r, COLUMNS, name);
  return state.finish();
}

describe('LatestRowMerger', () => {
  describe('.begin().finish()', () => {
    const cases: { when: string; files: [string, ValidRow[]][]; expected: string[][] }[] = [
      {
        when: 'timestamps differ, the greatest wins whatever the order',
        files: [['f1.csv', [row('a', 'new', '2021-01-02'), row('a', 'old', '2021-01-01')]]],
        expected: [['a', 'new', '2021-01-02', 'f1.csv']],
      },
      {
        when: 'timestamps tie inside one file, the later row wins',
        files: [['f1.csv', [row('a', 'first', '2021-01-01'), row('a', 'second', '2021-01-01')]]],
        expected: [['a', 'second', '2021-01-01', 'f1.csv']],
      },
      {
        when: 'timestamps tie across files, the later file wins',
        files: [
          ['f1.csv', [row('a', 'from f1', '2021-01-01')]],
          ['f2.csv', [row('a', 'from f2', '2021-01-01')]],
        ],
        expected: [['a', 'from f2', '2021-01-01', 'f2.csv']],
      },
      {
        when: 'a later file has an older timestamp, it does not overwrite',
        files: [
          ['f1.csv', [row('a', 'newer', '2021-03-01')]],
          ['f2.csv', [row('a', 'older', '2021-01-01')]],
        ],
        expected: [['a', 'newer', '2021-03-01', 'f1.csv']],
      },
      {
        when: 'keys arrive in any order, output is sorted by key ascending (code unit order)',
        files: [['f1.csv', [row('b', 'x', '2021-01-01'), row('B', 'x', '2021-01-01'), row('a', 'x', '2021-01-01')]]],
        expected: [
          ['B', 'x', '2021-01-01', 'f1.csv'],
          ['a', 'x', '2021-01-01', 'f1.csv'],
          ['b', 'x', '2021-01-01', 'f1.csv'],
        ],
      },
    ];
    for (const c of cases) {
      describe(`when ${c.when}`, () => {
        it('should keep the row the rule picks', () => {
          expect(merge(c.files).table.rows).to.deep.equal(c.expected);
        });
      });
    }

    describe('when a previous latest table exists', () => {
      const previous: Table = { columns: [...COLUMNS, 'source_filename'], rows: [['a', 'kept', '2021-02-01', 'old.csv']] };

      it('should let an equal timestamp from a new file win and count it as updated', () => {
        const result = merge([['new.csv', [row('a', 'replaced', '2021-02-01')]]], previous);
        expect(result.table.rows).to.deep.equal([['a', 'replaced', '2021-02-01', 'new.csv']]);
        expect(result).to.deep.include({ inserted: 0, updated: 1 });
      });

      it('should list the rows it inserted or updated as changed, not a row applied again as it stood', () => {
        const result = merge(
          [
            ['old.csv', [row('a', 'kept', '2021-02-01')]],
            ['new.csv', [row('b', 'fresh', '2021-01-01')]],
          ],
          previous,
        );
        expect(result.changed).to.deep.equal([['b', 'fresh', '2021-01-01', 'new.csv']]);
        expect(merge([['new.csv', [row('a', 'replaced', '2021-02-01')]]], previous).changed).to.deep.equal([['a', 'replaced', '2021-02-01', 'new.csv']]);
      });

      it('should not let an older row replace it', () => {
        const result = merge([['new.csv', [row('a', 'stale', '2021-01-01'), row('b', 'fresh', '2021-01-01')]]], previous);
        expect(result.table.rows).to.deep.equal([
          ['a', 'kept', '2021-02-01', 'old.csv'],
          ['b', 'fresh', '2021-01-01', 'new.csv'],
        ]);
        expect(result).to.deep.include({ inserted: 1, updated: 0 });
      });
    });

    describe('when the key is an integer column', () => {
      it('should sort keys numerically', () => {
        const definition = demoDefinition({
          schema: { key: ['id'], columns: [column('id', 'integer', { required: true }), column('timestamp', 'date', { required: true })] },
          output: { lineage: undefined },
        });
        const state = new LatestRowMerger().begin(definition, null);
        for (const id of ['10', '9', '100']) state.apply({ key: id, order: 0, values: [id, '2021-01-01'], line: 2 }, ['id', 'timestamp'], 'f');
        expect(state.finish().table.rows.map((r) => r[0])).to.deep.equal(['9', '10', '100']);
      });
    });

    describe('when rows carry kept extra columns', () => {
      it('should append them after the schema columns and before lineage, empty where a row lacks them', () => {
        const state = new LatestRowMerger().begin(demoDefinition(), null);
        state.apply({ ...row('a', 'x', '2021-01-01'), values: ['a', 'x', '2021-01-01', 'note a'] }, [...COLUMNS, 'notes'], 'f1.csv');
        state.apply(row('b', 'y', '2021-01-01'), COLUMNS, 'f2.csv');
        const { table } = state.finish();
        expect(table.columns).to.deep.equal([...COLUMNS, 'notes', 'source_filename']);
        expect(table.rows).to.deep.equal([
          ['a', 'x', '2021-01-01', 'note a', 'f1.csv'],
          ['b', 'y', '2021-01-01', '', 'f2.csv'],
        ]);
      });
    });
  });
});

describe('LatestRowMerger with kept extra columns across runs', () => {
  it('should leave a new extra column empty for rows loaded unchanged, never fill it with their lineage', () => {
    const previous: Table = { columns: [...COLUMNS, 'source_filename'], rows: [['a', 'kept', '2021-02-01', 'old.csv']] };
    const state = new LatestRowMerger().begin(demoDefinition(), previous);
    state.apply({ ...row('b', 'new', '2021-03-01'), values: ['b', 'new', '2021-03-01', 'eu'] }, [...COLUMNS, 'region'], 'new.csv');
    const result = state.finish();
    expect(result.table.columns).to.deep.equal([...COLUMNS, 'region', 'source_filename']);
    expect(result.table.rows).to.deep.equal([
      ['a', 'kept', '2021-02-01', '', 'old.csv'],
      ['b', 'new', '2021-03-01', 'eu', 'new.csv'],
    ]);
    expect(result).to.deep.include({ inserted: 1, updated: 0 });
  });
});

describe('LatestRowMerger origins', () => {
  const previous: Table = {
    columns: [...COLUMNS, 'source_filename'],
    rows: [
      ['a', 'kept', '2021-02-01', 'old.csv'],
      ['b', 'kept', '2021-02-01', 'old.csv'],
    ],
  };

  it('should give, index for index with changed, the input and record line of each changed row', () => {
    const result = merge(
      [
        ['f1.csv', [row('c', 'first', '2021-03-01', 2), row('a', 'newer', '2021-03-01', 3), row('c', 'tie, later row', '2021-03-01', 7)]],
        ['f2.csv', [row('a', 'tie, later file', '2021-03-01', 5), row('c', 'older', '2021-01-01', 9)]],
      ],
      previous,
    );
    expect(result.changed).to.deep.equal([
      ['a', 'tie, later file', '2021-03-01', 'f2.csv'],
      ['c', 'tie, later row', '2021-03-01', 'f1.csv'],
    ]);
    expect(result.origins).to.deep.equal([
      { file: 'f2.csv', line: 5 },
      { file: 'f1.csv', line: 7 },
    ]);
  });

  it('should give no origin for a row whose new winner writes the row as it stood', () => {
    const result = merge([['old.csv', [row('b', 'kept', '2021-02-01', 4), row('d', 'new', '2021-01-01', 6)]]], previous);
    expect(result.changed).to.deep.equal([['d', 'new', '2021-01-01', 'old.csv']]);
    expect(result.origins).to.deep.equal([{ file: 'old.csv', line: 6 }]);
  });
});
