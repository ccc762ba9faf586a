import { expect } from 'chai';
import { parseCsvFast } from '../../../src/csv/parseCsvFast.js';
import { decodeRecord } from '../../../src/engine/decodeRecord.js';
import { RecordScanner } from '../../../src/engine/RecordScanner.js';
import { STOP_WINDOW } from '../../../src/engine/StopFinder.js';
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

/**
 * Records to about `size` bytes: plain and quoted values (delimiters, quotes, line ends inside), LF or CRLF, blank
 * lines; with `error`, one bad record (a quote in an unquoted value, text after a closing quote, a lone CR) somewhere
 * past the first stop-finder window.
 */
function longText(next: () => number, delimiter: string, size: number, error = false): string {
  const values = ['id-1', 'plain words', 'é日', '', `"with ${delimiter} inside"`, '"two\nlines"', '"a ""quote"""', '"cr\r\nlf"', '12.5'];
  let errorAt = error ? STOP_WINDOW + Math.floor(next() * (size - STOP_WINDOW)) : Infinity;
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const fields = Array.from({ length: 3 }, () => values[Math.floor(next() * values.length)]!);
    let line = fields.join(delimiter) + (next() < 0.3 ? '\r\n' : '\n') + (next() < 0.05 ? '\n' : '');
    if (length >= errorAt) {
      line = ['ab"cd', '"ab"cd', 'ab\rcd'][Math.floor(next() * 3)]! + delimiter + line;
      errorAt = Infinity;
    }
    parts.push(line);
    length += line.length;
  }
  return parts.join('');
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

    it('should read an input of many stop-finder windows as parseCsvFast does, values running across windows and errors far in', () => {
      const seed = Number(process.env.SCAN_SEED ?? Date.now() % 1_000_000);
      const next = random(seed);
      for (let i = 0; i < 24; i++) {
        const delimiter = [',', ';', '\t', '|'][i % 4]!;
        // Every other case goes wrong somewhere past the first window.
        const text = longText(next, delimiter, STOP_WINDOW * (2 + Math.floor(next() * 3)), i % 2 === 1);
        const expected = parseCsvFast(text, delimiter);
        expect(expected === null, `seed ${seed}, case ${i}`).to.equal(i % 2 === 1);
        expect(scanAll(text, delimiter), `seed ${seed}, case ${i}`).to.deep.equal(expected);
      }
    });

    it('should read a value longer than a stop-finder window, with no stop in a whole window', () => {
      const long = 'v'.repeat(STOP_WINDOW * 2 + 5);
      for (const text of [`${long},b\nc,d\n`, `a,${long}\n${long}`, `"q",${long},"${long}"\r\nx,y,z`]) {
        const rows = scanAll(text, ',');
        expect(rows).to.deep.equal(parseCsvFast(text, ','));
        expect(rows).to.have.length(2);
      }
    });

    it("should read as well when scanners take turns on the thread's stop finder", () => {
      const next = random(7);
      const texts = [longText(next, ',', STOP_WINDOW * 3), longText(next, ';', STOP_WINDOW * 2)];
      const alone = [scanAll(texts[0]!, ','), scanAll(texts[1]!, ';')];
      const bytes = texts.map((text) => Buffer.from(text, 'utf8'));
      const scanners = [new RecordScanner(bytes[0]!, 44), new RecordScanner(bytes[1]!, 59)];
      const rows: RawRow[][] = [[], []];
      const more = [true, true];
      while (more[0] || more[1]) {
        for (const t of [0, 1]) {
          // A few records from one, then from the other: each takes the finder over from the other.
          for (let k = 1 + Math.floor(next() * 40); k > 0 && more[t]; k--) {
            more[t] = scanners[t]!.next();
            if (more[t]) rows[t]!.push(decodeRecord(scanners[t]!, bytes[t]!));
          }
        }
      }
      expect(rows).to.deep.equal(alone);
      expect(rows[0]!.length).to.be.greaterThan(1000);
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
