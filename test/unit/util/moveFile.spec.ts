import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { freeName, moveFile, pathIn } from '../../../src/util/moveFile.js';
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

  describe('when the name is not UTF-8', () => {
    it('should move the file by its bytes', async () => {
      const raw = Buffer.from('caf\xe9.csv', 'latin1');
      writeFileSync(pathIn(tmp.dir, raw), 'x');
      const name = await moveFile(pathIn(tmp.dir, raw), join(tmp.dir, 'archive'));
      expect(name.equals(raw)).to.equal(true);
      expect(readFileSync(pathIn(join(tmp.dir, 'archive'), raw), 'utf8')).to.equal('x');
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
