import { expect } from 'chai';
import { patternRules } from '../../../src/sources/patternRules.js';
import { demoDefinition } from '../../helpers/definitions.js';

describe('patternRules', () => {
  const NAMES = ['a.csv', 'A.CSV', 'a.csv.gz', 'A.CSV.GZ', 'a.gz', 'a.txt.gz', 'a.csv.gz.gz'];
  const cases: [when: string, pattern: string, caseSensitive: boolean, gzip: boolean, accepted: string[]][] = [
    ['the default', '*.csv', false, true, ['a.csv', 'A.CSV', 'a.csv.gz', 'A.CSV.GZ']],
    ['case-sensitive', '*.csv', true, true, ['a.csv', 'a.csv.gz']],
    ['no gzip (compression none, or xlsx)', '*.csv', false, false, ['a.csv', 'A.CSV']],
    ['a pattern naming .gz itself', '*.csv.gz', false, true, ['a.csv.gz', 'A.CSV.GZ', 'a.csv.gz.gz']],
  ];
  for (const [when, pattern, caseSensitive, gzip, accepted] of cases) {
    describe(`when ${when}: ${pattern}`, () => {
      it('should accept exactly these names', () => {
        const rules = patternRules(demoDefinition({ source: { pattern, caseSensitive } }).source, gzip, '/ws');
        expect(NAMES.filter((n) => rules.accepts(n))).to.deep.equal(accepted);
      });
    });
  }

  describe('.mismatch()', () => {
    it('should name the pattern, and the case setting when only case kept the name out', () => {
      const rules = patternRules(demoDefinition({ source: { pattern: '*.csv', caseSensitive: true } }).source, true, '/ws');
      expect(rules.mismatch('A.CSV')).to.equal('does not match pattern *.csv (source.caseSensitive is true)');
      expect(rules.mismatch('a.txt')).to.equal('does not match pattern *.csv');
    });
  });
});
