import { expect } from 'chai';
import { matchHeaders } from '../../../src/validation/headers/HeaderMatcher.js';
import { compactHeader, normalizeHeader } from '../../../src/validation/headers/normalizeHeader.js';
import { sameNumbers } from '../../../src/validation/headers/sameNumbers.js';
import { similarity } from '../../../src/validation/headers/similarity.js';

const COLUMNS = [
  { name: 'id', aliases: [] },
  { name: 'description', aliases: [] },
  { name: 'timestamp', aliases: [] },
];

/** header index -> column, for the matched columns. */
function mapping(header: string[], columns = COLUMNS, threshold = 0.8): Record<string, string> {
  const result = matchHeaders(header, columns, threshold);
  expect(result.ambiguous, result.ambiguous?.message).to.equal(undefined);
  expect(result.duplicate, result.duplicate?.message).to.equal(undefined);
  return Object.fromEntries(result.matches.map((m) => [m.column, header[m.index]!]));
}

describe(normalizeHeader.name, () => {
  const cases: [string, string, string][] = [
    ['Time Stamp', 'time stamp', 'timestamp'],
    ['time_stamp', 'time stamp', 'timestamp'],
    ['TimeStamp', 'time stamp', 'timestamp'],
    ['timestamp ', 'timestamp', 'timestamp'],
    ['sourceFileName', 'source file name', 'sourcefilename'],
    ['HTTPCode', 'http code', 'httpcode'],
    ['\uFEFFid', 'id', 'id'],
    ['  Order--No..__2 ', 'order no 2', 'orderno2'],
    ['DESCRIPTION', 'description', 'description'],
  ];
  for (const [input, normal, compact] of cases) {
    it(`should normalise ${JSON.stringify(input)} to "${normal}"`, () => expect(normalizeHeader(input)).to.equal(normal));
    it(`should compact ${JSON.stringify(input)} to "${compact}"`, () => expect(compactHeader(input)).to.equal(compact));
  }
});

describe(similarity.name, () => {
  const cases: [string, string, number][] = [
    ['descripton', 'description', 0.909],
    ['Time Stamp', 'timestamp', 1],
    ['adress', 'address', 0.857],
    ['id', 'ip', 0.5],
    ['name', 'amount', 0.167],
    ['timestamp', 'description', 0.091],
    ['timestamp', 'timezone', 0.444],
    ['recieved', 'received', 0.875],
  ];
  for (const [a, b, expected] of cases) {
    it(`should score "${a}" against "${b}" ${expected}`, () => {
      expect(similarity(a, b)).to.be.closeTo(expected, 0.001).and.to.equal(similarity(b, a));
    });
  }
});

describe(sameNumbers.name, () => {
  const cases: [string, string, boolean][] = [
    ['q2_sales', 'Q2 Sales', true],
    ['q2_sales', 'q1_sales', false],
    ['address', 'address1', false],
    ['address', 'adress', true],
    ['item_1_2', 'item12', true],
    ['a1b2', 'a12', false],
    ['v1.2', 'v12', true],
    ['line02', 'line2', false],
    ['sales2024', 'sales_2024', true],
    ['x\u0662', 'x2', false],
  ];
  for (const [a, b, expected] of cases) {
    it(`should say ${expected} for "${a}" and "${b}"`, () => {
      expect(sameNumbers(a, b)).to.equal(expected);
      expect(sameNumbers(b, a)).to.equal(expected);
    });
  }
});

