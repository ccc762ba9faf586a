import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../util/packageRoot.js';

let script: string | undefined;

/**
 * The page's script: `src/server/page/page.js`, a real file checked with
 * `// @ts-check` and shipped as is (package.json `files`), read once on the
 * first request for /page.js.
 */
export function pageScript(): string {
  script ??= readFileSync(join(PACKAGE_ROOT, 'src', 'server', 'page', 'page.js'), 'utf8');
  return script;
}
