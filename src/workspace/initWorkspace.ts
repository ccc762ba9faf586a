import { copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DroplineError } from '../errors/DroplineError.js';
import { PACKAGE_ROOT } from '../util/packageRoot.js';

/** The example workspace shipped with dropline. */
const TEMPLATE = join(PACKAGE_ROOT, 'templates', 'workspace');
/** npm drops files named .gitignore from packages, so the template holds it as `gitignore`. */
const RENAMES: Record<string, string> = { gitignore: '.gitignore' };

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Copies the example workspace into `dir`: folders, two pipelines (CSV and a
 * custom JSON-lines source), sample drops. Never overwrites: files already
 * there are left alone and reported.
 */
export async function initWorkspace(dir: string): Promise<{ written: string[]; kept: string[]; commonJs: boolean }> {
  const written: string[] = [];
  const kept: string[] = [];
  if (await stat(dir).then((s) => !s.isDirectory(), () => false)) {
    throw new DroplineError('USAGE', `${dir} is a file, not a folder; init makes a workspace in a folder: give a new or an existing folder`, { file: dir });
  }
  const walk = async (from: string): Promise<void> => {
    for (const entry of await readdir(from, { withFileTypes: true })) {
      const source = join(from, entry.name);
      const rel = relative(TEMPLATE, source);
      const target = join(dir, relative(TEMPLATE, from), RENAMES[entry.name] ?? entry.name);
      if (entry.isDirectory()) {
        await mkdir(target, { recursive: true });
        await walk(source);
      } else if (await exists(target)) kept.push(rel);
      else {
        await copyFile(source, target);
        written.push(relative(dir, target));
      }
    }
  };
  await mkdir(dir, { recursive: true });
  await walk(TEMPLATE);
  for (const folder of ['output', 'snapshots']) await mkdir(join(dir, folder), { recursive: true });
  // User modules load as ES modules: say so when a package.json that was already there says otherwise.
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { type?: string };
  return { written: written.sort(), kept: kept.sort(), commonJs: manifest.type !== 'module' };
}
