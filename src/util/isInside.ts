import { isAbsolute, relative } from 'node:path';

/** Whether absolute path `child` is strictly below folder `parent` (not equal to it). */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
