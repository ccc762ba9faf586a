import { statfsSync, statSync, utimesSync, writeFileSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { identityOf, keepsTrueCtime, SETTLED_MS, sameIdentity, settledIdentity } from '../../../src/util/FileIdentity.js';
import { restoreMtime } from '../../helpers/restoreMtime.js';
import { makeTempDir } from '../../helpers/tmp.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('FileIdentity', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let path: string;
  beforeEach(() => {
    tmp = makeTempDir();
    path = join(tmp.dir, 'a.csv');
  });
  afterEach(() => tmp.remove());
  const stat = (): BigIntStats => statSync(path, { bigint: true });
  /** Writes the file, then past the clock's tick rewrites it with the same size and sets its mtime back: only ctime tells. */
  async function rewrittenKeepingMtime(): Promise<{ before: BigIntStats; after: BigIntStats }> {
    writeFileSync(path, 'id\n1\n');
    const before = stat();
    await pause(50);
    writeFileSync(path, 'id\n2\n');
    restoreMtime(path, before);
    return { before, after: stat() };
  }

  describe('settledIdentity', () => {
    it('should give the identity of a file left alone for SETTLED_MS before the read and unchanged while read', () => {
      writeFileSync(path, 'id\n1\n');
      const s = stat();
      expect(settledIdentity(s, s, 5, Number(s.ctimeMs) + SETTLED_MS + 1)).to.deep.equal(identityOf(s));
    });

    it('should give none for a file changed within SETTLED_MS of the read (it may still be being written)', () => {
      writeFileSync(path, 'id\n1\n');
      const s = stat();
      expect(settledIdentity(s, s, 5, Number(s.ctimeMs) + SETTLED_MS - 100)).to.equal(undefined);
      expect(settledIdentity(s, s, 5, Date.now())).to.equal(undefined);
    });

    it('should judge by ctime, not mtime: a file just written with an old mtime (cp -p, tar) gives none', () => {
      writeFileSync(path, 'id\n1\n');
      const hourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(path, hourAgo, hourAgo);
      const s = stat();
      expect(Number(s.mtimeMs)).to.be.below(Date.now() - SETTLED_MS);
      expect(settledIdentity(s, s, 5, Date.now())).to.equal(undefined);
    });

    it('should give none when the file changed while it was read, or more or fewer bytes were read than it holds', async () => {
      const { before, after } = await rewrittenKeepingMtime();
      const later = Number(after.ctimeMs) + SETTLED_MS + 1;
      expect(settledIdentity(before, after, 5, later)).to.equal(undefined);
      expect(settledIdentity(after, after, 4, later)).to.equal(undefined);
      expect(settledIdentity(after, after, 5, later)).to.deep.equal(identityOf(after));
    });
  });

  describe('sameIdentity', () => {
    it('should tell a file rewritten with the same size and its mtime set back to the nanosecond, by its ctime', async () => {
      const { before, after } = await rewrittenKeepingMtime();
      expect([after.size, after.mtimeNs]).to.deep.equal([before.size, before.mtimeNs]);
      expect(sameIdentity(identityOf(before), identityOf(after))).to.equal(false);
      expect(sameIdentity(identityOf(after), identityOf(stat()))).to.equal(true);
    });
  });

  describe('keepsTrueCtime', () => {
    it("should trust a file system that keeps a ctime of its own (this machine's temp folder), and nothing it cannot stat", function () {
      const type = Number(statfsSync(tmp.dir).type);
      // ext4, tmpfs, overlayfs, XFS, Btrfs: what a Linux temp folder is on.
      if (![0xef53, 0x01021994, 0x794c7630, 0x58465342, 0x9123683e].includes(type)) {
        console.log(`      (skipped: the temp folder is on a file system of type 0x${type.toString(16)}, not one known to keep a true ctime)`);
        this.skip();
      }
      expect(keepsTrueCtime(tmp.dir)).to.equal(true);
      expect(keepsTrueCtime(join(tmp.dir, 'missing'))).to.equal(false);
    });

    it('should not trust /proc (no true ctime; the same answer as for FAT, FUSE or network mounts)', () => {
      expect(keepsTrueCtime('/proc')).to.equal(false);
    });
  });
});
