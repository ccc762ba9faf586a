import { expect } from 'chai';
import { parseCsvFast } from '../../../src/csv/parseCsvFast.js';
import { decodeRecord } from '../../../src/engine/decodeRecord.js';
import { RecordScanner } from '../../../src/engine/RecordScanner.js';
import type { RawRow } from '../../../src/sources/Source.js';
import { random } from './randomScanCase.js';

/** Every record the scanner reads, decoded; null when it fails. */
function scanAll(text: string, delimiter: string): RawRow[] | null {
  const bytes = Buffer.from(text, 'utf8');
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const scanner = new RecordScanner(bytes, delimiter.charCodeAt(0), start);
  const rows: RawRow[] = [];
  while (scanner.next()) rows.push(decodeRecord(scanner, bytes));
  return scanner.failure === '' ? rows : null;
}

/** Pieces of CSV text, well formed or not, glued at random: quotes, delimiters, CR, LF, BOMs and wide characters anywhere. */
const PIECES = ['a', 'é', '日', ' ', ',', ';', '"', '""', '"x"', '"a,b"', '"l\nf"', '"c\r\nr"', '\n', '\r\n', '\r', '\n\n', '\ufeff'];

describe('RecordScanner', () => {
  describe('.next()', () => {
    it('should read the records, lines and raw text parseCsvFast reads, and fail exactly where it gives up', () => {
      const seed = Number(process.env.SCAN_SEED ?? Date.now() % 1_000_000);
      const next = random(seed);
      let failed = 0;
      for (let i = 0; i < 5000; i++) {
        const delimiter = next() < 0.8 ? ',' : ';';
        let text = next() < 0.2 ? '\ufeff' : '';
        const length = Math.floor(next() * 14);
        for (let p = 0; p < length; p++) text += PIECES[Math.floor(next() * PIECES.length)]!;
        const expected = parseCsvFast(text, delimiter);
        expect(scanAll(text, delimiter), `seed ${seed}, case ${i}: ${JSON.stringify(text)} ${delimiter}`).to.deep.equal(expected);
        if (expected === null) failed++;
      }
      expect(failed, `seed ${seed}`).to.be.within(500, 4500);
    });

    it('should give each field its bytes and flags: quoted, needing quotes on output, holding doubled quotes', () => {
      const bytes = Buffer.from('a,"b","c,d","e""f"\n');
      const scanner = new RecordScanner(bytes, 44);
      expect(scanner.next()).to.equal(true);
      const fields = [...Array(scanner.count).keys()].map((f) => [bytes.toString('utf8', scanner.starts[f], scanner.ends[f]), scanner.flags[f]]);
      const { QUOTED, NEEDS_QUOTES, ESCAPED } = RecordScanner;
      expect(fields).to.deep.equal([
        ['a', 0],
        ['b', QUOTED],
        ['c,d', QUOTED | NEEDS_QUOTES],
        ['e""f', QUOTED | NEEDS_QUOTES | ESCAPED],
      ]);
      expect(scanner.next()).to.equal(false);
      expect(scanner.failure).to.equal('');
    });
  });
});
