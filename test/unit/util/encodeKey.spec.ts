import { expect } from 'chai';
import { encodeKey } from '../../../src/util/encodeKey.js';

const US = '\u001f';
const RS = '\u001e';

describe('encodeKey', () => {
  describe('when parts are ordinary text', () => {
    const cases: { parts: string[]; expected: string }[] = [
      { parts: ['42'], expected: '42' },
      { parts: [''], expected: '' },
      { parts: ['eu', '7'], expected: `eu${US}7` },
      { parts: ['', ''], expected: US },
      { parts: ['a', 'b', 'c'], expected: `a${US}b${US}c` },
      { parts: ['São Paulo', 'ß', '日本'], expected: `São Paulo${US}ß${US}日本` },
    ];
    for (const c of cases) {
      it(`should encode ${JSON.stringify(c.parts)} as the plain U+001F join`, () => {
        expect(encodeKey(c.parts)).to.equal(c.expected);
      });
    }
  });

  describe('when a single-part key holds the control characters', () => {
    it('should return the value unchanged', () => {
      expect(encodeKey([`a${US}b${RS}`])).to.equal(`a${US}b${RS}`);
    });
  });

  describe('when parts hold U+001F or U+001E', () => {
    const cases: { parts: string[]; expected: string }[] = [
      { parts: [`a${US}b`, 'c'], expected: `a${RS}${US}b${US}c` },
      { parts: ['a', `b${US}c`], expected: `a${US}b${RS}${US}c` },
      { parts: [`a${RS}`, 'b'], expected: `a${RS}${RS}${US}b` },
      { parts: [US, ''], expected: `${RS}${US}${US}` },
    ];
    for (const c of cases) {
      it(`should escape ${JSON.stringify(c.parts)} with U+001E`, () => {
        expect(encodeKey(c.parts)).to.equal(c.expected);
      });
    }
  });

  describe('when keys differ', () => {
    // Pairs a plain join confuses, or an escape of U+001F alone would.
    const pairs: [string[], string[]][] = [
      [
        [`a${US}b`, 'c'],
        ['a', `b${US}c`],
      ],
      [
        [`a${RS}`, `${US}b`],
        [`a${RS}${US}`, 'b'],
      ],
      [
        [`a${RS}`, 'b'],
        ['a', `${RS}b`],
      ],
      [
        ['', US],
        [US, ''],
      ],
      [
        ['a', '', 'b'],
        [`a${US}`, 'b'],
      ],
      [
        [RS, US],
        [`${RS}${US}`, ''],
      ],
    ];
    for (const [x, y] of pairs) {
      it(`should encode ${JSON.stringify(x)} and ${JSON.stringify(y)} differently`, () => {
        expect(encodeKey(x)).to.not.equal(encodeKey(y));
      });
    }
  });
});
