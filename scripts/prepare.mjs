// npm runs `prepare` after `npm install`/`npm ci` in a clone, and whenever npm
// links this folder as a package (npx, npm exec, a git dependency). Building
// every time rewrote dist/ under a running CLI or test run, so: build only when
// the output is missing (a fresh clone); `npm run build` (and `npm test`,
// `npm pack` through prepack) rebuild on purpose.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUTS = ['dist/cli/main.js', 'dist/index.js', 'build/src/index.d.ts'];

/** The newest modification time of a file under `dir`. */
function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) time = Math.max(time, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return time;
}

if (OUTPUTS.some((f) => !existsSync(f))) {
  console.log('prepare: no build yet, building (npm run build)');
  execSync('npm run build', { stdio: 'inherit' });
} else if (newest('src') > statSync('dist/cli/main.js').mtimeMs) {
  console.log('prepare: dist/ is older than src/ but is left alone (a CLI or test run may be using it); rebuild with: npm run build');
} else {
  console.log('prepare: dist/ is up to date, not rebuilding');
}

