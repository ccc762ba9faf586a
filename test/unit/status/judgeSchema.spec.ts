import { expect } from 'chai';
import { judgeSchema } from '../../../src/status/judgeSchema.js';
import { day, manifest } from './statusFixtures.js';

const exact = (names: string[]) => names.map((n) => ({ header: n, column: n }));
const run = (n: number, file: string, matches: ReturnType<typeof exact>, extras?: string[]) =>
  manifest({ at: day(n), files: [{ name: file, rows: 1 }], headers: [{ file, matches, ...(extras ? { extras } : {}) }] });

describe('judgeSchema', () => {
  it('should find nothing when the last run mapped as the one before', () => {
    expect(judgeSchema([run(0, 'a.csv', exact(['id', 'name'])), run(1, 'b.csv', exact(['id', 'name']))])).to.deep.equal([]);
  });

  it('should name a header newly mapped by fuzzy match or alias, with the file', () => {
    const fuzzy = [...exact(['id']), { header: 'nmae', column: 'name', how: 'fuzzy' as const, score: 0.86 }];
    expect(judgeSchema([run(0, 'a.csv', exact(['id', 'name'])), run(1, 'b.csv', fuzzy)])).to.deep.equal(['header "nmae" now maps to name by fuzzy match 86% in b.csv']);
    const alias = [...exact(['id']), { header: 'Client', column: 'name', how: 'alias' as const }];
    expect(judgeSchema([run(0, 'a.csv', exact(['id', 'name'])), run(1, 'b.csv', alias)])).to.deep.equal(['header "Client" now maps to name by alias in b.csv']);
  });

  it('should name a new extra header and a column gone missing', () => {
    expect(judgeSchema([run(0, 'a.csv', exact(['id', 'name'])), run(1, 'b.csv', exact(['id']), ['label'])])).to.deep.equal([
      'new header "label" maps to no column in b.csv',
      'column name (header "name" before) missing from b.csv',
    ]);
  });

  it('should compare the last two runs that read a header, passing over empty files and resets', () => {
    const empty = manifest({ at: day(2), files: [{ name: 'e.csv', rows: 0 }], headers: [{ file: 'e.csv', matches: [] }] });
    const reset = manifest({ at: day(3), kind: 'reset' });
    expect(judgeSchema([run(0, 'a.csv', exact(['id', 'name'])), run(1, 'b.csv', exact(['id', 'name'])), empty, reset])).to.deep.equal([]);
  });

  it('should find nothing with one run', () => {
    expect(judgeSchema([run(0, 'a.csv', exact(['id']), ['x'])])).to.deep.equal([]);
  });
});
