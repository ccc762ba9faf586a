import { expect } from 'chai';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { CsvReader } from '../../../src/sources/CsvReader.js';
import type { RawRow } from '../../../src/sources/Source.js';

async function read(text: string | Buffer, delimiter = ',') {
  const table = new CsvReader().read(typeof text === 'string' ? Buffer.from(text) : text, delimiter, 'f.csv');
  const rows: RawRow[] = [];
  for await (const batch of table.rows) rows.push(...batch);
  return { header: table.header, rows };
}

describe('CsvReader', () => {
  describe('.read()', () => {
    const dialects: [string, string, string][] = [
      ['LF endings', 'id,ts\na,1\n', ','],
      ['CRLF endings', 'id,ts\r\na,1\r\n', ','],
      ['a UTF-8 BOM', '\uFEFFid,ts\na,1\n', ','],
      ['trailing blank lines', 'id,ts\na,1\n\n\n', ','],
      ['no final line break', 'id,ts\na,1', ','],
      ['semicolons', 'id;ts\na;1\n', ';'],
      ['tabs', 'id\tts\na\t1\n', '\t'],
      ['pipes, sniffed', 'id|ts\na|1\n', 'auto'],
      ['semicolons, sniffed', 'id;ts\na;1\n', 'auto'],
    ];
    for (const [when, text, delimiter] of dialects) {
      describe(`when the file has ${when}`, () => {
        it('should read the same header and row', async () => {
          const { header, rows } = await read(text, delimiter);
          expect(header).to.deep.equal(['id', 'ts']);
          expect(rows.map((r) => r.fields)).to.deep.equal([['a', '1']]);
        });
      });
    }

    describe('when fields are quoted', () => {
      it('should unquote commas, doubled quotes and line breaks and number lines where records start', async () => {
        const { rows } = await read('id,d\n"a","x, y"\n\n"b","say ""hi"""\n"c","two\nlines"\nd,e\n');
        expect(rows.map((r) => [r.line, ...r.fields])).to.deep.equal([
          [2, 'a', 'x, y'],
          [4, 'b', 'say "hi"'],
          [5, 'c', 'two\nlines'],
          [7, 'd', 'e'],
        ]);
        expect(rows[2]!.raw).to.equal('"c","two\nlines"');
      });
    });

    describe('when quoted fields hold CRLF line breaks', () => {
      it('should still number each record by the line it starts on', async () => {
        const { rows } = await read('h1,h2\r\n"a\r\nx",1\r\n\r\nb,2\r\n');
        expect(rows.map((r) => [r.line, ...r.fields])).to.deep.equal([
          [2, 'a\r\nx', '1'],
          [5, 'b', '2'],
        ]);
      });
    });

    describe('when a field holds a stray quote', () => {
      it('should read the quote as part of the value instead of giving up on the file', async () => {
        const { rows } = await read('id,d\na,12" pipe\nb,"q" trail\nc,ok\n');
        expect(rows.map((r) => r.fields)).to.deep.equal([
          ['a', '12" pipe'],
          ['b', '"q" trail'],
          ['c', 'ok'],
        ]);
      });
    });

    describe('when the header has a multi-byte character', () => {
      it('should count lines by bytes correctly', async () => {
        const { rows } = await read('id,café\nx,1\ny,2\n');
        expect(rows.map((r) => r.line)).to.deep.equal([2, 3]);
      });
    });

    describe('when a record has the wrong number of fields', () => {
      it('should pass it on for the validator to reject', async () => {
        const { rows } = await read('id,ts\na\nb,1,extra\n');
        expect(rows.map((r) => r.fields.length)).to.deep.equal([1, 3]);
      });
    });

    describe('when the file is empty or has only a header', () => {
      it('should give no header and no rows for an empty file', async () => {
        expect(await read('')).to.deep.equal({ header: [], rows: [] });
      });
      it('should give the header and no rows for a header-only file', async () => {
        expect(await read('id,ts\n')).to.deep.equal({ header: ['id', 'ts'], rows: [] });
      });
    });

    const unreadable: [string, Buffer, RegExp][] = [
      ['a quote left open to the end', Buffer.from('id,ts\n"a,1\nb,2\n'), /not readable as CSV: Quote Not Closed/],
      ['binary content', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), /looks binary/],
      ['Latin-1 text', Buffer.from('id,name\n1,caf\xe9\n', 'latin1'), /is not UTF-8 text/],
    ];
    for (const [when, bytes, message] of unreadable) {
      describe(`when the file has ${when}`, () => {
        it('should throw SOURCE_UNREADABLE with the file in its context', async () => {
          try {
            await read(bytes);
            expect.fail('expected an error');
          } catch (err) {
            expect(err).to.be.instanceOf(DroplineError);
            expect((err as DroplineError).code).to.equal('SOURCE_UNREADABLE');
            expect((err as DroplineError).context.file).to.equal('f.csv');
            expect((err as DroplineError).message).to.match(message);
          }
        });
      });
    }
  });
});
