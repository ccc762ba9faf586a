import { expect } from 'chai';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../helpers/command.js';
import { makeTempDir } from '../helpers/tmp.js';
import { REPO_ROOT } from '../helpers/workspace.js';

/** What identifies this build of the CLI: a rebuild deletes dist/ and writes a new file. */
const built = (): { ino: number; mtimeMs: number } => {
  const { ino, mtimeMs } = statSync(join(REPO_ROOT, 'dist', 'cli', 'main.js'));
  return { ino, mtimeMs };
};

const inClone = (command: string, args: string[]) => runCommand(command, args, REPO_ROOT, 120_000);

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
