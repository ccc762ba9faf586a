import { expect } from 'chai';
import { HttpError } from '../../../src/server/HttpError.js';
import { QueryParams } from '../../../src/server/QueryParams.js';

const params = (query: string): QueryParams => new QueryParams(new URLSearchParams(query));

function badRequest(read: () => unknown, message: string | RegExp): void {
  expect(read).to.throw(HttpError, message).with.property('status', 400);
}

describe('QueryParams', () => {
  describe('.int()', () => {
    const cases: [string, number][] = [
      ['', 100],
      ['limit=1', 1],
      ['limit=10000', 10000],
      ['limit=037', 37],
    ];
    for (const [query, expected] of cases) {
      it(`should read "${query}" as ${expected}`, () => {
        expect(params(query).int('limit', 1, 10000, 100)).to.equal(expected);
      });
    }
    for (const bad of ['limit=0', 'limit=10001', 'limit=-1', 'limit=1.5', 'limit=abc', 'limit=', 'limit=1e3', 'limit=%201', 'limit=99999999999']) {
      it(`should refuse "${bad}" with the allowed range`, () => {
        badRequest(() => params(bad).int('limit', 1, 10000, 100), 'limit must be a whole number from 1 to 10000');
      });
    }
  });

  describe('.snapshot()', () => {
    for (const [query, expected] of [
      ['', undefined],
      ['snapshot=latest', 'latest'],
      ['snapshot=20261125T214231123Z', '20261125T214231123Z'],
      ['snapshot=2026-11-25', '2026-11-25'],
      ['snapshot=2026-11-25T21:42:31.123Z', '2026-11-25T21:42:31.123Z'],
      ['snapshot=2026-11-25T22:42:31%2B01:00', '2026-11-25T22:42:31+01:00'],
    ] as const) {
      it(`should accept "${query}"`, () => {
        expect(params(query).snapshot('snapshot')).to.equal(expected);
      });
    }
    for (const bad of ['snapshot=../x', 'snapshot=20261125T214231123', 'snapshot=LATEST', 'snapshot=%00', 'snapshot=', 'snapshot=2026-02-30', 'snapshot=yesterday']) {
      it(`should refuse "${bad}"`, () => {
        badRequest(
          () => params(bad).snapshot('snapshot'),
          'snapshot must be a snapshot id like 20261125T214231123Z, "latest", a date like 2026-11-25 (UTC) or a date-time like 2026-11-25T21:42:31Z',
        );
      });
    }
  });

  describe('.only()', () => {
    it('should refuse a parameter it does not know, naming those it does', () => {
      badRequest(() => params('from=a&fomr=b').only(['from', 'to']), 'unknown parameter "fomr" (known here: from, to)');
    });

    it('should say when an endpoint takes none', () => {
      badRequest(() => params('x=1').only([]), 'unknown parameter "x" (this endpoint takes none)');
    });
  });

  describe('.one()', () => {
    it('should refuse a parameter given twice', () => {
      badRequest(() => params('to=a&to=b').one('to'), 'to is given 2 times; give it once');
    });
  });

  describe('.rest()', () => {
    it('should return the parameters outside the reserved ones', () => {
      expect([...params('limit=5&status=open&country=DE').rest(['limit'])]).to.deep.equal([
        ['status', 'open'],
        ['country', 'DE'],
      ]);
    });
  });

  describe('.oneOf()', () => {
    it('should refuse a value outside the list', () => {
      badRequest(() => params('format=xml').oneOf('format', ['json', 'csv']), 'format must be one of json, csv');
    });
  });
});
