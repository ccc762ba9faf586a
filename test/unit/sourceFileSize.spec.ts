import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../helpers/workspace.js';

const MOST_LINES = 250;

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

describe('src/', () => {
  it(`should hold no file over ${MOST_LINES} lines (a longer file is two ideas: split it by concern)`, () => {
    const src = join(REPO_ROOT, 'src');
    const long = filesUnder(src)
      .map((file) => `${relative(REPO_ROOT, file)}: ${readFileSync(file, 'utf8').split('\n').length - 1} lines`)
      .filter((line) => Number(/: (\d+) lines$/.exec(line)![1]) > MOST_LINES);
    expect(long).to.deep.equal([]);
  });
});
