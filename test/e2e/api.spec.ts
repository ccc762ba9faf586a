import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fencedBlocks, readPage, section } from '../helpers/docPages.js';
import { FIXTURE_DROP, REPO_ROOT, TestWorkspace } from '../helpers/workspace.js';

const PAGE = 'docs/api.md';
const ENTRY = join(REPO_ROOT, 'dist', 'index.js');

/** The names docs/api.md lists under "The exported names" (`- \`Name\`: what it is for`). */
function documentedNames(): string[] {
  return [...section(readPage(PAGE), 'The exported names').matchAll(/^- `(\w+)`:/gm)].map((m) => m[1]!);
}

/** The type-only names src/index.ts exports (`export type { A, B }` and `type C` inside `export { ... }`): they leave no trace at run time. */
function typeOnlyExports(): string[] {
  const source = readFileSync(join(REPO_ROOT, 'src', 'index.ts'), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const names: string[] = [];
  for (const [, typeOnly, list] of source.matchAll(/export (type )?\{([^}]*)\}/g)) {
    for (const item of list!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const m = /^(type\s+)?(\w+)(?:\s+as\s+(\w+))?$/.exec(item);
      if (!m) throw new Error(`src/index.ts: cannot read the export "${item}"`);
      if (typeOnly || m[1]) names.push(m[3] ?? m[2]!);
    }
  }
  return names;
}

describe('the public API (docs/api.md, the semver contract)', () => {
  it('should list every name the package exports, and no other', async () => {
    const documented = documentedNames();
    expect(new Set(documented).size, 'a name listed twice').to.equal(documented.length);
    const values = Object.keys((await import(pathToFileURL(ENTRY).href)) as Record<string, unknown>);
    const types = typeOnlyExports();
    expect(values, 'value exports of dist/index.js').to.include.members(['TOKENS', 'ContainerModule', 'injectable', 'inject', 'BaseSource']);
    expect(types, 'type-only exports of src/index.ts').to.include.members(['Source', 'Logger', 'SnapshotStore']);
    const actual = [...values, ...types];
    expect(
      documented.filter((n) => !actual.includes(n)),
      'listed in docs/api.md but not exported',
    ).to.deep.equal([]);
    expect(
      actual.filter((n) => !documented.includes(n)),
      'exported but not listed in docs/api.md',
    ).to.deep.equal([]);
  });

  it('should run the library example as shown, against the built package', () => {
    const example = fencedBlocks(section(readPage(PAGE), 'Using dropline as a library')).find((b) => b.lang === 'js');
    expect(example, 'a js block').not.to.equal(undefined);
    expect(example!.text).to.contain("from 'dropline-cli'");
    const ws = new TestWorkspace();
    try {
      ws.copyDrop(FIXTURE_DROP);
      ws.write('example.mjs', example!.text.replace("'dropline-cli'", JSON.stringify(pathToFileURL(ENTRY).href)));
      const r = spawnSync(process.execPath, ['example.mjs'], { cwd: ws.root, encoding: 'utf8' });
      expect(r.status, r.stderr).to.equal(0);
      const rows = ws.latest();
      expect(rows.length).to.be.greaterThan(0);
      const files = readdirSync(FIXTURE_DROP).length;
      expect(r.stdout.trim()).to.equal(`${files} files, ${rows.length} rows in output/latest.csv`);
      expect(ws.files('input/processed')).to.have.length(files);
    } finally {
      ws.remove();
    }
  });
});
