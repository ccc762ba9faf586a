import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { REPO_ROOT } from '../../helpers/workspace.js';

/** The bundle files a module of dist/ loads (itself and every relative import, static or dynamic, followed), with their text. */
function moduleGraph(entry: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    const text = readFileSync(file, 'utf8');
    files.set(file, text);
    for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) visit(resolve(dirname(file), spec!));
  };
  visit(entry);
  return files;
}

/** Which of the container's packages the files hold (esbuild marks each bundled module with a `// node_modules/...` line). */
function containerPackages(files: Map<string, string>): string[] {
  const found = new Set<string>();
  for (const text of files.values()) for (const [, name] of text.matchAll(/^\/\/ node_modules\/(inversify|@inversifyjs\/[^/]+|reflect-metadata)\//gm)) found.add(name!);
  return [...found].sort();
}

// Each scan worker loads its own copy of what it imports, before the first input can go to it: the dependency-injection
// container (about 150 KB) cost every worker's start-up about 15 ms, for nothing it used (RowValidator).
describe('the scan worker bundle', () => {
  const dist = join(REPO_ROOT, 'dist');

  it('should load none of the dependency-injection container, which the CLI loads', function () {
    if (!existsSync(join(dist, 'engine', 'scanWorker.js'))) {
      console.log('      (skipped: no dist/ here; npm run build makes it, as npm test does)');
      this.skip();
    }
    expect(containerPackages(moduleGraph(join(dist, 'cli', 'main.js'))).length + containerPackages(moduleGraph(join(dist, 'index.js'))).length).to.be.greaterThan(0);
    expect(containerPackages(moduleGraph(join(dist, 'engine', 'scanWorker.js')))).to.deep.equal([]);
  });
});
