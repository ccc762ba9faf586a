// Builds dist/ (and build/) when they are missing: run by `npm install` and
// `npm ci` in a clone, as `postprepare`, so `npm install && npm start` works on
// a fresh clone. Never when they are there: a rebuild rewrites dist/ under any
// CLI or test run using it. `npm run build` (and `npm test`, and `npm pack`
// through prepack) rebuild on purpose.
//
// Why postprepare and not prepare: npm runs a package's `prepare` whenever it
// links the folder as a package (`npx dropline` inside the clone does: that
// rebuilt dist/ under a running test), and npm 11 lists a published package's
// `prepare` among the install scripts every user is asked to approve.
// `postprepare` runs only for `npm install`/`npm ci` in this folder itself.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUTS = ['dist/cli/main.js', 'dist/index.js', 'types/index.d.ts', 'schema/pipeline.schema.json'];

/** The newest modification time of a file under `dir`. */
function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) time = Math.max(time, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return time;
}

if (OUTPUTS.some((f) => !existsSync(f))) {
  console.log('dist/ is missing: building it (npm run build)');
  execSync('npm run build', { stdio: 'inherit' });
} else if (newest('src') > statSync('dist/cli/main.js').mtimeMs) {
  console.log('dist/ is older than src/ and left alone (a CLI or test run may be using it): npm run build rebuilds it');
} else {
  console.log('dist/ is up to date: not rebuilt');
}
