import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'yaml';
import type { Requirement } from './requirement.js';
import { makeTempDir } from './tmp.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (tests run from build/test/...). */
export const REPO_ROOT = resolve(here, '..', '..', '..');
/** The CLI as users run it: the bundle `npm run build` makes (package.json bin). */
export const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');
/** The project's own drop: 50 files in the original demo's shape, with quoting edge cases (test/fixtures/README.md). */
export const FIXTURE_DROP = join(REPO_ROOT, 'test', 'fixtures', 'drop');
/** The original demo's four files, beside a checkout in the team's usual surroundings (or DROPLINE_TEST_SEED_DATA); absent from a bare clone. */
export const SEED_DATA = process.env.DROPLINE_TEST_SEED_DATA ?? resolve(REPO_ROOT, '..', 'shared', 'seed-data');

/** Tests over SEED_DATA: skipped (in CI too) when it is not there; FIXTURE_DROP covers the same behaviours. */
export const NEEDS_SEED_DATA: Requirement = {
  what: 'the original demo files',
  requiredInCi: false,
  missing: () =>
    existsSync(SEED_DATA) ? null : `${SEED_DATA} does not exist (it sits beside the team's checkouts, not in the repository); the same behaviours run on test/fixtures/drop`,
};

/** The demo definition as YAML data, with top-level sections merged over it. */
export function demoYaml(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base: Record<string, unknown> = {
    name: 'demo',
    description: 'test pipeline',
    source: { type: 'directory', path: 'input/processing', pattern: '*.csv', archive: 'input/processed' },
    schema: {
      key: 'id',
      timestamp: 'timestamp',
      columns: {
        id: { type: 'string', required: true },
        description: { type: 'string', faker: 'company.buzzPhrase' },
        timestamp: { type: 'date', required: true },
      },
    },
    output: { path: 'output/latest.csv', lineage: 'source_filename' },
    snapshots: { path: 'snapshots' },
  };
  for (const [k, v] of Object.entries(overrides)) {
    const current = base[k];
    base[k] = v && typeof v === 'object' && !Array.isArray(v) && current && typeof current === 'object' ? { ...current, ...v } : v;
  }
  return base;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temporary workspace with pipeline definitions, run through the real CLI. */
export class TestWorkspace {
  readonly root: string;
  readonly remove: () => void;

  constructor(pipelines: Record<string, Record<string, unknown> | string> = { demo: demoYaml() }) {
    const tmp = makeTempDir('dropline-ws-');
    this.root = tmp.dir;
    this.remove = tmp.remove;
    mkdirSync(join(this.root, 'pipelines'));
    for (const [name, def] of Object.entries(pipelines)) this.writeDefinition(name, def);
  }

  writeDefinition(name: string, def: Record<string, unknown> | string): void {
    this.write(join('pipelines', `${name}.yaml`), typeof def === 'string' ? def : stringify(def));
  }

  path(...parts: string[]): string {
    return join(this.root, ...parts);
  }

  /** Writes a file into the drop (or any workspace path). */
  write(relative: string, content: string | Buffer): void {
    const full = this.path(relative);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  drop(name: string, content: string | Buffer): void {
    this.write(join('input', 'processing', name), content);
  }

  /** Copies every file of `dir` (FIXTURE_DROP, SEED_DATA) into the drop. */
  copyDrop(dir: string): void {
    mkdirSync(this.path('input', 'processing'), { recursive: true });
    for (const n of readdirSync(dir)) copyFileSync(join(dir, n), this.path('input', 'processing', n));
  }

  files(relative: string): string[] {
    try {
      return readdirSync(this.path(relative))
        .filter((f) => !f.startsWith('.'))
        .sort();
    } catch {
      return [];
    }
  }

  read(relative: string): string {
    return readFileSync(this.path(relative), 'utf8');
  }

  /** latest.csv parsed into records keyed by header. */
  latest(relative = 'output/latest.csv'): Record<string, string>[] {
    return parse(this.read(relative), { columns: true }) as Record<string, string>[];
  }

  cli(...args: string[]): CliResult {
    return this.cliWith({}, ...args);
  }

  /** The CLI with these variables added to the environment (a shell's `NAME=value dropline ...`). */
  cliWithEnv(env: Record<string, string>, ...args: string[]): CliResult {
    return this.cliWith({ env }, ...args);
  }

  /** The CLI run from another folder (`cwd`, absolute) or with variables set (undefined removes one). */
  cliWith(options: { cwd?: string; env?: Record<string, string | undefined> }, ...args: string[]): CliResult {
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? this.root, encoding: 'utf8', env });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  /** `dropline run <pipeline> --json`, parsed. */
  run(pipeline = 'demo', ...args: string[]): { code: number; summary: RunJson; stderr: string } {
    const r = this.cli('run', pipeline, '--json', ...args);
    if (r.stdout.trim() === '') throw new Error(`no summary (exit ${r.code}): ${r.stderr}`);
    return { code: r.code, summary: JSON.parse(r.stdout) as RunJson, stderr: r.stderr };
  }
}

export interface RunJson {
  pipeline: string;
  snapshot: string | null;
  files: { processed: number; quarantined: number; skipped: number; waiting: { file: string; reason: string }[]; ignored: { file: string; reason: string }[] };
  rows: { read: number; merged: number; rejected: number };
  latest: { rows: number; inserted: number; updated: number };
  headers: { file: string; header: string; column: string; score: number; how: string }[];
  quarantined: { file: string; code: string; message: string }[];
  rejects: string | null;
}

/** CSV text from rows (first row is the header), quoting where needed. */
export function csv(rows: string[][]): string {
  return rows.map((r) => r.map((v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n') + '\n';
}
