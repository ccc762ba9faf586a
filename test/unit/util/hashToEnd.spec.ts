import { expect } from 'chai';
import { appendFileSync, closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashToEnd } from '../../../src/util/hashToEnd.js';
import { sha256 } from '../../../src/util/sha256.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe('hashToEnd', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  const hashOf = async (content: Buffer, grown = Buffer.alloc(0)): Promise<{ size: number; sha256: string }> => {
    const path = join(tmp.dir, 'a.csv');
    writeFileSync(path, content);
    const fd = openSync(path, 'r');
    try {
      appendFileSync(path, grown);
      return await hashToEnd(fd, content.length);
    } finally {
      closeSync(fd);
    }
  };

  for (const [what, content] of [
    ['empty', Buffer.alloc(0)],
    ['smaller than a chunk', Buffer.from('id\n1\n')],
    ['several chunks, read synchronously', Buffer.alloc(200_000, 'x')],
    ['larger than a mebibyte, read through the thread pool', Buffer.alloc(3 * 1024 * 1024 + 7, 'y')],
  ] as const) {
    describe(`when the file is ${what}`, () => {
      it('should give its size and SHA-256', async () => {
        expect(await hashOf(content)).to.deep.equal({ size: content.length, sha256: sha256(content) });
      });
    });
  }

  describe('when the file grew after its size was taken', () => {
    it('should hash on to its end', async () => {
      const first = Buffer.from('id\n1\n');
      const more = Buffer.alloc(100_000, 'z');
      const all = Buffer.concat([first, more]);
      expect(await hashOf(first, more)).to.deep.equal({ size: all.length, sha256: sha256(all) });
    });
  });
});
