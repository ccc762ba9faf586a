import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errnoToDroplineError, writeError } from '../../../src/errors/writeError.js';
import { expectDroplineError } from '../../helpers/expectError.js';
import { makeTempDir } from '../../helpers/tmp.js';

/** An error shaped as node's fs functions make them. */
function errno(code: string, syscall: string, path?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, ${syscall}${path ? ` '${path}'` : ''}`), { code, errno: -1, syscall, ...(path ? { path } : {}) });
}

describe('writeError', () => {
  const cases: [string, string, string][] = [
    ['ENOSPC', 'DISK_FULL', 'cannot write in /data/out: no space is left on the disk (ENOSPC); free some space there and run again'],
    ['EDQUOT', 'DISK_FULL', 'cannot write in /data/out: the disk quota is used up (EDQUOT); free some space there and run again'],
    ['EACCES', 'NOT_WRITABLE', 'cannot write in /data/out: permission denied (EACCES); make the folder writable, or choose another folder'],
    ['EROFS', 'NOT_WRITABLE', 'cannot write in /data/out: the file system is read-only (EROFS); make the folder writable, or choose another folder'],
    ['EISDIR', 'NOT_WRITABLE', 'cannot write in /data/out: a folder stands where a file should be (EISDIR); move that folder away, or choose another file name'],
    [
      'EPERM',
      'NOT_WRITABLE',
      'cannot write in /data/out: the operation is not permitted (an immutable folder, or a permission) (EPERM); make the folder writable, or choose another folder',
    ],
  ];
  for (const [code, expected, message] of cases) {
    it(`should map ${code} on a write into /data/out to ${expected}`, async () => {
      const error = await expectDroplineError(
        () => {
          throw writeError(errno(code, 'open', '/data/out/.x.tmp'), '/data/out');
        },
        { code: expected, message },
      );
      expect(error.context.file).to.equal('/data/out');
      expect((error.cause as Error).message).to.contain(code);
    });
  }

  it('should name the file that stands where a folder should be', async () => {
    const tmp = makeTempDir();
    try {
      writeFileSync(join(tmp.dir, 'out'), 'a file');
      await expectDroplineError(
        () => {
          throw writeError(errno('ENOTDIR', 'mkdir', join(tmp.dir, 'out', 'logs')), join(tmp.dir, 'out', 'logs'));
        },
        {
          code: 'NOT_WRITABLE',
          message: `cannot write in ${join(tmp.dir, 'out', 'logs')}: ${join(tmp.dir, 'out')} is a file, not a folder (ENOTDIR); move that file away, or choose another folder`,
        },
      );
    } finally {
      tmp.remove();
    }
  });

  it('should return any other error as it was', () => {
    const other = errno('ENOENT', 'open', '/data/out/x');
    expect(writeError(other, '/data/out')).to.equal(other);
    const plain = new Error('not an errno');
    expect(writeError(plain, '/data/out')).to.equal(plain);
  });
});

describe('errnoToDroplineError', () => {
  it('should map ENOSPC from any call, even without a path', () => {
    expect(errnoToDroplineError(errno('ENOSPC', 'write'))?.message).to.equal('cannot write: no space is left on the disk (ENOSPC); free some space there and run again');
  });

  it('should take the folder a mkdir was making as the folder', () => {
    expect(errnoToDroplineError(errno('EACCES', 'mkdir', '/data/out'))?.context.file).to.equal('/data/out');
  });

  it('should take the folder holding a renamed file as the folder', () => {
    expect(errnoToDroplineError(errno('EACCES', 'rename', '/data/out/a.csv'))?.context.file).to.equal('/data/out');
  });

  it('should leave EACCES from open alone: it may be a read', () => {
    expect(errnoToDroplineError(errno('EACCES', 'open', '/data/in/a.csv'))).to.equal(undefined);
  });
});
