import { expect } from 'chai';
import { gzipSync } from 'node:zlib';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { gunzipIfCompressed, MAX_INFLATED_BYTES } from '../../../src/sources/gunzipIfCompressed.js';

describe('gunzipIfCompressed', () => {
  const twoMembers = Buffer.concat([gzipSync('id,ts\n'), gzipSync('a,1\n')]);
  const cases: [when: string, bytes: Buffer, text: string][] = [
    ['plain text', Buffer.from('id,ts\na,1\n'), 'id,ts\na,1\n'],
    ['gzip', gzipSync('id,ts\na,1\n'), 'id,ts\na,1\n'],
    ['two gzip members one after the other (cat a.gz b.gz)', twoMembers, 'id,ts\na,1\n'],
    ['an empty file', Buffer.alloc(0), ''],
    ['one byte 0x1F', Buffer.from([0x1f]), '\u001f'],
  ];
  for (const [when, bytes, text] of cases) {
    describe(`when the bytes are ${when}`, () => {
      it('should give the text inside', async () => {
        expect(Buffer.from(await gunzipIfCompressed(bytes, 'f.csv')).toString('utf8')).to.equal(text);
      });
    });
  }

  describe('when a gzip stream is cut short', () => {
    it("should throw SOURCE_UNREADABLE with zlib's reason", async () => {
      const gz = gzipSync('id,ts\na,1\n');
      const err = await gunzipIfCompressed(gz.subarray(0, gz.length - 4), 'f.csv.gz').then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(DroplineError);
      expect(err).to.include({ code: 'SOURCE_UNREADABLE', message: 'is gzip-compressed but cannot be decompressed (unexpected end of file); drop it again, whole' });
    });
  });

  describe('when a gzip stream inflates to more than the limit (a zip bomb)', () => {
    it('should throw SOURCE_UNREADABLE saying so, without inflating it all', async () => {
      const bomb = gzipSync(Buffer.alloc(1_000_000));
      const err = await gunzipIfCompressed(bomb, 'f.csv.gz', 1000).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(DroplineError);
      expect(err).to.include({
        code: 'SOURCE_UNREADABLE',
        message: 'is gzip-compressed and inflates to more than 1000 bytes, more than one input can hold; split it into smaller files',
      });
    });

    it('should by default allow no more than the UTF-8 of the longest string one input is read into (3 bytes a character, and a BOM)', () => {
      expect(MAX_INFLATED_BYTES).to.equal(3 * 536_870_888 + 3);
    });
  });
});
