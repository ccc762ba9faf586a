import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { identityOf, type FileIdentity } from '../../../src/util/FileIdentity.js';
import { moveIfUnchanged } from '../../../src/util/moveIfUnchanged.js';
import { sha256 } from '../../../src/util/sha256.js';
import { restoreMtime } from '../../helpers/restoreMtime.js';
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

  describe('when the read vouched for the inode (the file was left alone before it was read)', () => {
    const settledNow = (path: string): FileIdentity => identityOf(statSync(path, { bigint: true }));

    it('should move it on the inode alone, without reading it again', async () => {
      writeFileSync(join(drop, 'a.csv'), content);
      // A hash that the content does not have: were the file read again, it would stay.
      const vouched = { size: readAs.size, sha256: sha256('other'), settled: settledNow(join(drop, 'a.csv')) };
      expect(await moveIfUnchanged(drop, Buffer.from('a.csv'), archive, vouched)).to.deep.equal({ moved: Buffer.from('a.csv') });
    });

    it('should read it again, and leave it, when it was rewritten with the same size and the same mtime since', async () => {
      const path = join(drop, 'a.csv');
      writeFileSync(path, content);
      const read = statSync(path, { bigint: true });
      const vouched = { ...readAs, settled: identityOf(read) };
      // Past the file system clock's tick (a few milliseconds), so the rewrite gets another ctime: the only trace left.
      await new Promise((resolve) => setTimeout(resolve, 50));
      writeFileSync(path, 'id\n2\n');
      restoreMtime(path, read);
      const result = await moveIfUnchanged(drop, Buffer.from('a.csv'), archive, vouched);
      expect(result).to.deep.equal({ changed: 'changed after it was read: same size, other content' });
      expect(readdirSync(drop)).to.deep.equal(['a.csv']);
    });

    it('should read it again when another file was renamed over the name', async () => {
      writeFileSync(join(drop, 'a.csv'), content);
      const vouched = { ...readAs, settled: settledNow(join(drop, 'a.csv')) };
      writeFileSync(join(tmp.dir, 'b.csv'), 'id\n2\n');
      renameSync(join(tmp.dir, 'b.csv'), join(drop, 'a.csv'));
      expect(await moveIfUnchanged(drop, Buffer.from('a.csv'), archive, vouched)).to.deep.equal({ changed: 'changed after it was read: same size, other content' });
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

  describe('when another file is renamed over it while it is checked (an exporter that replaces its file)', function () {
    this.timeout(120_000);

    it('should never archive content that was not read, over 40 tries', async () => {
      // Two versions of a.csv, large enough that reading and hashing one takes a while.
      const version = (tag: string): string => 'id\n' + Array.from({ length: 400_000 }, (_, i) => `${tag}${i}`).join('\n') + '\n';
      const staging = join(tmp.dir, 'staging');
      mkdirSync(staging);
      writeFileSync(join(staging, 'v1'), version('a'));
      writeFileSync(join(staging, 'v2'), version('b'));
      const read = readFileSync(join(staging, 'v1'));
      const v1 = { size: read.length, sha256: sha256(read) };
      // Renames a fresh link to v1, then to v2, over drop/a.csv, as fast as it can, until killed.
      const script = `
        const fs = require('fs'), path = require('path');
        const [staging, target] = process.argv.slice(1);
        process.stdout.write('ready\\n');
        for (let n = 0; ; n++) {
          const tmp = path.join(staging, 't' + n);
          fs.linkSync(path.join(staging, n % 2 ? 'v2' : 'v1'), tmp);
          fs.renameSync(tmp, target);
          try { fs.unlinkSync(tmp); } catch {}
        }`;
      const replacer = spawn(process.execPath, ['-e', script, staging, join(drop, 'a.csv')], { stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        await once(replacer.stdout!, 'data');
        for (let attempt = 0; attempt < 40; attempt++) {
          await moveIfUnchanged(drop, Buffer.from('a.csv'), archive, v1).catch(() => null);
          for (const name of existsSync(archive) ? readdirSync(archive) : []) {
            const bytes = readFileSync(join(archive, name));
            expect(sha256(bytes), `archived ${name} at try ${attempt} is not what was read`).to.equal(v1.sha256);
            rmSync(join(archive, name));
          }
        }
      } finally {
        const exited = replacer.exitCode !== null ? Promise.resolve() : once(replacer, 'exit');
        replacer.kill();
        await exited;
      }
    });
  });
});
