import type { Dirent } from 'node:fs';
import { lstat, readdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { isTempName } from '../util/atomicWrite.js';
import { fileNameText } from '../util/fileNameText.js';
import { pathIn } from '../util/moveFile.js';
import type { IgnoredInput } from './Source.js';

/** What a drop folder holds: the names to read, in file-name order, and the rest with why. */
export interface DropScan {
  names: string[];
  /** Each offered name's bytes as the filesystem has them (a name that is not UTF-8 is shown as `caf\xe9.csv`). */
  raw: Map<string, Buffer>;
  ignored: IgnoredInput[];
}

export interface DropRules {
  /** Whether a regular, visible file's name is one to read. */
  accepts(name: string): boolean;
  /** Why a name `accepts` refused is not read. */
  mismatch(name: string): string;
  /** Links are never followed; one whose target leaves this folder is said to. */
  workspaceRoot: string;
  /** dropline's own folders (archive, quarantine) when they sit inside the drop: passed over in silence. */
  own?: ReadonlySet<string>;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Lists a drop folder without reading into it. Regular files the rules accept
 * are offered; everything else is reported: hidden files (a leading dot: often
 * an upload still being written), folders (not read into), symbolic links
 * (never followed) and names the pattern does not match. dropline's own temp
 * files and folders are passed over in silence: never inputs, nor anyone's concern.
 */
export async function scanDrop(dir: string, rules: DropRules): Promise<DropScan> {
  // Names are read as bytes, so a name that is not UTF-8 is neither lost nor mangled.
  const entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  const root = await realpath(rules.workspaceRoot).catch(() => rules.workspaceRoot);
  const names: string[] = [];
  const raw = new Map<string, Buffer>();
  const ignored: IgnoredInput[] = [];
  for (const entry of entries) {
    const name = fileNameText(entry.name);
    if (isTempName(name) || rules.own?.has(join(dir, name))) continue;
    const reason = await whyNotRead(entry, name, pathIn(dir, entry.name), root, rules);
    if (reason !== null) ignored.push({ file: name, reason });
    else {
      names.push(name);
      raw.set(name, entry.name);
    }
  }
  return { names: names.sort(byCodePoint), raw, ignored: ignored.sort((a, b) => byCodePoint(a.file, b.file)) };
}

async function whyNotRead(entry: Dirent<Buffer>, name: string, path: Buffer, root: string, rules: DropRules): Promise<string | null> {
  if (name.startsWith('.')) return 'hidden file';
  // Some filesystems do not give the type in the listing.
  const kind = entry.isFile() || entry.isDirectory() || entry.isSymbolicLink() ? entry : await lstat(path);
  if (kind.isSymbolicLink()) return linkReason(path, root);
  if (kind.isDirectory()) return 'a folder';
  if (!kind.isFile()) return 'not a regular file';
  return rules.accepts(name) ? null : rules.mismatch(name);
}

async function linkReason(path: Buffer, root: string): Promise<string> {
  let target: string;
  try {
    target = await realpath(path, 'utf8');
  } catch {
    return 'broken symbolic link';
  }
  const rel = relative(root, target);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return 'symbolic link to a path outside the workspace';
  return `symbolic link to ${rel.split(sep).join('/') || '.'} (links are not followed; put the file itself in the drop)`;
}
