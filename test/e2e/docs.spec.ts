import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { parse } from 'yaml';
import { readWorkspaceAlerts } from '../../src/alerts/workspaceAlerts.js';
import { parseDefinition } from '../../src/definition/parseDefinition.js';
import { DroplineError, type ErrorCode } from '../../src/errors/DroplineError.js';
import { readTeamConfig } from '../../src/team/TeamConfig.js';
import { anchors, docPages, fencedBlocks, prose, readPage, relativeLinks, section } from '../helpers/docPages.js';
import { runWorkedExample } from '../helpers/workedExample.js';
import { demoYaml, REPO_ROOT, TestWorkspace } from '../helpers/workspace.js';

const pages = docPages();

function yamlBlocks(page: string): string[] {
  return fencedBlocks(readPage(page))
    .filter((b) => b.lang === 'yaml')
    .map((b) => b.text);
}

/** Every key path of a JSON value's objects (`files.processed`), arrays and scalars being leaves. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [prefix + k, ...keyPaths(v, `${prefix}${k}.`)]);
}

/** The members of the `ErrorCode` union, read from its source file (comments left out), in order. */
function errorCodes(): ErrorCode[] {
  const source = readFileSync(join(REPO_ROOT, 'src', 'errors', 'DroplineError.ts'), 'utf8');
  const union = /export type ErrorCode =([\s\S]*?);/.exec(source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))![1]!;
  return [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]! as ErrorCode);
}

