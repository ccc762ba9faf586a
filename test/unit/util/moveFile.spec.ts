import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { freeName, moveFile, pathIn } from '../../../src/util/moveFile.js';
import { FolderSyncs } from '../../../src/util/FolderSyncs.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe(moveFile.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  describe('when the name is free', () => {
    it('should keep it', async () => {
      writeFileSync(join(tmp.dir, 'a.csv'), 'x');
      const name = await moveFile(join(tmp.dir, 'a.csv'), join(tmp.dir, 'archive'));
      expect(name.toString()).to.equal('a.csv');
      expect(readdirSync(join(tmp.dir, 'archive'))).to.deep.equal(['a.csv']);
    });
  });

  describe('when given folders to fsync later', () => {
    it('should move the file and leave both folders to them', async () => {
      writeFileSync(join(tmp.dir, 'a.csv'), 'x');
      const later = new FolderSyncs();
      await moveFile(join(tmp.dir, 'a.csv'), join(tmp.dir, 'archive'), 'a.csv', later);
      expect(readdirSync(join(tmp.dir, 'archive'))).to.deep.equal(['a.csv']);
      expect(later.pending().map(String).sort()).to.deep.equal([tmp.dir, join(tmp.dir, 'archive')].sort());
    });
  });

  describe('when the name is not UTF-8', () => {
    it('should move the file by its bytes', async () => {
      const raw = Buffer.from('caf\xe9.csv', 'latin1');
      writeFileSync(pathIn(tmp.dir, raw), 'x');
      const name = await moveFile(pathIn(tmp.dir, raw), join(tmp.dir, 'archive'));
      expect(name.equals(raw)).to.equal(true);
      expect(readFileSync(pathIn(join(tmp.dir, 'archive'), raw), 'utf8')).to.equal('x');
    });
  });

  describe('when the folder is on another filesystem', () => {
    it('should copy the file there and remove it here', async function () {
      // /dev/shm is a tmpfs on Linux; elsewhere (or on the same filesystem) there is nothing to cross.
      if (!existsSync('/dev/shm') || statSync('/dev/shm').dev === statSync(tmp.dir).dev) this.skip();
      const other = mkdtempSync('/dev/shm/dropline-move-');
      try {
        writeFileSync(join(other, 'a.csv'), 'across');
        const name = await moveFile(join(other, 'a.csv'), join(tmp.dir, 'archive'), 'a.csv');
        expect(name.toString()).to.equal('a.csv');
        expect(readFileSync(join(tmp.dir, 'archive', 'a.csv'), 'utf8')).to.equal('across');
        expect(readdirSync(other)).to.deep.equal([]);
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    });
  });

  describe('when the name is taken', () => {
    it('should number it', async () => {
      writeFileSync(join(tmp.dir, 'a.csv'), 'taken');
      expect((await freeName(tmp.dir, 'a.csv')).toString()).to.equal('a_2.csv');
    });

    it('should shorten a 255-byte name so the numbered one fits', async () => {
      const long = 'z'.repeat(251) + '.csv';
      writeFileSync(join(tmp.dir, long), 'taken');
      const free = (await freeName(tmp.dir, long)).toString();
      expect(Buffer.byteLength(free)).to.be.at.most(255);
      expect(free).to.match(/^z+~[0-9a-f]{8}_2\.csv$/);
    });
  });
});
