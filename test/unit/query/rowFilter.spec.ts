import { expect } from 'chai';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { rowFilter } from '../../../src/query/rowFilter.js';

const columns = new Map([
  ['id', 0],
  ['status', 1],
  ['country', 2],
]);

describe('rowFilter()', () => {
  const cases: { where: [string, string][]; row: string[]; expected: boolean }[] = [
    { where: [], row: ['1', 'open', 'DE'], expected: true },
    { where: [['status', 'open']], row: ['1', 'open', 'DE'], expected: true },
    { where: [['status', 'open']], row: ['1', 'Open', 'DE'], expected: false },
    {
      where: [
        ['status', 'open'],
        ['country', 'DE'],
      ],
      row: ['1', 'open', 'DE'],
      expected: true,
    },
    {
      where: [
        ['status', 'open'],
        ['country', 'FR'],
      ],
      row: ['1', 'open', 'DE'],
      expected: false,
    },
    { where: [['country', '']], row: ['1', 'open', ''], expected: true },
  ];
  for (const c of cases) {
    it(`should ${c.expected ? 'keep' : 'drop'} ${JSON.stringify(c.row)} for ${JSON.stringify(c.where)}`, () => {
      expect(rowFilter(columns, new Map(c.where), 'the table')(c.row)).to.equal(c.expected);
    });
  }

  it('should refuse a column the table lacks with USAGE, a guess and the columns', () => {
    expect(() => rowFilter(columns, new Map([['stauts', 'x']]), 'snapshot S of demo'))
      .to.throw(DroplineError, '"stauts" is not a column of snapshot S of demo; did you mean "status"? (columns: id, status, country)')
      .with.property('code', 'USAGE');
  });
});
