import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readHashed } from '../../../src/util/readHashed.js';
import { sha256 } from '../../../src/util/sha256.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe('readHashed', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  const content = (size: number): Buffer => {
    const bytes = Buffer.allocUnsafe(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >>> 13)) & 0xff;
    return bytes;
  };

  for (const [what, size] of [
    ['empty', 0],
    ['small', 100],
    ['just under the size read into shared memory', (4 << 20) - 1],
    ['read in several pieces, one of them short', 2 * (8 << 20) + 12_345],
  ] as const) {
    it(`should give every byte of a file that is ${what}, and their SHA-256`, async () => {
      const bytes = content(size);
      const path = join(tmp.dir, 'latest.csv');
      writeFileSync(path, bytes);
      const read = await readHashed(path);
      expect(read.bytes.equals(bytes)).to.equal(true);
      expect(await read.sha256).to.equal(sha256(bytes));
    });
  }

  it('should fail for a file that is not there', async () => {
    const failed = await readHashed(join(tmp.dir, 'missing.csv')).then(
      () => null,
      (err: NodeJS.ErrnoException) => err.code,
    );
    expect(failed).to.equal('ENOENT');
  });
});
