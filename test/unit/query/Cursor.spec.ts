import { expect } from 'chai';
import { decodeCursor, encodeCursor } from '../../../src/query/Cursor.js';
import { DroplineError } from '../../../src/errors/DroplineError.js';

describe('Cursor', () => {
  describe('encodeCursor()', () => {
    it('should round-trip through decodeCursor', () => {
      const cursor = { snapshot: '20261125T214231123Z', offset: 4200 };
      expect(decodeCursor(encodeCursor(cursor))).to.deep.equal(cursor);
    });

    it('should be URL-safe text', () => {
      expect(encodeCursor({ snapshot: '20261125T214231123Z', offset: 1 })).to.match(/^[A-Za-z0-9_-]+$/);
    });
  });

  describe('decodeCursor()', () => {
    const bad = [
      ['not base64url', 'abc$'],
      ['not JSON', Buffer.from('{nope').toString('base64url')],
      ['a path for a snapshot', Buffer.from(JSON.stringify({ s: '../../etc', o: 0 })).toString('base64url')],
      ['a negative offset', Buffer.from(JSON.stringify({ s: '20261125T214231123Z', o: -1 })).toString('base64url')],
      ['a fractional offset', Buffer.from(JSON.stringify({ s: '20261125T214231123Z', o: 1.5 })).toString('base64url')],
      ['null', Buffer.from('null').toString('base64url')],
      ['empty', ''],
    ];
    for (const [what, text] of bad) {
      it(`should refuse ${what} with USAGE`, () => {
        expect(() => decodeCursor(text!))
          .to.throw(DroplineError, /cursor is not one this server handed out/)
          .with.property('code', 'USAGE');
      });
    }
  });
});
