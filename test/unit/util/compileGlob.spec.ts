import { expect } from 'chai';
import { compileGlob } from '../../../src/util/compileGlob.js';

describe('compileGlob', () => {
  const NAMES = ['a.csv', 'b.csv', 'B.CSV', 'EXPORT.CSV', 'data_01.csv', 'data_1.csv', 'x.txt', '1.csv', 'a*.csv', 'c.csv.gz', 'data[1].csv', '.h.csv'];
  const cases: [pattern: string, caseSensitive: boolean, matched: string[]][] = [
    ['*.csv', false, ['a.csv', 'b.csv', 'B.CSV', 'EXPORT.CSV', 'data_01.csv', 'data_1.csv', '1.csv', 'a*.csv', 'data[1].csv', '.h.csv']],
    ['*.csv', true, ['a.csv', 'b.csv', 'data_01.csv', 'data_1.csv', '1.csv', 'a*.csv', 'data[1].csv', '.h.csv']],
    ['[!a]*.csv', true, ['b.csv', 'data_01.csv', 'data_1.csv', '1.csv', 'data[1].csv', '.h.csv']],
    ['[^a]*.csv', true, ['b.csv', 'data_01.csv', 'data_1.csv', '1.csv', 'data[1].csv', '.h.csv']],
    ['[a-b].csv', false, ['a.csv', 'b.csv', 'B.CSV']],
    ['[a-b].csv', true, ['a.csv', 'b.csv']],
    ['data_??.csv', true, ['data_01.csv']],
    ['data_?.csv', true, ['data_1.csv']],
    ['*.{csv,txt}', true, ['a.csv', 'b.csv', 'data_01.csv', 'data_1.csv', 'x.txt', '1.csv', 'a*.csv', 'data[1].csv', '.h.csv']],
    ['[[:digit:]]*', true, ['1.csv']],
    ['a\\*.csv', true, ['a*.csv']],
    ['data\\[1\\].csv', true, ['data[1].csv']],
    ['*.csv.gz', true, ['c.csv.gz']],
    ['x.txt', false, ['x.txt']],
    // A leading "!" is a literal character, not "every name but": "!*.csv" must not read x.txt.
    ['!*.csv', true, []],
  ];
  for (const [pattern, caseSensitive, matched] of cases) {
    describe(`when the pattern is ${pattern}${caseSensitive ? ', case-sensitive' : ''}`, () => {
      it('should match exactly these names', () => {
        const test = compileGlob(pattern, caseSensitive);
        expect(NAMES.filter((n) => test(n))).to.deep.equal(matched);
      });
    });
  }

  const bad: [pattern: string, message: string][] = [
    ['[a-', 'is not a valid pattern: missing closing "]"; write a literal "[" as "\\["'],
    ['*.csv]', 'is not a valid pattern: missing opening "["; write a literal "]" as "\\]"'],
    ['{a,b', 'is not a valid pattern: missing closing "}"; write a literal "{" as "\\{"'],
    ['sub/*.csv', 'has a "/"; it matches file names in source.path, so put the folder in source.path'],
    ['  ', 'is empty; write a file-name pattern such as *.csv'],
  ];
  for (const [pattern, message] of bad) {
    describe(`when the pattern is ${JSON.stringify(pattern)}`, () => {
      it('should throw, saying what is wrong', () => {
        expect(() => compileGlob(pattern, false)).to.throw(message);
      });
    });
  }
});
