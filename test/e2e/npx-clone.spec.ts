import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../helpers/tmp.js';
import { REPO_ROOT } from '../helpers/workspace.js';

/** What identifies this build of the CLI: a rebuild deletes dist/ and writes a new file. */
const built = (): { ino: number; mtimeMs: number } => {
  const { ino, mtimeMs } = statSync(join(REPO_ROOT, 'dist', 'cli', 'main.js'));
  return { ino, mtimeMs };
};

function inClone(command: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k]; // not the settings of the `npm test` running this
  const r = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('running the CLI inside the clone (end to end)', function () {
  this.timeout(180_000);

  it('should run this checkout with npx dropline, and never rebuild dist/ (a test run may be using it)', () => {
    // A cache of its own: npx links the clone (running its lifecycle scripts) only the first time it sees it.
    const cache = makeTempDir('dropline-npx-cache-');
    try {
      const before = built();
      const r = inClone('npx', ['--cache', cache.dir, '--offline', 'dropline', 'list', '--json']);
      expect(r.code, r.stderr).to.equal(0);
      expect((JSON.parse(r.stdout) as { name: string }[]).map((p) => p.name)).to.include('demo');
      expect(built()).to.deep.equal(before);
    } finally {
      cache.remove();
    }
  });

  it('should leave an existing dist/ alone on npm install (postprepare builds only a missing one)', () => {
    const before = built();
    const r = inClone('npm', ['run', 'postprepare']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/dist\/ is (up to date: not rebuilt|older than src\/ and left alone)/);
    expect(built()).to.deep.equal(before);
  });
});
