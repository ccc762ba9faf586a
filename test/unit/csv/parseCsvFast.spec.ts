import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvReader } from '../../../src/sources/CsvReader.js';
import { parseCsvFast } from '../../../src/csv/parseCsvFast.js';
import type { RawRow } from '../../../src/sources/Source.js';
import { describeNeeding } from '../../helpers/requirement.js';
import { FIXTURE_DROP, NEEDS_SEED_DATA, SEED_DATA } from '../../helpers/workspace.js';

const reader = new CsvReader();

async function all(table: { header: string[]; rows: AsyncIterable<RawRow[]> }) {
  const rows: RawRow[] = [];
  for await (const b of table.rows) rows.push(...b);
  return { header: table.header, rows };
}

/** What the full csv-parse path gives, and what CsvReader gives (fast path whenever it applies). */
async function both(text: string, delimiter = ',') {
  const bytes = Buffer.from(text);
  return { reference: await all(reader.readWithCsvParse(bytes, delimiter, delimiter, 'f.csv')), actual: await all(reader.read(bytes, delimiter, 'f.csv')) };
}

/** A deterministic pseudo-random generator, so failures reproduce. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const PIECES = ['a', 'b c', '', ' ', ',', '""', '"', 'x"y', '\n', '\r\n', 'é', 'line\nbreak', '12', 'Z'];

function randomCsv(next: () => number): string {
  const lines: string[] = [];
  const rows = 1 + Math.floor(next() * 6);
  for (let r = 0; r < rows; r++) {
    const fields: string[] = [];
    const width = 1 + Math.floor(next() * 4);
    for (let f = 0; f < width; f++) {
      const piece = PIECES[Math.floor(next() * PIECES.length)]!;
      const quote = next() < 0.4 || /[",\r\n]/.test(piece);
      fields.push(quote && next() < 0.9 ? `"${piece.replace(/"/g, '""')}"` : piece);
    }
    lines.push(fields.join(','));
    if (next() < 0.15) lines.push('');
  }
  return (next() < 0.2 ? '\uFEFF' : '') + lines.join(next() < 0.5 ? '\n' : '\r\n') + (next() < 0.7 ? '\n' : '');
}

describe('parseCsvFast', () => {
  describe('when it reads what csv-parse reads', () => {
    const cases: [string, string][] = [
      ['plain LF', 'id,d,t\na,b,c\n'],
      ['CRLF and blank lines', 'id,d\r\n\r\na,b\r\n\r\n'],
      ['BOM', '\uFEFFid,d\na,b'],
      ['quoted delimiters, doubled quotes and line breaks', 'id,d\n"a,1","say ""hi"""\n"multi\nline",x\n"crlf\r\ninside",y\r\n'],
      ['ragged rows', 'id,d,t\na\nb,c,d,e\n'],
      ['empty quoted fields', 'id,d\n"",""\n,\n'],
      ['only a header', 'id,d\n'],
      ['nothing', ''],
    ];
    for (const [when, text] of cases) {
      it(`should give identical header, fields, lines and raw text for ${when}`, async () => {
        const { reference, actual } = await both(text);
        expect(actual).to.deep.equal(reference);
        expect(parseCsvFast(text, ','), 'the fast path should apply').not.to.equal(null);
      });
    }
  });

  describe('when the input is unusual', () => {
    const cases: [string, string][] = [
      ['a stray quote in an unquoted field', 'id,d\na,12" pipe\n'],
      ['text after a closing quote', 'id,d\nb,"q" trail\n'],
      ['a lone CR', 'id,d\ra,b\r'],
    ];
    for (const [when, text] of cases) {
      it(`should step aside for ${when} (and CsvReader still gives csv-parse's result)`, async () => {
        expect(parseCsvFast(text, ',')).to.equal(null);
        const { reference, actual } = await both(text);
        expect(actual).to.deep.equal(reference);
      });
    }
  });

  describe('when fed 500 random CSV texts with quotes, delimiters and line breaks', () => {
    it('should agree with csv-parse on every one it accepts', async () => {
      const next = random(7);
      let fastOnes = 0;
      for (let i = 0; i < 500; i++) {
        const text = randomCsv(next);
        let reference;
        try {
          reference = await all(reader.readWithCsvParse(Buffer.from(text), ',', ',', 'f.csv'));
        } catch {
          continue;
        }
        const fast = parseCsvFast(text, ',');
        if (fast === null) continue;
        fastOnes++;
        expect({ header: fast[0]?.fields ?? [], rows: fast.slice(1) }, JSON.stringify(text)).to.deep.equal(reference);
      }
      expect(fastOnes).to.be.greaterThan(200);
    });
  });

  const agreeOnEvery = (dir: string) => () => {
    for (const name of readdirSync(dir)) {
      it(`should agree with csv-parse on ${name}`, async () => {
        const text = readFileSync(join(dir, name), 'utf8');
        const { reference, actual } = await both(text);
        expect(actual).to.deep.equal(reference);
      });
    }
  };
  describe("when reading the project's fixture drop", agreeOnEvery(FIXTURE_DROP));
  describeNeeding(NEEDS_SEED_DATA, "when reading the original demo's files", agreeOnEvery(SEED_DATA));
});
