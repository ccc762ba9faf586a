import { expect } from 'chai';
import fs, { readdirSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { atomicWrite, atomicWriteSync } from '../../../src/util/atomicWrite.js';
import { moveFile } from '../../../src/util/moveFile.js';
import { expectDroplineError } from '../../helpers/expectError.js';
import { makeTempDir } from '../../helpers/tmp.js';

const enospc = (): Error => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

describe('atomicWrite', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  describe('when the disk is full', () => {
    const open = fs.promises.open;
    beforeEach(() => {
      // The write seam: every handle opened refuses its data the way a full disk does.
      fs.promises.open = (async (...args: Parameters<typeof open>) => {
        const handle = await open(...args);
        handle.writeFile = () => Promise.reject(enospc());
        return handle;
      }) as typeof open;
      syncBuiltinESMExports();
    });
    afterEach(() => {
      fs.promises.open = open;
      syncBuiltinESMExports();
    });

    it('should fail DISK_FULL naming the folder and leave no temp file', async () => {
      await expectDroplineError(() => atomicWrite(join(tmp.dir, 'latest.csv'), 'id\n'), {
        code: 'DISK_FULL',
        message: `cannot write in ${tmp.dir}: no space is left on the disk (ENOSPC); free some space there and run again`,
      });
      expect(readdirSync(tmp.dir)).to.deep.equal([]);
    });
  });

  describe('when a file stands where the folder should be', () => {
    it('should fail NOT_WRITABLE naming that file', async () => {
      fs.writeFileSync(join(tmp.dir, 'out'), 'a file');
      await expectDroplineError(() => atomicWrite(join(tmp.dir, 'out', 'latest.csv'), 'id\n'), {
        code: 'NOT_WRITABLE',
        message: `cannot write in ${join(tmp.dir, 'out')}: ${join(tmp.dir, 'out')} is a file, not a folder (ENOTDIR); move that file away, or choose another folder`,
      });
    });

    it('should fail the same way when written synchronously', async () => {
      fs.writeFileSync(join(tmp.dir, 'out'), 'a file');
      await expectDroplineError(() => atomicWriteSync(join(tmp.dir, 'out', 'state.json'), '{}'), { code: 'NOT_WRITABLE', message: /is a file, not a folder \(ENOTDIR\)/ });
    });
  });
});

describe('moveFile', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it('should fail NOT_WRITABLE naming the target folder when a file stands there', async () => {
    fs.writeFileSync(join(tmp.dir, 'a.csv'), 'id\n');
    fs.writeFileSync(join(tmp.dir, 'archive'), 'a file');
    await expectDroplineError(() => moveFile(join(tmp.dir, 'a.csv'), join(tmp.dir, 'archive', 'done')), {
      code: 'NOT_WRITABLE',
      message: `cannot write in ${join(tmp.dir, 'archive', 'done')}: ${join(tmp.dir, 'archive')} is a file, not a folder (ENOTDIR); move that file away, or choose another folder`,
    });
    expect(fs.existsSync(join(tmp.dir, 'a.csv'))).to.equal(true);
  });
});
