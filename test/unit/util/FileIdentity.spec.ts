import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { SETTLED_MS, sameIdentity, settledIdentity } from '../../../src/util/FileIdentity.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe('settledIdentity', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  describe('when the file changed longer than SETTLED_MS before the read began', () => {
    it('should give its identity', () => {
      writeFileSync(join(tmp.dir, 'a.csv'), 'id\n1\n');
      const stat = statSync(join(tmp.dir, 'a.csv'), { bigint: true });
      const identity = settledIdentity(stat, Number(stat.ctimeMs) + SETTLED_MS + 1);
      expect(identity).to.deep.equal({ dev: stat.dev, ino: stat.ino, size: 5n, mtimeNs: stat.mtimeNs, ctimeNs: stat.ctimeNs });
    });
  });

  describe('when the file changed within SETTLED_MS of the read (it may still be being written)', () => {
    it('should give none, so its content is hashed again', () => {
      writeFileSync(join(tmp.dir, 'a.csv'), 'id\n1\n');
      const stat = statSync(join(tmp.dir, 'a.csv'), { bigint: true });
      expect(settledIdentity(stat, Number(stat.ctimeMs) + SETTLED_MS - 100)).to.equal(undefined);
      expect(settledIdentity(stat, Date.now())).to.equal(undefined);
    });
  });
});

describe('sameIdentity', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  it('should tell a file whose times were set back to what they were (utimes changes ctime)', async () => {
    const path = join(tmp.dir, 'a.csv');
    writeFileSync(path, 'id\n1\n');
    const before = statSync(path, { bigint: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeFileSync(path, 'id\n2\n');
    utimesSync(path, before.atime, before.mtime);
    const after = statSync(path, { bigint: true });
    const of = (s: typeof before): Parameters<typeof sameIdentity>[0] => ({ dev: s.dev, ino: s.ino, size: s.size, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs });
    expect(sameIdentity(of(before), of(statSync(path, { bigint: true })))).to.equal(false);
    expect(sameIdentity(of(after), of(statSync(path, { bigint: true })))).to.equal(true);
  });
});
