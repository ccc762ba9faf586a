import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest folder holding `pipelines/`, from `start` upwards (as git finds `.git`); undefined when there is none. */
export function findWorkspaceRoot(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (statSync(join(dir, 'pipelines'), { throwIfNoEntry: false })?.isDirectory()) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
