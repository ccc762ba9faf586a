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
    it('should give its bytes in a buffer of its own, exactly its size (movable to a worker thread)', async () => {
      const content = Buffer.alloc(3 * 1024 * 1024 + 7, 'x');
      const bytes = await readAll(content);
      expect(bytes.equals(content)).to.equal(true);
      expect([bytes.byteOffset, bytes.buffer.byteLength]).to.deep.equal([0, content.length]);
    });
  });

  describe('when the file grew after its size was taken', () => {
    it('should read on to its end, as readFile does', async () => {
      const first = Buffer.from('id\n1\n');
      const more = Buffer.alloc(200_000, 'y');
      expect((await readAll(first, first.length, more)).equals(Buffer.concat([first, more]))).to.equal(true);
    });

    it('should read on to its end when it grew by a few bytes, and when it was large already', async () => {
      const small = Buffer.from('id\n1\n');
      expect((await readAll(small, small.length, Buffer.from('2\n'))).toString()).to.equal('id\n1\n2\n');
      const large = Buffer.alloc(2 * 1024 * 1024, 'z');
      const tail = Buffer.from('end\n');
      expect((await readAll(large, large.length, tail)).equals(Buffer.concat([large, tail]))).to.equal(true);
    });
  });

  describe('when the file shrank after its size was taken', () => {
    it('should give the bytes there are', async () => {
      expect((await readAll(Buffer.from('id\n1\n'), 100)).toString()).to.equal('id\n1\n');
    });
  });
});
