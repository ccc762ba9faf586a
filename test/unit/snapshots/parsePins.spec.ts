import { expect } from 'chai';
import { parsePins } from '../../../src/snapshots/parsePins.js';
import { isSnapshotId } from '../../../src/snapshots/snapshotId.js';

const ID = '20261125T214231123Z';

describe(parsePins.name, () => {
  describe('when pins.json holds a list of ids', () => {
    const cases: [string, string[]][] = [
      ['[]', []],
      [`["${ID}"]`, [ID]],
      [`["${ID}", "20261126T000000000Z"]`, [ID, '20261126T000000000Z']],
    ];
    for (const [text, expected] of cases) {
      it(`should read ${JSON.stringify(text)} as [${expected.join(', ')}]`, () => {
        expect([...(parsePins(JSON.parse(text), isSnapshotId) as Set<string>)]).to.deep.equal(expected);
      });
    }
  });

  describe('when pins.json is damaged', () => {
    const cases: [string, RegExp][] = [
      ['{"pinned": true}', /not a JSON list/],
      ['null', /not a JSON list/],
      ['[1]', /1 is not a snapshot id/],
      ['["../x"]', /"\.\.\/x" is not a snapshot id/],
      ['[null]', /null is not a snapshot id/],
    ];
    for (const [text, reason] of cases) {
      it(`should return why ${JSON.stringify(text)} is not a list of ids`, () => {
        const result = parsePins(JSON.parse(text), isSnapshotId);
        expect(result).to.be.instanceOf(Error);
        expect((result as Error).message).to.match(reason);
      });
    }
  });
});