describe(matchHeaders.name, () => {
  describe('when a header differs from its column only in form', () => {
    const cases: [string, string, 'exact' | 'normalized' | 'fuzzy'][] = [
      ['id', 'id', 'exact'],
      ['ID', 'id', 'normalized'],
      [' Id ', 'id', 'normalized'],
      ['\uFEFFid', 'id', 'normalized'],
      ['Description', 'description', 'normalized'],
      ['DESCRIPTION', 'description', 'normalized'],
      ['descripton', 'description', 'fuzzy'],
      ['Time Stamp', 'timestamp', 'normalized'],
      ['time_stamp', 'timestamp', 'normalized'],
      ['TimeStamp', 'timestamp', 'normalized'],
      ['timestamp ', 'timestamp', 'normalized'],
    ];
    for (const [header, column, how] of cases) {
      it(`should map ${JSON.stringify(header)} onto ${column} (${how})`, () => {
        const result = matchHeaders(['x', header], COLUMNS, 0.8);
        const score = how === 'fuzzy' ? 0.91 : 1;
        expect(result.matches).to.deep.equal([{ header, index: 1, column, score, how }]);
        expect(result.unmatched).to.deep.equal([{ header: 'x', index: 0 }]);
      });
    }
  });

  describe('when the columns come in any order', () => {
    const orders = [
      ['ID', 'descripton', 'Time Stamp'],
      ['Time Stamp', 'ID', 'descripton'],
      ['descripton', 'Time Stamp', 'ID'],
    ];
    for (const header of orders) {
      it(`should map [${header.join(', ')}] the same way`, () => {
        expect(mapping(header)).to.deep.equal({ id: 'ID', description: 'descripton', timestamp: 'Time Stamp' });
      });
    }
  });

  describe('when an exact match and a fuzzy one compete for a column', () => {
    it('should give the column to the exact header and leave the other unmatched', () => {
      const result = matchHeaders(['descripton', 'description'], COLUMNS, 0.8);
      expect(result.matches.map((m) => [m.header, m.how])).to.deep.equal([['description', 'exact']]);
      expect(result.unmatched).to.deep.equal([{ header: 'descripton', index: 0 }]);
    });
  });

  describe('when a header is an alias of a column', () => {
    it('should map it with how "alias" and score 1', () => {
      const columns = [...COLUMNS, { name: 'amount', aliases: ['Total Sum', 'value'] }];
      const { matches } = matchHeaders(['total_sum', 'id'], columns, 0.8);
      expect(matches).to.deep.equal([
        { header: 'id', index: 1, column: 'id', score: 1, how: 'exact' },
        { header: 'total_sum', index: 0, column: 'amount', score: 1, how: 'alias' },
      ]);
    });
  });

  describe('when a header is below the threshold', () => {
    const cases: [string, number, string[]][] = [
      ['descripton', 0.95, []],
      ['descripton', 0.9, ['description']],
      ['desc', 0.8, []],
      ['ip', 0.5, ['id']],
      ['ip', 0.8, []],
    ];
    for (const [header, threshold, columns] of cases) {
      it(`should map "${header}" at ${threshold} onto [${columns.join(', ')}]`, () => {
        const result = matchHeaders([header], COLUMNS, threshold);
        expect(result.matches.map((m) => m.column)).to.deep.equal(columns);
        expect(result.unmatched.length).to.equal(1 - columns.length);
      });
    }
  });

  describe('when two headers are equally close to one column', () => {
    it('should not guess and name both headers', () => {
      const result = matchHeaders(['descripton', 'descriptin'], COLUMNS, 0.8);
      expect(result.ambiguous).to.deep.equal({
        column: 'description',
        candidates: ['descripton', 'descriptin'],
        message: 'headers "descripton" and "descriptin" are equally close to column "description" (0.91)',
      });
    });
  });

  describe('when a header is equally close to two columns', () => {
    const columns = [
      { name: 'address1a', aliases: [] },
      { name: 'address1b', aliases: [] },
    ];

    it('should not guess and name both columns', () => {
      const result = matchHeaders(['Address1'], columns, 0.8);
      expect(result.ambiguous).to.deep.equal({
        header: 'Address1',
        candidates: ['address1a', 'address1b'],
        message: 'header "Address1" is equally close to columns "address1a" and "address1b" (0.89)',
      });
    });

    it('should not call it a tie when a better match settled one column', () => {
      expect(mapping(['Address1', 'address_1a'], columns)).to.deep.equal({ address1a: 'address_1a', address1b: 'Address1' });
    });
  });

  describe('when a header and a column differ in their numbers', () => {
    // [header, columns, threshold, expected column or null]: letters alike, numbers not.
    const cases: [string, string[], number, string | null][] = [
      ['q2_sales', ['q1_sales'], 0.8, null],
      ['address2', ['address1'], 0.8, null],
      ['Address', ['address1', 'address2'], 0.8, null],
      ['address1', ['address'], 0.8, null],
      ['adress', ['address1'], 0.5, null],
      ['line10', ['line1'], 0.5, null],
      ['item12', ['item_1_x2'], 0.5, null],
      ['v2_total3', ['v3_total2'], 0.5, null],
      ['sales2024', ['sales2023'], 0.5, null],
      ['q2_sales', ['q1_sales', 'q2_sale'], 0.8, 'q2_sale'],
      ['adress2', ['address1', 'address2'], 0.8, 'address2'],
      ['Q2 Saless', ['q2_sales'], 0.8, 'q2_sales'],
      ['descripton', ['description1', 'description'], 0.8, 'description'],
    ];
    for (const [header, names, threshold, expected] of cases) {
      it(`should map "${header}" onto ${expected ?? 'no column'} among [${names.join(', ')}] at ${threshold}`, () => {
        const result = matchHeaders(
          [header],
          names.map((name) => ({ name, aliases: [] })),
          threshold,
        );
        expect(result.ambiguous, result.ambiguous?.message).to.equal(undefined);
        expect(result.matches.map((m) => m.column)).to.deep.equal(expected === null ? [] : [expected]);
        expect(result.unmatched.map((u) => u.header)).to.deep.equal(expected === null ? [header] : []);
      });
    }

    it('should still match an alias that carries the same number', () => {
      const { matches } = matchHeaders(['q2 revenue'], [{ name: 'q2_sales', aliases: ['q2_revenue'] }], 0.8);
      expect(matches.map((m) => [m.column, m.how])).to.deep.equal([['q2_sales', 'alias']]);
    });

    it('should fuzzily match an alias, not the name, when only the alias has the same numbers', () => {
      const { matches } = matchHeaders(['q2_revenu'], [{ name: 'q1_sales', aliases: ['q2_revenue'] }], 0.8);
      expect(matches.map((m) => [m.column, m.how])).to.deep.equal([['q1_sales', 'fuzzy']]);
    });
  });

  describe('when a tie involves a header already given to a closer column', () => {
    it('should give the other column to the remaining header', () => {
      // address1x: address1 0.89, address2 0.78; bddress2x: address2 0.78, address1 0.67
      const columns = [
        { name: 'address1', aliases: [] },
        { name: 'address2', aliases: [] },
      ];
      expect(mapping(['bddress2x', 'address1x'], columns, 0.7)).to.deep.equal({ address1: 'address1x', address2: 'bddress2x' });
    });
  });

  describe('when a header is an alias of two columns', () => {
    it('should report it as ambiguous', () => {
      const columns = [
        { name: 'start', aliases: ['date'] },
        { name: 'end', aliases: ['date'] },
      ];
      expect(matchHeaders(['Date'], columns, 0.8).ambiguous).to.include({ header: 'Date' });
    });
  });

  describe('when two headers match one column exactly', () => {
    const cases: [string[], { name: string; aliases: string[] }[], string[], string][] = [
      [['id', 'ID'], COLUMNS, ['id', 'ID'], 'headers "id" and "ID" both match column "id"'],
      [['Desc', 'description'], [{ name: 'description', aliases: ['desc'] }], ['description', 'Desc'], 'both match'],
    ];
    for (const [header, columns, headers, message] of cases) {
      it(`should report [${header.join(', ')}] as duplicate`, () => {
        const { duplicate } = matchHeaders(header, columns, 0.8);
        expect(duplicate).to.deep.include({ column: columns[0]!.name, headers });
        expect(duplicate?.message).to.contain(message);
      });
    }
  });
});
