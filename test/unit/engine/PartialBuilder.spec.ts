import { expect } from 'chai';
import { quoteCsvField } from '../../../src/csv/quoteCsvField.js';
import { hashKey } from '../../../src/engine/hashKey.js';
import { PartialBuilder } from '../../../src/engine/PartialBuilder.js';
import type { RowReject, ValidRow } from '../../../src/validation/Validator.js';
import { random } from './randomScanCase.js';
import { unpack, type Winner } from './referencePartial.js';

/** The merge rule written plainly: a later row replaces the kept one unless its order is smaller. */
function reduce(rows: ValidRow[]): Winner[] {
  const kept = new Map<string, Winner>();
  for (const row of rows) {
    const before = kept.get(row.key);
    if (before !== undefined && row.order < before.order) continue;
    const key = Buffer.from(row.key);
    const line = Buffer.from(row.values.map((v) => quoteCsvField(v)).join(','));
    kept.set(row.key, { key: key.toString('hex'), row: line.toString('hex'), hash: hashKey(key, 0, key.length), order: row.order, line: row.line });
  }
  return [...kept.values()];
}

describe('PartialBuilder', () => {
  describe('.addRow()', () => {
    it('should keep per key the greatest order, the later row on a tie, through arena compactions and growth', () => {
      const next = random(42);
      const rows: ValidRow[] = [];
      for (let line = 2; line < 20_000; line++) {
        const key = line < 5000 ? `key-${line}` : `k${Math.floor(next() * 300)}é`;
        const order = Math.floor(next() * 5);
        rows.push({ key, order, line, values: [key, 'x'.repeat(Math.floor(next() * 300)), `a "quoted", value ${line}`, ''] });
      }
      const builder = new PartialBuilder(null, 16);
      for (const row of rows) builder.addRow(row);
      const partial = builder.finish();
      expect(partial.rows).to.equal(rows.length);
      expect(unpack(partial).winners).to.deep.equal(reduce(rows));
    });

    it('should let a row replace one whose order is NaN, as the reference merger does', () => {
      const rows: ValidRow[] = [
        { key: 'a', order: 5, line: 2, values: ['a', '1'] },
        { key: 'a', order: NaN, line: 3, values: ['a', '2'] },
        { key: 'a', order: 1, line: 4, values: ['a', '3'] },
      ];
      const builder = new PartialBuilder();
      for (const row of rows) builder.addRow(row);
      expect(unpack(builder.finish()).winners).to.deep.equal(reduce(rows));
    });
  });

  describe('.offer()', () => {
    it('should copy rows it was given as ranges of its source, so the partial is no view of the file', () => {
      const source = Buffer.from('a,1\na,2\n');
      const builder = new PartialBuilder(source);
      for (const [start, line] of [
        [0, 2],
        [4, 3],
      ] as const) {
        if (builder.offer(source, start, start + 1, 7, line)) builder.setRow(source, start, start + 3);
      }
      const partial = builder.finish();
      source.fill(0);
      expect(Buffer.from(partial.data).toString()).to.equal('aa,2');
      expect([...partial.lines]).to.deep.equal([3]);
    });
  });

  describe('.addReject()', () => {
    it('should keep rejects in order and count them as rows read', () => {
      const reject: RowReject = { file: 'f.csv', line: 2, code: 'MISSING_KEY', message: 'column "id" is empty', raw: ',x' };
      const builder = new PartialBuilder();
      builder.addReject(reject);
      builder.addRow({ key: 'a', order: 1, line: 3, values: ['a'] });
      const partial = builder.finish();
      expect(partial.rejects).to.deep.equal([reject]);
      expect(partial.rows).to.equal(2);
      expect(partial.count).to.equal(1);
    });
  });
});
