import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

type Cell = ExcelJS.CellValue;
const HEADER = ['id', 'description', 'timestamp'];
const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

/** An .xlsx file's bytes: each sheet a list of rows (row 1 the header); `null` rows are left empty. */
async function workbook(sheets: Record<string, (Cell[] | null)[]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, i) => {
      if (row) ws.getRow(i + 1).values = row;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XlsxSource (end to end)', () => {
  let ws: TestWorkspace;
  const define = (options: Record<string, unknown> = {}): void =>
    ws.writeDefinition('demo', demoYaml({ source: { type: 'xlsx', path: 'input/processing', pattern: '*.xlsx', archive: 'input/processed', options } }));

  beforeEach(() => {
    ws = new TestWorkspace();
    define();
  });
  afterEach(() => ws.remove());

  describe('when a workbook holds strings, numbers and dates', () => {
    beforeEach(async () => {
      ws.drop(
        'clients.xlsx',
        await workbook({
          Clients: [HEADER, ['a', 'plain, with comma', day(2021, 3, 1)], null, ['b', 42, day(2021, 3, 2)], ['c', 1.5, '2021-03-03']],
          Other: [HEADER, ['z', 'not read', day(2021, 1, 1)]],
        }),
      );
    });

    it('should merge the first sheet, dates as YYYY-MM-DD, empty rows skipped', () => {
      const { code, summary } = ws.run();
      expect(code).to.equal(0);
      expect(summary.rows).to.deep.equal({ read: 3, merged: 3, rejected: 0 });
      expect(ws.read('output/latest.csv')).to.equal(
        'id,description,timestamp,source_filename\n' + 'a,"plain, with comma",2021-03-01,clients.xlsx\n' + 'b,42,2021-03-02,clients.xlsx\n' + 'c,1.5,2021-03-03,clients.xlsx\n',
      );
    });

    it('should archive the workbook and skip the same bytes dropped again', () => {
      ws.run();
      expect(ws.files('input/processed')).to.deep.equal(['clients.xlsx']);
      ws.drop('clients-again.xlsx', readFileSync(ws.path('input/processed/clients.xlsx')));
      const { summary } = ws.run();
      expect(summary.files).to.deep.equal({ processed: 0, quarantined: 0, skipped: 1, waiting: [], ignored: [] });
    });
  });

  describe('when cells are formulas, rich text, hyperlinks, booleans and date-times', () => {
    it('should write their text', async () => {
      ws.drop(
        'kinds.xlsx',
        await workbook({
          S: [
            HEADER,
            ['f', { formula: '1+1', result: 2 }, day(2021, 1, 1)],
            ['r', { richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }] }, day(2021, 1, 1)],
            ['h', { text: 'a link', hyperlink: 'https://example.com' }, day(2021, 1, 1)],
            ['t', true, day(2021, 1, 1)],
            ['d', new Date(Date.UTC(2021, 0, 1, 12, 30)), day(2021, 1, 1)],
            ['e', null, day(2021, 1, 1)],
          ],
        }),
      );
      ws.run();
      expect(ws.latest().map((r) => [r.id, r.description])).to.deep.equal([
        ['d', '2021-01-01T12:30:00.000Z'],
        ['e', ''],
        ['f', '2'],
        ['h', 'a link'],
        ['r', 'rich text'],
        ['t', 'true'],
      ]);
    });
  });

  describe('when names differ in case, a workbook is gzipped and a folder sits in the drop', () => {
    it('should read BOOK.XLSX as the directory source would, and list the rest as not read', async () => {
      const book = await workbook({ S: [HEADER, ['a', 'upper', day(2021, 3, 1)]] });
      ws.drop('BOOK.XLSX', book);
      ws.drop('book.xlsx.gz', gzipSync(book));
      ws.drop('sub/inner.xlsx', book);
      const { code, summary } = ws.run();
      expect(code).to.equal(0);
      expect(ws.latest().map((r) => [r.id, r.source_filename])).to.deep.equal([['a', 'BOOK.XLSX']]);
      expect(summary.files.ignored).to.deep.equal([
        { file: 'book.xlsx.gz', reason: 'does not match pattern *.xlsx' },
        { file: 'sub', reason: 'a folder' },
      ]);
    });
  });

  describe('when options.sheet names a sheet', () => {
    it('should read that sheet only', async () => {
      define({ sheet: 'Second' });
      ws.drop('w.xlsx', await workbook({ First: [HEADER, ['a', 'first', day(2021, 1, 1)]], Second: [HEADER, ['b', 'second', day(2021, 1, 2)]] }));
      ws.run();
      expect(ws.latest().map((r) => r.id)).to.deep.equal(['b']);
    });

    it('should quarantine a workbook without it, listing its sheets', async () => {
      define({ sheet: 'Missing' });
      ws.drop('w.xlsx', await workbook({ First: [HEADER, ['a', 'first', day(2021, 1, 1)]] }));
      const { code, summary } = ws.run();
      expect(code).to.equal(3);
      expect(summary.quarantined[0]!.message).to.equal('w.xlsx: has no sheet "Missing" (sheets: "First"); fix source.options.sheet');
    });
  });

  describe('when options.allSheets is true', () => {
    beforeEach(() => define({ allSheets: true }));

    it('should concatenate the sheets in workbook order, lines being sheet rows', async () => {
      ws.drop('w.xlsx', await workbook({ Jan: [HEADER, ['a', 'jan', day(2021, 1, 1)]], Feb: [HEADER, ['a', 'feb', day(2021, 1, 1)], null, ['b', 'no date', null]] }));
      const { summary } = ws.run();
      expect(summary.rows).to.deep.equal({ read: 3, merged: 2, rejected: 1 });
      expect(ws.latest().map((r) => [r.id, r.description])).to.deep.equal([['a', 'feb']]);
      expect(ws.read(summary.rejects!).split('\n')[1]).to.match(/^w\.xlsx,4,.*,"?b,no date,"?$/);
    });

    it('should quarantine a workbook whose sheets have different headers, naming them', async () => {
      ws.drop(
        'w.xlsx',
        await workbook({
          Jan: [HEADER, ['a', 'x', day(2021, 1, 1)]],
          Feb: [
            ['id', 'timestamp'],
            ['b', day(2021, 2, 1)],
          ],
        }),
      );
      const { code, summary } = ws.run();
      expect(code).to.equal(3);
      expect(summary.quarantined[0]!.message).to.include('sheets "Jan" and "Feb" have different headers');
    });
  });

  describe('when a file named .xlsx is not a workbook', () => {
    it('should move it to the quarantine folder with the reason', () => {
      ws.drop('fake.xlsx', 'id,description,timestamp\na,x,2021-01-01\n');
      const { code, summary } = ws.run();
      expect(code).to.equal(3);
      expect(summary.quarantined[0]).to.deep.include({ file: 'fake.xlsx', code: 'UNREADABLE' });
      expect(summary.quarantined[0]!.message).to.match(/^fake\.xlsx: is not an Excel workbook/);
      expect(ws.files('input/quarantine')).to.deep.equal(['fake.xlsx', 'fake.xlsx.error.json']);
      expect(ws.files('input/processing')).to.deep.equal([]);
    });
  });

  describe('when both sheet and allSheets are set', () => {
    it('should refuse the definition', () => {
      define({ sheet: 'A', allSheets: true });
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.include('error[DEFINITION_INVALID]: pipelines/demo.yaml: source.options.sheet cannot be combined with allSheets: true');
    });
  });
});
