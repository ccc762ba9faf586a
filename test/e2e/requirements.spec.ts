import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/workspace.js';

const MOCHA = join(REPO_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
/** Nothing this machine has: the browser, the PostgreSQL binaries and the seed data all point nowhere. */
const NOTHING = { DROPLINE_TEST_CHROMIUM: '/nonexistent/chromium', DROPLINE_TEST_PG_BIN: '/nonexistent/pg', DROPLINE_TEST_SEED_DATA: '/nonexistent/seed-data' };

/** Runs built spec files in their own mocha, as `npm test` would on a machine without them. */
function mocha(specs: string[], env: Record<string, string>): { code: number; out: string } {
  const clean: NodeJS.ProcessEnv = { ...process.env, ...NOTHING, ...env };
  delete clean.DATABASE_URL;
  if (!('CI' in env)) delete clean.CI;
  const r = spawnSync(
    process.execPath,
    [MOCHA, '--no-config', '--reporter', 'spec', '--no-color', '--timeout', '60000', ...specs.map((s) => join(REPO_ROOT, 'build', 'test', s))],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: clean,
    },
  );
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

describe('tests that need something outside the repository (end to end)', function () {
  this.timeout(180_000);
  const specs = ['e2e/page.spec.js', 'integration/PostgresSink.spec.js', 'unit/csv/parseCsvFast.spec.js'];

  describe('when neither Chromium, PostgreSQL nor the seed data is there, outside CI', () => {
    let run: { code: number; out: string };
    before(() => (run = mocha(specs, {})));

    it('should pass, running everything else', () => {
      expect(run.code, run.out).to.equal(0);
      expect(run.out).to.match(/\d+ passing/);
      expect(run.out).to.match(/should agree with csv-parse on data_2021-06-30\.csv/);
    });

    it('should print one line per skipped group saying what to install', () => {
      expect(run.out).to.contain("skipped, needs headless Chromium: no browser at /nonexistent/chromium: install Debian's chromium package (apt-get install chromium)");
      expect(run.out).to.contain(
        'skipped, needs PostgreSQL: no initdb and pg_ctl in DROPLINE_TEST_PG_BIN=/nonexistent/pg: install the Debian postgresql package (apt-get install postgresql)',
      );
      expect(run.out).to.contain('skipped, needs the original demo files: /nonexistent/seed-data does not exist');
      expect(run.out).to.match(/3 pending/);
    });
  });

  describe('when they are missing in CI (CI=true)', () => {
    it('should fail the browser and database tests, naming what to install, and still only skip the seed data', () => {
      const run = mocha(specs, { CI: 'true' });
      expect(run.code).to.equal(2);
      expect(run.out).to.match(/2 failing/);
      expect(run.out).to.contain('needs headless Chromium');
      expect(run.out).to.contain(
        "no browser at /nonexistent/chromium: install Debian's chromium package (apt-get install chromium) or set DROPLINE_TEST_CHROMIUM to one (CI=true: these tests are required, not skipped)",
      );
      expect(run.out).to.contain('no initdb and pg_ctl in DROPLINE_TEST_PG_BIN=/nonexistent/pg');
      expect(run.out).to.match(/1 pending/);
    });
  });
});
