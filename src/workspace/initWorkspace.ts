import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DroplineError } from '../errors/DroplineError.js';
import { PACKAGE_ROOT } from '../util/packageRoot.js';
import { isBlocked, planExamples } from './planExamples.js';

/** The example workspace shipped with dropline. */
const TEMPLATE = join(PACKAGE_ROOT, 'templates', 'workspace');
/** npm drops files named .gitignore from packages, so the template holds it as `gitignore`. */
const RENAMES: Record<string, string> = { gitignore: '.gitignore' };
const OWN = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string; peerDependencies?: Record<string, string> };
/** The optional packages team mode needs in a workspace. */
const TEAM_PACKAGES = ['pg', 'pg-boss'];
const OWN_NAME = OWN.name;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Copies the example workspace into `dir`: folders, two pipelines (CSV and a
 * custom JSON-lines source), sample drops. Never overwrites: files already
 * there are left alone and reported. Never writes into a folder a pipeline
 * already there reads or writes: an example that would is skipped (`skipped`:
 * name and why), so its sample rows cannot land in someone's table.
 */
export async function initWorkspace(
  dir: string,
  options: { team?: boolean } = {},
): Promise<{ written: string[]; kept: string[]; skipped: [string, string][]; commonJs: boolean; installed: boolean }> {
  const written: string[] = [];
  const kept: string[] = [];
  if (
    await stat(dir).then(
      (s) => !s.isDirectory(),
      () => false,
    )
  ) {
    throw new DroplineError('USAGE', `${dir} is a file, not a folder; init makes a workspace in a folder: give a new or an existing folder`, { file: dir });
  }
  const plan = await planExamples(TEMPLATE, dir, exists);
  const skippedFiles = new Set([...plan.skipped.keys()].map((name) => join(dir, 'pipelines', `${name}.yaml`)));
  const walk = async (from: string): Promise<void> => {
    for (const entry of await readdir(from, { withFileTypes: true })) {
      const source = join(from, entry.name);
      const rel = relative(TEMPLATE, source);
      const target = join(dir, relative(TEMPLATE, from), RENAMES[entry.name] ?? entry.name);
      if (entry.isDirectory()) {
        if (isBlocked(target, plan.blocked)) continue;
        await mkdir(target, { recursive: true });
        await walk(source);
      } else if (await exists(target)) kept.push(rel);
      else if (skippedFiles.has(target) || isBlocked(dirname(target), plan.blocked)) continue;
      else {
        if (rel === 'package.json') await writeFile(target, await workspaceManifest(source, options.team === true));
        else await copyFile(source, target);
        written.push(relative(dir, target));
      }
    }
  };
  await mkdir(dir, { recursive: true });
  await walk(TEMPLATE);
  for (const folder of ['output', 'snapshots']) await mkdir(join(dir, folder), { recursive: true });
  // User modules load as ES modules: say so when a package.json that was already there says otherwise.
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { type?: string };
  // npx runs a workspace's own dropline-cli only once it is installed there; otherwise it fetches the unrelated `dropline`.
  const installed = await exists(join(dir, 'node_modules', OWN_NAME));
  return { written: written.sort(), kept: kept.sort(), skipped: [...plan.skipped], commonJs: manifest.type !== 'module', installed };
}

/**
 * The template's package.json with dropline-cli as a dependency at this
 * version: once `npm install` ran, `npx dropline` in the workspace runs this
 * package, never the unrelated `dropline` on npm.
 */
async function workspaceManifest(template: string, team: boolean): Promise<string> {
  const manifest = JSON.parse(await readFile(template, 'utf8')) as Record<string, unknown>;
  // Team mode loads the catalog's client and the queue: optional packages of dropline-cli, so named here.
  const teamPackages = team ? Object.fromEntries(TEAM_PACKAGES.map((name) => [name, OWN.peerDependencies?.[name] ?? '*'])) : {};
  return JSON.stringify({ ...manifest, dependencies: { [OWN_NAME]: `^${OWN.version}`, ...teamPackages } }, null, 2) + '\n';
}
