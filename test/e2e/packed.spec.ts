import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { runCommand as sh, type CommandResult as Ran } from '../helpers/command.js';
import { makeTempDir } from '../helpers/tmp.js';
import { demoYaml, REPO_ROOT } from '../helpers/workspace.js';

const OWN = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
/** Keep the install small and quick: the npm cache first, no audit, no funding notes. */
const NPM_QUIET = ['--prefer-offline', '--no-audit', '--no-fund'];

/** `npx --no dropline ...`: runs the workspace's installed command, never one fetched from the registry. */
const dropline = (cwd: string, ...args: string[]): Ran => sh('npx', ['--no', 'dropline', ...args], cwd);

/**
 * The package as users get it: `npm pack` (of the dist/ that `npm test` just built), installed into an
 * empty folder, then the workspace `init` scaffolds is run with the command the docs give.
 */
describe('the packed package, installed into an empty folder (end to end)', function () {
  this.timeout(600_000);
  let tmp: { dir: string; remove: () => void };
  let ws: string;
  let install: Ran;

  before(() => {
    tmp = makeTempDir('dropline-packed-');
    // --ignore-scripts: prepack would rebuild dist/ under the tests running beside this one.
    const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp.dir], REPO_ROOT);
    expect(pack.code, pack.stderr).to.equal(0);
    const tarball = join(tmp.dir, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
    ws = join(tmp.dir, 'ws');
    mkdirSync(ws);
    writeFileSync(join(ws, 'package.json'), JSON.stringify({ name: 'ws', private: true, type: 'module' }));
    install = sh('npm', ['install', ...NPM_QUIET, tarball], ws);
    expect(install.code, install.stderr).to.equal(0);
  });
  after(() => tmp?.remove());

  const write = (relative: string, content: string | Buffer): void => {
    mkdirSync(dirname(join(ws, relative)), { recursive: true });
    writeFileSync(join(ws, relative), content);
  };

  it('should ask users to approve no install script of its own (npm 11 lists them)', () => {
    expect(install.stderr).not.to.match(/dropline-cli@[^\n]*\((pre|post)?(install|prepare):/);
  });

  it('should install none of the optional packages, and tsx (which loads .ts sources) as a dependency', () => {
    for (const name of ['exceljs', 'better-sqlite3', 'pg']) expect(existsSync(join(ws, 'node_modules', name)), name).to.equal(false);
    expect(existsSync(join(ws, 'node_modules', 'tsx', 'package.json'))).to.equal(true);
  });

  it('should scaffold a workspace with init and run every pipeline it wrote, the .ts custom source included', () => {
    const init = dropline(ws, 'init');
    expect(init.code, init.stderr).to.equal(0);
    expect(init.stdout).not.to.contain('npm install dropline-cli');
    const pipelines = JSON.parse(dropline(ws, 'list', '--json').stdout) as { name: string }[];
    expect(pipelines.map((p) => p.name).sort()).to.deep.equal(['events', 'example']);
    for (const { name } of pipelines) {
      const run = dropline(ws, 'run', name, '--json');
      expect(run.code, `${name}: ${run.stderr}`).to.equal(0);
      const summary = JSON.parse(run.stdout) as { files: { processed: number; quarantined: number }; latest: { rows: number } };
      expect(summary.files.quarantined, name).to.equal(0);
      expect(summary.files.processed, name).to.be.greaterThan(0);
      expect(summary.latest.rows, name).to.be.greaterThan(0);
    }
  });

  it('should write, in a new folder, a package.json that depends on dropline-cli and say to install it', () => {
    const init = dropline(ws, 'init', 'other');
    expect(init.code, init.stderr).to.equal(0);
    const manifest = JSON.parse(readFileSync(join(ws, 'other', 'package.json'), 'utf8')) as { type: string; dependencies: Record<string, string> };
    expect(manifest).to.deep.include({ type: 'module', dependencies: { [OWN.name]: `^${OWN.version}` } });
    expect(init.stdout).to.contain(`npm install dropline-cli --prefix ${join(ws, 'other')}`);
  });

  const missing: [string, Record<string, unknown>, string][] = [
    [
      'the xlsx source',
      { source: { type: 'xlsx', path: 'input/books', archive: 'input/books-done', pattern: '*.xlsx' } },
      'error[MISSING_PACKAGE]: the xlsx source needs exceljs: npm install exceljs',
    ],
    ['the sqlite sink', { sinks: [{ type: 'sqlite' }] }, 'error[MISSING_PACKAGE]: the sqlite sink needs better-sqlite3: npm install better-sqlite3'],
    [
      'the postgres sink',
      { sinks: [{ type: 'postgres', options: { url: 'postgres://dropline@127.0.0.1:1/db' } }] },
      'error[MISSING_PACKAGE]: the postgres sink needs pg: npm install pg',
    ],
  ];
  for (const [feature, overrides, line] of missing) {
    it(`should refuse ${feature} with one line naming the package to install, and change nothing`, () => {
      const name = `needs-${feature.split(' ')[1]}`;
      // Each pipeline its own drop and archive: pipelines that share folders are refused before anything else.
      const source = { path: `input/${name}`, archive: `input/${name}-done`, ...(overrides.source as object | undefined) };
      write(`pipelines/${name}.yaml`, stringify({ ...demoYaml({ ...overrides, source, output: { path: `output/${name}.csv` } }), name }));
      write('input/books/clients.xlsx', 'a workbook');
      write(`input/${name}/data_2021-09-01.csv`, 'id,description,timestamp\na,x,2021-09-01\n');
      const run = dropline(ws, 'run', name);
      expect(run.code).to.equal(1);
      expect(run.stderr.trim()).to.equal(line);
      expect(existsSync(join(ws, 'output', `${name}.csv`))).to.equal(false);
      expect(existsSync(join(ws, 'input', 'books', 'clients.xlsx'))).to.equal(true);
    });
  }
});