/** The rows of docs/cli.md's error-code table: each `CODE` with the exit code it states. */
function documentedErrorCodes(): [string, number][] {
  const rows = section(readPage('docs/cli.md'), 'Exit codes and errors')
    .split('\n')
    .filter((l) => /^\| `[A-Z_]+` \|/.test(l))
    .map((l) => l.split('|').map((cell) => cell.trim()));
  return rows.map(([, code, exit]) => [code!.replace(/`/g, ''), Number(exit)]);
}

describe('the documentation (README.md and docs/*.md)', () => {
  it('should have pages to check', () => {
    expect(pages).to.include.members(['README.md', 'docs/definitions.md', 'docs/validation.md', 'docs/architecture.md']);
  });

  it('should show definition examples and fragments that dropline accepts', () => {
    let whole = 0;
    for (const page of pages) {
      for (const text of yamlBlocks(page).filter((t) => !t.startsWith('# pipelines/') && !t.startsWith('# dropline.yaml'))) {
        const doc = parse(text) as Record<string, unknown>;
        // A block without `name:` is a part of a definition: it must fit into a whole one.
        const definition = 'name' in doc ? doc : demoYaml(doc);
        if ('name' in doc) whole++;
        expect(() => parseDefinition(definition, page, page), `${page}:\n${text}`).not.to.throw();
      }
    }
    expect(whole, 'a whole definition example').to.be.greaterThan(0);
  });

  it('should show workspace settings (`# dropline.yaml`) that dropline accepts', () => {
    const blocks = pages.flatMap((page) => yamlBlocks(page).filter((t) => t.startsWith('# dropline.yaml')));
    expect(blocks, 'a dropline.yaml example').to.have.length.greaterThan(0);
    for (const text of blocks) {
      const root = mkdtempSync(join(tmpdir(), 'dropline-docs-yaml-'));
      try {
        writeFileSync(join(root, 'dropline.yaml'), text);
        expect(readTeamConfig(root) !== null || readWorkspaceAlerts(root).length > 0, text).to.equal(true);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  });

  it('should show definition files (`# pipelines/...`) that resolve as the text says', () => {
    const files = new Map<string, { page: string; text: string }>();
    for (const page of pages) {
      for (const text of yamlBlocks(page).filter((t) => t.startsWith('# pipelines/'))) {
        const path = /^# (pipelines\/\S+\.yaml)/.exec(text)![1]!;
        const other = files.get(path);
        expect(other === undefined || other.text === text, `${path} is shown differently in ${other?.page} and ${page}`).to.equal(true);
        files.set(path, { page, text });
      }
    }
    expect(files.size).to.be.greaterThan(3);
    const ws = new TestWorkspace({});
    try {
      for (const [path, { text }] of files) ws.write(path, text);
      for (const [path, { page, text }] of files) {
        if (/^template: true/m.test(text)) continue;
        const name = path.replace(/^pipelines\//, '').replace(/\.yaml$/, '');
        const r = ws.cli('show-definition', name);
        expect(r.code, `${page}: ${r.stderr}`).to.equal(0);
        expect(r.stdout).not.to.contain('${');
      }
    } finally {
      ws.remove();
    }
  });

  it('should link only to files and headings that exist', () => {
    let checked = 0;
    for (const page of pages) {
      for (const link of relativeLinks(readPage(page))) {
        const [file, anchor] = link.split('#') as [string, string | undefined];
        const target = file === '' ? page : normalize(join(dirname(page), file));
        expect(existsSync(join(REPO_ROOT, target)), `${page} links to ${link}: no ${target}`).to.equal(true);
        if (anchor !== undefined) {
          expect(target.endsWith('.md'), `${page} links to ${link}`).to.equal(true);
          expect([...anchors(readPage(target))], `${page} links to ${link}: no such heading in ${target}`).to.include(anchor);
        }
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(20);
  });

  it('should link every docs page from the README or the docs index', () => {
    const linked = new Set(['README.md', 'docs/README.md'].flatMap((page) => relativeLinks(readPage(page)).map((l) => normalize(join(dirname(page), l.split('#')[0]!)))));
    for (const page of pages) if (page !== 'README.md') expect([...linked], `nothing links to ${page}`).to.include(page);
  });

  it('should name only src/ paths that exist', () => {
    for (const page of pages) {
      for (const [, path] of prose(readPage(page)).matchAll(/`(src\/[^`\s]*)`/g)) {
        expect(existsSync(join(REPO_ROOT, path!)), `${page} names ${path}, which does not exist`).to.equal(true);
      }
    }
  });

  it('should tour every folder under src/ (docs/architecture.md)', () => {
    const tour = readPage('docs/architecture.md');
    const folders = readdirSync(join(REPO_ROOT, 'src')).filter((n) => statSync(join(REPO_ROOT, 'src', n)).isDirectory());
    expect(folders.length).to.be.greaterThan(5);
    for (const folder of folders) expect(tour, `docs/architecture.md does not say what src/${folder}/ owns`).to.contain(`\`src/${folder}/\``);
  });

  it('should show a run summary with the keys `run --json` prints (docs/cli.md)', () => {
    const example = fencedBlocks(section(readPage('docs/cli.md'), 'The run summary')).find((b) => b.lang === 'json');
    const documented = JSON.parse(example!.text) as unknown;
    const ws = new TestWorkspace();
    try {
      const { summary } = ws.run();
      expect(keyPaths(documented).sort()).to.deep.equal(keyPaths(summary).sort());
    } finally {
      ws.remove();
    }
  });

  it('should list every error code with its exit code, and no other (docs/cli.md)', () => {
    const codes = errorCodes();
    expect(codes).to.include.members(['DEFINITION_INVALID', 'SINK_FAILED', 'INTERNAL']);
    const documented = documentedErrorCodes();
    expect(documented.map(([code]) => code).sort(), 'the codes in the table of "Exit codes and errors"').to.deep.equal([...codes].sort());
    for (const [code, exit] of documented) expect(exit, `the exit code of ${code}`).to.equal(new DroplineError(code as ErrorCode, '').exitCode);
  });

  it('should show the definition error dropline prints (docs/definitions.md)', () => {
    const shown = fencedBlocks(readPage('docs/definitions.md')).find((b) => b.text.startsWith('error[DEFINITION_INVALID]'));
    const ws = new TestWorkspace({ demo: { ...demoYaml(), source: { typ: 'directory' } } });
    try {
      const r = ws.cli('show-definition', 'demo');
      expect(r.code).to.equal(2);
      expect(r.stderr.trim()).to.equal(shown!.text.trim());
    } finally {
      ws.remove();
    }
  });

  it('should run the worked example of docs/validation.md as shown', () => {
    const checks = runWorkedExample(section(readPage('docs/validation.md'), 'A worked example'));
    expect(checks.map((c) => c.what)).to.deep.equal([
      'the output of npx dropline validate shop',
      'output/shop.csv',
      'output/rejects/20261129T110943015Z.csv',
      'input/quarantine/prices_2021-03-03.csv.error.json',
    ]);
    for (const c of checks) expect(c.actual, c.what).to.equal(c.expected);
  });

  it('should run the example of fixing rejected rows in docs/validation.md as shown', () => {
    const checks = runWorkedExample(section(readPage('docs/validation.md'), 'Fixing rejected rows'), ['./fix.csv']);
    expect(checks.map((c) => c.what)).to.deep.equal([
      'the output of npx dropline rejects list shop',
      'the output of npx dropline rejects export shop --open',
      'the output of npx dropline replay shop fix.csv',
      'the output of npx dropline rejects list shop',
    ]);
    for (const c of checks) expect(c.actual, c.what).to.equal(c.expected);
  });

  it('should state the figures bench/results holds (docs/performance.md)', () => {
    const page = readPage('docs/performance.md');
    // A figure may be written rounded (208.37 s as 208 s): it matches when the value rounds to it.
    const states = (unit: string, value: number) =>
      [...page.matchAll(new RegExp(`\\| ([\\d.]+) ${unit} \\|`, 'g'))].some(([, text]) => {
        const decimals = text!.split('.')[1]?.length ?? 0;
        return Number(value.toFixed(decimals)) === Number(text);
      });
    for (const file of ['latest.json', '10m.json']) {
      const bench = JSON.parse(readFileSync(join(REPO_ROOT, 'bench', 'results', file), 'utf8')) as {
        results: { name: string; dropline: { wallSeconds: number; peakRssMb: number }; duckdb: { wallSeconds: number } | null }[];
      };
      for (const r of bench.results) {
        const what = `${file}, ${r.name}`;
        // A case that failed has no time, a sink's publish no peak RSS (null in JSON): nothing to state.
        if (r.dropline.wallSeconds !== null) expect(states('s', r.dropline.wallSeconds), `${what}: dropline's time ${r.dropline.wallSeconds} s`).to.equal(true);
        if (r.dropline.peakRssMb !== null) expect(states('MB', r.dropline.peakRssMb), `${what}: peak RSS ${r.dropline.peakRssMb} MB`).to.equal(true);
        if (r.duckdb) expect(states('s', r.duckdb.wallSeconds), `${what}: DuckDB's time ${r.duckdb.wallSeconds} s`).to.equal(true);
      }
    }
  });

  it('should show the measured table bench/results/scaling-10000000.json holds (docs/scaling.md)', () => {
    const page = readPage('docs/scaling.md');
    const bench = JSON.parse(readFileSync(join(REPO_ROOT, 'bench', 'results', 'scaling-10000000.json'), 'utf8')) as {
      table: [string, string, string][];
      comparisons: Record<string, { differing: number }>;
    };
    expect(bench.table.length).to.be.greaterThan(5);
    for (const [step, time, notes] of bench.table) expect(page, `docs/scaling.md: the row "${step}"`).to.contain(`| ${step} | ${time} | ${notes} |`);
    // The page says the exported latest.csv is dropline's, byte for byte: the measurement must say so too.
    expect(Object.values(bench.comparisons).map((c) => c.differing)).to.deep.equal([0, 0]);
  });

  it("should quote, in the README's performance line, only figures bench/results holds", () => {
    // The list item, continuation lines included.
    const line = /- \[Performance\]\(docs\/performance\.md\)[^\n]*(\n {2}[^\n]*)*/.exec(readPage('README.md'))![0];
    const figures = [...line.matchAll(/([\d.]+) (s|MB)\b/g)].map(([, value]) => Number(value));
    expect(figures.length, line).to.be.greaterThan(3);
    const measured = ['latest.json', '10m.json'].flatMap((file) =>
      (
        JSON.parse(readFileSync(join(REPO_ROOT, 'bench', 'results', file), 'utf8')) as {
          results: { dropline: { wallSeconds: number | null; peakRssMb: number | null }; duckdb: { wallSeconds: number } | null }[];
        }
      ).results.flatMap((r) => [r.dropline.wallSeconds, r.dropline.peakRssMb, r.duckdb?.wallSeconds ?? null]),
    );
    for (const figure of figures) {
      const decimals = String(figure).split('.')[1]?.length ?? 0;
      expect(
        measured.some((m) => m !== null && Number(m.toFixed(decimals)) === figure),
        `${figure} in the README is no figure of bench/results`,
      ).to.equal(true);
    }
  });
});
