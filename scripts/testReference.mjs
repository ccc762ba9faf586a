// `npm run test:reference`: the built end-to-end and integration specs again, with DROPLINE_ENGINE=reference,
// so every end-to-end test runs under both engines (`npm test` runs them under the default, auto). The CLI
// the e2e specs spawn inherits the variable. It does not build: run it after `npm test` (as .ci/run does) or
// `npm run build`. The differential spec is left out: it chooses both engines itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

if (!existsSync('build/test/e2e') || !existsSync('dist/cli/main.js')) {
  console.error('test:reference runs the built specs: run `npm run build` (or `npm test`) first');
  process.exit(1);
}
const mocha = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const args = ['--no-config', '--timeout', '60000', '--reporter', 'spec', '--ignore', 'build/test/integration/engineDifferential.spec.js'];
const specs = ['build/test/e2e/**/*.spec.js', 'build/test/integration/**/*.spec.js'];
const result = spawnSync(process.execPath, [mocha, ...args, ...specs, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DROPLINE_ENGINE: 'reference' },
});
process.exit(result.status ?? 1);
