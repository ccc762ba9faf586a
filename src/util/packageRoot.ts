import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding dropline's package.json, found from wherever this code
 * runs (the tsc output in build/ or the bundle in dist/), for the files the
 * package ships beside its code: templates/, tsconfig.user.json.
 */
export const PACKAGE_ROOT: string = (() => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'dropline-cli') return dir;
    if (dirname(dir) === dir) throw new Error('dropline-cli: cannot find its own package.json');
  }
})();
