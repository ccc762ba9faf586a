import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../util/packageRoot.js';

/**
 * The parts of the page's script in `src/server/page/`, in the order they are
 * served: real files checked with `// @ts-check` and shipped as is (package.json
 * `files`). Top-level declarations only, until the last part's wiring starts
 * the page; the first declares the state the others use.
 */
export const PAGE_SCRIPT_PARTS: readonly string[] = ['pageBase.js', 'pageTimeline.js', 'pageHistory.js', 'pageBoard.js', 'pageViews.js'];

let script: string | undefined;

/**
 * The page's script at /page.js: its parts concatenated in order inside one
 * strict-mode function, so they share one scope (as the single file they were
 * split from did) and put nothing on `window`; one request, no modules, no
 * build step. Read once, on the first request.
 */
export function pageScript(): string {
  script ??= `'use strict';\n(function () {\n${PAGE_SCRIPT_PARTS.map((part) => readFileSync(join(PACKAGE_ROOT, 'src', 'server', 'page', part), 'utf8')).join('\n')}})();\n`;
  return script;
}
