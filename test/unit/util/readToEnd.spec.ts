import { expect } from 'chai';
import { appendFileSync, closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readToEnd } from '../../../src/util/readToEnd.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe('readToEnd', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  const readAll = async (content: Buffer, size = content.length, grown = Buffer.alloc(0)): Promise<Buffer> => {
    const path = join(tmp.dir, 'a.csv');
    writeFileSync(path, content);
    const fd = openSync(path, 'r');
    try {
      appendFileSync(path, grown);
      return await readToEnd(fd, size);
    } finally {
      closeSync(fd);
    }
  };

  describe('when the file is small (read synchronously)', () => {
    it('should give its bytes', async () => {
      expect((await readAll(Buffer.from('id\n1\n'))).toString()).to.equal('id\n1\n');
    });
  });

  describe('when the file is empty', () => {
    it('should give no bytes', async () => {
      expect(await readAll(Buffer.alloc(0))).to.have.length(0);
    });
  });

  describe('when the file is larger than a mebibyte (read through the thread pool)', () => {
    it('should give its bytes', async () => {
      const content = Buffer.alloc(3 * 1024 * 1024 + 7, 'x');
      expect((await readAll(content)).equals(content)).to.equal(true);
    });
  });

  describe('when the file grew after its size was taken', () => {
    it('should read on to its end, as readFile does', async () => {
      const first = Buffer.from('id\n1\n');
      const more = Buffer.alloc(200_000, 'y');
      expect((await readAll(first, first.length, more)).equals(Buffer.concat([first, more]))).to.equal(true);
    });
  });
});
