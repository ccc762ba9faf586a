import { expect } from 'chai';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

/** The demo definition with these source settings over its own. */
const source = (settings: Record<string, unknown>): Record<string, unknown> => demoYaml({ source: settings });

/** "café" and "€ 5" in Windows-1252: é is 0xE9, € is 0x80. */
const CP1252 = Buffer.concat([Buffer.from('id,description,timestamp\nk1,caf'), Buffer.from([0xe9]), Buffer.from(' '), Buffer.from([0x80]), Buffer.from(' 5,2021-01-01\n')]);
const TEXT = 'id\tdescription\ttimestamp\r\nk1\tcafé € 5\t2021-01-01\r\n';
/** What Excel's "Unicode text" writes: UTF-16LE with a byte order mark, tab-delimited. */
const UTF16LE = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
const UTF16BE = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()]);
const EXPECTED = [{ id: 'k1', description: 'café € 5', timestamp: '2021-01-01', source_filename: 'f.csv' }];

describe('source.encoding (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  describe('when a Windows-1252 file comes to a pipeline with the default encoding', () => {
    it('should quarantine it, saying it is not UTF-8 and which setting reads it', () => {
      ws.drop('f.csv', CP1252);
      const { code, summary } = ws.run();
      expect(code).to.equal(3);
      expect(summary.quarantined).to.deep.equal([
        {
          file: 'f.csv',
          code: 'UNREADABLE',
          message:
            'is not UTF-8 text, as source.encoding (utf-8) declares: line 2 has the byte 0xE9; if it is Windows-1252 or Latin-1 set source.encoding: windows-1252 (or auto), else re-save it as UTF-8',
        },
      ]);
      expect(ws.files('input/quarantine')).to.deep.equal(['f.csv', 'f.csv.error.json']);
    });
  });

  for (const encoding of ['windows-1252', 'latin1', 'auto']) {
    describe(`when source.encoding is ${encoding}`, () => {
      it('should read é and € from the Windows-1252 file', () => {
        ws.writeDefinition('demo', source({ encoding }));
        ws.drop('f.csv', CP1252);
        expect(ws.run().code).to.equal(0);
        expect(ws.latest()).to.deep.equal(EXPECTED);
      });
    });
  }

  describe('when a file is not in the declared encoding but says so with a byte order mark', () => {
    it('should quarantine a UTF-16LE file under utf-8, naming both', () => {
      ws.writeDefinition('demo', source({ delimiter: '\t' }));
      ws.drop('f.csv', UTF16LE);
      expect(ws.run().summary.quarantined.map((q) => q.message)).to.deep.equal([
        'starts with a UTF-16LE byte order mark, but source.encoding is utf-8; set source.encoding: utf-16le (or auto, to follow the byte order mark)',
      ]);
    });

    it('should quarantine a UTF-8 file (with its mark) under windows-1252 instead of misreading it', () => {
      ws.writeDefinition('demo', source({ encoding: 'windows-1252' }));
      ws.drop('f.csv', '\uFEFFid,description,timestamp\nk1,café,2021-01-01\n');
      expect(ws.run().summary.quarantined.map((q) => q.message)).to.deep.equal([
        'starts with a UTF-8 byte order mark, but source.encoding is windows-1252; set source.encoding: utf-8 (or auto, to follow the byte order mark)',
      ]);
    });
  });

  describe('when an Excel "Unicode text" file (UTF-16, tabs) comes', () => {
    const cases: [string, Record<string, unknown>, Buffer][] = [
      ['utf-16le declared', { encoding: 'utf-16le', delimiter: '\t' }, UTF16LE],
      ['auto, little-endian', { encoding: 'auto', delimiter: 'auto' }, UTF16LE],
      ['auto, big-endian', { encoding: 'auto', delimiter: 'auto' }, UTF16BE],
      ['utf-16be declared', { encoding: 'utf-16be', delimiter: '\t' }, UTF16BE],
    ];
    for (const [when, settings, bytes] of cases) {
      it(`should read it exactly (${when})`, () => {
        ws.writeDefinition('demo', source(settings));
        ws.drop('f.csv', bytes);
        expect(ws.run().code).to.equal(0);
        expect(ws.latest()).to.deep.equal(EXPECTED);
      });
    }

    it('should say it looks like UTF-16 when the byte order mark is missing', () => {
      ws.drop('f.csv', Buffer.from('id,description,timestamp\n', 'utf16le'));
      expect(ws.run().summary.quarantined.map((q) => q.message)).to.deep.equal([
        'looks like UTF-16LE text without a byte order mark (every other byte is NUL), but source.encoding is utf-8; set source.encoding: utf-16le',
      ]);
    });
  });

  describe('when the fast reader gives up on a Windows-1252 file (a stray quote) or csv-parse is chosen', () => {
    for (const parser of ['auto', 'csv-parse']) {
      it(`should give the same decoded values and line numbers (parser ${parser})`, () => {
        ws.writeDefinition('demo', source({ encoding: 'windows-1252', parser }));
        ws.drop('f.csv', Buffer.concat([CP1252, Buffer.from('k2,12" caf'), Buffer.from([0xe9]), Buffer.from(',2021-01-02\nk3,,bad\n')]));
        const { code, summary } = ws.run();
        expect(code).to.equal(3);
        expect(ws.latest().map((r) => [r.id, r.description])).to.deep.equal([
          ['k1', 'café € 5'],
          ['k2', '12" café'],
        ]);
        expect(ws.read(summary.rejects!).split('\n')[1]).to.equal(
          'f.csv,4,BAD_VALUE,"column ""timestamp"": ""bad"" is not a date (expected YYYY-MM-DD, YYYY/MM/DD or ISO 8601)","k3,,bad"',
        );
      });
    }
  });

  describe('when source.encoding is not one dropline knows', () => {
    it('should refuse the definition, listing the encodings', () => {
      ws.writeDefinition('demo', source({ encoding: 'ebcdic' }));
      const r = ws.cli('validate', 'demo');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain('source.encoding').and.contain('utf-8, utf-16le, utf-16be, windows-1252, latin1, auto');
    });
  });
});
