import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DroplineError, type ErrorCode } from './DroplineError.js';

type Errno = NodeJS.ErrnoException;

/** Operating-system errors that only a write can cause, whatever the call: no space, no quota, read-only. */
const ALWAYS_WRITE: Record<string, [ErrorCode, string]> = {
  ENOSPC: ['DISK_FULL', 'no space is left on the disk'],
  EDQUOT: ['DISK_FULL', 'the disk quota is used up'],
  EROFS: ['NOT_WRITABLE', 'the file system is read-only'],
};
/** Errors that mean "cannot write here" when the call was a write (they may mean "cannot read" elsewhere). */
const ON_WRITE: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted (an immutable folder, or a permission)',
  ENOTDIR: 'a file is in the way',
  EEXIST: 'a file is in the way',
  EISDIR: 'a folder stands where a file should be',
};
/** Calls that only write. */
const WRITE_CALLS = new Set(['mkdir', 'rename', 'copyfile', 'link', 'symlink', 'unlink', 'rmdir', 'write']);

function isErrno(err: unknown): err is Errno {
  return err instanceof Error && typeof (err as Errno).code === 'string';
}

/** The nearest existing ancestor of `path` that is a file, not a folder: what blocks creating `path`. */
function fileInTheWay(path: string): string | undefined {
  for (let p = path; p !== dirname(p); p = dirname(p)) {
    try {
      return statSync(p).isDirectory() ? undefined : p;
    } catch {
      // does not exist: look further up
    }
  }
  return undefined;
}

/**
 * The one mapping from an operating-system error to dropline's codes: a write
 * into `folder` that failed becomes DISK_FULL (ENOSPC, EDQUOT) or NOT_WRITABLE
 * (EACCES, EPERM, EROFS, a file where a folder should be) naming the folder and
 * what to do; any other error is returned as it was.
 */
export function writeError(err: unknown, folder: string | undefined): unknown {
  if (err instanceof DroplineError || !isErrno(err) || err.code === undefined) return err;
  const [code, why] = ALWAYS_WRITE[err.code] ?? (ON_WRITE[err.code] ? (['NOT_WRITABLE', ON_WRITE[err.code]] as const) : []);
  if (code === undefined) return err;
  const where = folder === undefined ? 'cannot write' : `cannot write in ${folder}`;
  const context = folder === undefined ? {} : { file: folder };
  if (code === 'DISK_FULL') return new DroplineError(code, `${where}: ${why} (${err.code}); free some space there and run again`, context, { cause: err });
  const blocker = folder !== undefined && (err.code === 'ENOTDIR' || err.code === 'EEXIST') ? fileInTheWay(folder) : undefined;
  const detail = blocker ? `${blocker} is a file, not a folder` : why;
  const fix = blocker
    ? 'move that file away, or choose another folder'
    : err.code === 'EISDIR'
      ? 'move that folder away, or choose another file name'
      : 'make the folder writable, or choose another folder';
  return new DroplineError(code, `${where}: ${detail} (${err.code}); ${fix}`, context, { cause: err });
}

/**
 * An operating-system error that reached the CLI unwrapped, mapped when it is
 * surely about writing: ENOSPC, EDQUOT and EROFS always; EACCES, EPERM,
 * ENOTDIR, EEXIST from a call that only writes (mkdir, rename...). For mkdir
 * the folder is the path itself, else the folder holding it.
 */
export function errnoToDroplineError(err: unknown): DroplineError | undefined {
  if (!isErrno(err) || err.code === undefined) return undefined;
  if (!ALWAYS_WRITE[err.code] && !WRITE_CALLS.has(err.syscall ?? '')) return undefined;
  const folder = typeof err.path !== 'string' ? undefined : err.syscall === 'mkdir' ? err.path : dirname(err.path);
  const mapped = writeError(err, folder);
  return mapped instanceof DroplineError ? mapped : undefined;
}
