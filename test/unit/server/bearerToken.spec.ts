import { expect } from 'chai';
import { hasBearerToken } from '../../../src/server/bearerToken.js';

describe('hasBearerToken()', () => {
  const cases: [string | undefined, boolean][] = [
    ['Bearer s3cret', true],
    ['bearer s3cret', true],
    ['Bearer  s3cret ', true],
    ['Bearer s3cre', false],
    ['Bearer s3cret2', false],
    ['Basic s3cret', false],
    ['s3cret', false],
    ['Bearer ', false],
    [undefined, false],
  ];
  for (const [header, expected] of cases) {
    it(`should ${expected ? 'accept' : 'refuse'} ${JSON.stringify(header)}`, () => {
      expect(hasBearerToken({ authorization: header }, 's3cret')).to.equal(expected);
    });
  }
});
