import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { identityOf, SETTLED_MS } from '../../../src/util/FileIdentity.js';
import { readRecorded } from '../../../src/util/readRecorded.js';
import { sha256 } from '../../../src/util/sha256.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe('readRecorded', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let old: string;
  before(async function () {
    this.timeout(SETTLED_MS + 5_000);
    tmp = makeTempDir();
    old = join(tmp.dir, 'old.csv');
    writeFileSync(old, 'id\n1\n');
    // A file left alone as long as a settled input must be.
    await new Promise((resolve) => setTimeout(resolve, SETTLED_MS + 200));
  });
  after(() => tmp.remove());

  it('should record the size, the SHA-256 and the inode of a file left alone before the read, its clock read before it was opened', async () => {
    const { bytes, readAs } = await readRecorded(Buffer.from(old), true);
    expect(bytes.toString()).to.equal('id\n1\n');
    expect(readAs).to.deep.equal({ size: 5, sha256: sha256('id\n1\n'), settled: identityOf(statSync(old, { bigint: true })) });
  });

  it('should record no inode for a file just written: it is hashed again before it is archived', async () => {
    const young = join(tmp.dir, 'young.csv');
    writeFileSync(young, 'id\n2\n');
    expect((await readRecorded(Buffer.from(young), true)).readAs).to.deep.equal({ size: 5, sha256: sha256('id\n2\n'), settled: undefined });
  });

  it('should record no inode where the file system is not trusted to keep a true ctime', async () => {
    expect((await readRecorded(Buffer.from(old), false)).readAs.settled).to.equal(undefined);
  });
});
