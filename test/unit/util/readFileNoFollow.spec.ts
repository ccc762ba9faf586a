import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileNoFollow } from '../../../src/util/readFileNoFollow.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe('readFileNoFollow', () => {
  let tmp: { dir: string; remove: () => void };
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  const failure = (path: string): Promise<unknown> =>
    readFileNoFollow(path).then(
      () => null,
      (e: unknown) => e,
    );

  describe('when the name is a regular file', () => {
    it('should give its bytes, and its stat as opened and once read', async () => {
      writeFileSync(join(tmp.dir, 'a.csv'), 'id\n1\n');
      const { bytes, before, after } = await readFileNoFollow(join(tmp.dir, 'a.csv'));
      expect(bytes.toString()).to.equal('id\n1\n');
      const now = statSync(join(tmp.dir, 'a.csv'), { bigint: true });
      for (const stat of [before, after]) expect([stat.ino, stat.size, stat.ctimeNs]).to.deep.equal([now.ino, 5n, now.ctimeNs]);
    });
  });

  describe('when the name is a symbolic link (swapped in after the listing)', () => {
    it('should refuse it (ELOOP) instead of following it', async () => {
      writeFileSync(join(tmp.dir, 'target.csv'), 'secret\n');
      symlinkSync(join(tmp.dir, 'target.csv'), join(tmp.dir, 'a.csv'));
      expect(await failure(join(tmp.dir, 'a.csv'))).to.include({ code: 'ELOOP' });
    });
  });

  describe('when the name is a FIFO (swapped in after the listing)', () => {
    it('should refuse it at once instead of waiting for a writer forever', async () => {
      execFileSync('mkfifo', [join(tmp.dir, 'a.csv')]);
      const err = await failure(join(tmp.dir, 'a.csv'));
      expect(err).to.be.instanceOf(Error);
      expect((err as Error).message).to.equal('is not a regular file (a FIFO, device or folder in its place), not read');
    });
  });

  describe('when the name is a folder (swapped in after the listing)', () => {
    it('should refuse it, saying it is not a regular file', async () => {
      mkdirSync(join(tmp.dir, 'a.csv'));
      expect(((await failure(join(tmp.dir, 'a.csv'))) as Error).message).to.equal('is not a regular file (a FIFO, device or folder in its place), not read');
    });
  });
});
