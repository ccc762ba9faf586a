import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { RowOrigin } from '../../../src/rejects/RejectsWorklist.js';
import { ReplaySource } from '../../../src/rejects/ReplaySource.js';
import { CsvReader } from '../../../src/sources/CsvReader.js';
import type { RawRow } from '../../../src/sources/Source.js';

async function rowsOf(source: ReplaySource): Promise<{ header: string[]; rows: RawRow[] }> {
  const table = await source.open(source.input);
  const rows: RawRow[] = [];
  for await (const batch of table.rows) rows.push(...batch);
  return { header: table.header, rows };
}

describe(ReplaySource.name, () => {
  let dir: string;
  let acknowledged: { origins: RowOrigin[]; sha256: string }[];
  const source = (text: string, columns = ['id', 'description', 'timestamp']) => {
    writeFileSync(join(dir, 'fix.csv'), text);
    return new ReplaySource(join(dir, 'fix.csv'), new CsvReader(), columns, async (origins, sha256) => {
      acknowledged.push({ origins, sha256 });
    });
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'replay-source-'));
    acknowledged = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('.open()', () => {
    it('should take the file and line columns off the header and the rows, keeping the fix file lines', async () => {
      const { header, rows } = await rowsOf(source('id,description,timestamp,file,line\n4,"a, b",2024-01-02,a.csv,3\n'));
      expect(header).to.deep.equal(['id', 'description', 'timestamp']);
      expect(rows).to.deep.equal([{ line: 2, fields: ['4', 'a, b', '2024-01-02'], raw: '4,"a, b",2024-01-02' }]);
    });

    it('should keep a schema column named file, taking off only the trailing one', async () => {
      const { header, rows } = await rowsOf(source('id,file,file,line\n1,x.pdf,a.csv,3\n', ['id', 'file']));
      expect(header).to.deep.equal(['id', 'file']);
      expect(rows[0]!.fields).to.deep.equal(['1', 'x.pdf']);
    });
  });

  describe('.acknowledge()', () => {
    it("should hand over each row's origin and the file's hash, and leave the file where it is", async () => {
      const text = 'id,description,timestamp,file,line\n4,x,2024-01-02,a.csv,3\n5,y,2024-01-02,,\n';
      const s = source(text);
      const table = await s.open(s.input);
      await s.acknowledge();
      expect(acknowledged).to.have.length(1);
      expect(acknowledged[0]!.origins).to.deep.equal([{ file: 'a.csv', line: 3 }]);
      expect(acknowledged[0]!.sha256)
        .to.equal(table.fingerprint)
        .and.match(/^[0-9a-f]{64}$/);
      expect(readFileSync(join(dir, 'fix.csv'), 'utf8')).to.equal(text);
    });
  });
});
