import { expect } from 'chai';
import { csvChunks } from '../../../src/query/csvChunks.js';
import { tableToCsv } from '../../../src/csv/tableToCsv.js';

describe('csvChunks()', () => {
  const columns = ['id', 'note'];
  const rows = Array.from({ length: 23 }, (_, i) => [String(i), i % 3 === 0 ? `say "hi", ${i}\nbye` : `plain ${i}`]);

  for (const batch of [1, 5, 23, 100]) {
    it(`should write exactly what tableToCsv writes, in batches of ${batch}`, () => {
      const streamed = Buffer.concat([...csvChunks(columns, rows, batch)]);
      expect(streamed.toString('utf8')).to.equal(Buffer.from(tableToCsv({ columns, rows })).toString('utf8'));
    });
  }

  it('should write the header line alone for no rows', () => {
    expect(Buffer.concat([...csvChunks(columns, [])]).toString('utf8')).to.equal('id,note\n');
  });
});
