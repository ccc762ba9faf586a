import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { moveIfUnchanged } from '../../../src/util/moveIfUnchanged.js';
import { sha256 } from '../../../src/util/sha256.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe(moveIfUnchanged.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let drop: string;
  let archive: string;
  const content = 'id\n1\n';
  const readAs = { size: Buffer.byteLength(content), sha256: sha256(content) };
  beforeEach(() => {
    tmp = makeTempDir();
    drop = join(tmp.dir, 'drop');
    archive = join(tmp.dir, 'archive');
    mkdirSync(drop);
  });
  afterEach(() => tmp.remove());

  describe('when the file is what was read', () => {
    it('should move it', async () => {
      writeFileSync(join(drop, 'a.csv'), content);
      expect(await moveIfUnchanged(drop, Buffer.from('a.csv'), archive, readAs)).to.deep.equal({ moved: Buffer.from('a.csv') });
      expect(readdirSync(drop)).to.deep.equal([]);
      expect(readdirSync(archive)).to.deep.equal(['a.csv']);
    });
  });

  describe('when the file grew after it was read', () => {
    it('should leave it, saying both sizes', async () => {
      writeFileSync(join(drop, 'a.csv'), content + '2\n');
      const result = await moveIfUnchanged(drop, Buffer.from('a.csv'), archive, readAs);
      expect(result).to.deep.equal({ changed: 'changed after it was read: 5 bytes read, 7 bytes now' });
      expect(readdirSync(drop)).to.deep.equal(['a.csv']);
    });
  });

  describe('when the file was rewritten with the same size', () => {
    it('should leave it', async () => {
      writeFileSync(join(drop, 'a.csv'), 'id\n2\n');
      const result = await moveIfUnchanged(drop, Buffer.from('a.csv'), archive, readAs);
      expect(result).to.deep.equal({ changed: 'changed after it was read: same size, other content' });
      expect(readdirSync(drop)).to.deep.equal(['a.csv']);
    });
  });

  // Between the read and the archive move, the name may be replaced: it is not followed (a link to /dev/zero
  // would be read without end) nor waited on (a FIFO blocks an open until a writer comes, with the lock held).
  describe('when a symbolic link was put in place of the file after it was read', () => {
    it('should leave it without following it, even to a file with the same content', async () => {
      writeFileSync(join(tmp.dir, 'same.csv'), content);
      symlinkSync(join(tmp.dir, 'same.csv'), join(drop, 'a.csv'));
      expect(await moveIfUnchanged(drop, Buffer.from('a.csv'), archive, readAs)).to.deep.equal({ changed: 'changed after it was read: it is no longer a regular file' });
      expect(readdirSync(drop)).to.deep.equal(['a.csv']);
    });
  });

  describe('when a FIFO was put in place of the file after it was read', () => {
    it('should leave it at once instead of waiting for a writer', async () => {
      execFileSync('mkfifo', [join(drop, 'a.csv')]);
      expect(await moveIfUnchanged(drop, Buffer.from('a.csv'), archive, readAs)).to.deep.equal({ changed: 'changed after it was read: it is no longer a regular file' });
      expect(readdirSync(drop)).to.deep.equal(['a.csv']);
    });
  });
});
