import { expect } from 'chai';
import { stringify } from 'csv-stringify/sync';
import { csvToTable } from '../../../src/csv/csvToTable.js';
import { tableToCsv } from '../../../src/csv/tableToCsv.js';

const VALUES = ['plain', '', ' spaced ', 'a,b', 'say "hi"', 'two\nlines', 'crlf\r\nx', 'é', '"', ',', '0'];

describe('tableToCsv', () => {
  it('should write exactly what csv-stringify writes, for every kind of value', () => {
    const rows = VALUES.flatMap((a) => VALUES.map((b) => [a, b, 'k']));
    const table = { columns: ['a', 'b,c', 'd'], rows };
    expect(tableToCsv(table).toString('utf8')).to.equal(stringify([table.columns, ...rows], { record_delimiter: 'unix' }));
  });

  it('should read back to the same table', () => {
    const rows = VALUES.map((v, i) => [String(i), v]);
    const table = { columns: ['id', 'v'], rows };
    const back = csvToTable(tableToCsv(table).toString('utf8'));
    expect({ columns: back.columns, rows: back.rows }).to.deep.equal(table);
  });

  it('should write rows whose text is known verbatim, and that text is what it would write anyway', () => {
    const table = { columns: ['id', 'v'], rows: VALUES.map((v, i) => [String(i), v]) };
    const back = csvToTable(tableToCsv(table).toString('utf8'));
    expect(tableToCsv(back).equals(tableToCsv(table))).to.equal(true);
    expect(tableToCsv({ ...table, lines: table.rows.map(() => 'X') }).toString()).to.equal('id,v\n' + 'X\n'.repeat(table.rows.length));
  });

  it('should handle tables larger than one chunk', () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => [String(i), 'x'.repeat(20), 'a "quoted", value']);
    const table = { columns: ['id', 'x', 'y'], rows };
    const bytes = tableToCsv(table);
    expect(bytes.length).to.be.greaterThan(1 << 21);
    const back = csvToTable(bytes.toString('utf8'));
    expect({ columns: back.columns, rows: back.rows }).to.deep.equal(table);
  });
});
