import { expect } from 'chai';
import { stringify } from 'csv-stringify/sync';
import { rowsToCsv } from '../../../src/csv/rowsToCsv.js';

const VALUES = ['plain', '', ' spaced ', 'a,b', 'a;b', 'a\tb', 'a|b', 'say "hi"', 'two\nlines', 'crlf\r\nx', 'é', '"', ',', ';', '0'];

describe('rowsToCsv', () => {
  for (const delimiter of [',', ';', '\t', '|']) {
    describe(`when the delimiter is ${JSON.stringify(delimiter)}`, () => {
      it('should write exactly what csv-stringify writes, for every kind of value', () => {
        const rows = [['a', 'b', 'c'], ...VALUES.flatMap((a) => VALUES.map((b) => [a, b, 'k']))];
        expect(rowsToCsv(rows, delimiter)).to.equal(stringify(rows, { delimiter }));
      });
    });
  }
});
