import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CLOCK_PLUGIN } from '../helpers/clientDrops.js';
import { CLI, csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

const HEADER = ['id', 'description', 'timestamp'];
const INPUTS: Record<string, string> = {
  'a.csv': csv([HEADER, ['1', 'one', '2024-01-01'], ['2', 'two', '2024-01-01']]),
  'b.csv': csv([HEADER, ['2', 'two again', '2024-02-01'], ['3', 'three', '2024-02-01']]),
  'c.csv': csv([HEADER, ['4', 'four', '2024-03-01']]),
};
const DAY = 86_400_000;
const at = (days: number): string => new Date(Date.parse('2026-01-01T00:00:00Z') + days * DAY).toISOString();

/** Runs the CLI at simulated day `days` with DROPLINE_CRASH_AT set; returns the signal that ended it. */
function crashAt(ws: TestWorkspace, point: string, days: number, ...args: string[]): string | null {
  const env = { ...process.env, DROPLINE_CRASH_AT: point, DROPLINE_TEST_NOW: at(days) };
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ws.root, env, encoding: 'utf8' }).signal;
}

/** Every input is in the drop, in the archive (plain or gzipped) or recorded as deleted under source.retain. */
function expectNoInputLost(ws: TestWorkspace, note: string): void {
  const deleted = (JSON.parse(ws.read('snapshots/demo/retention.json')) as { deleted: { sha256: string; name: string }[] }).deleted.map((d) => d.name.replace(/\.gz$/, ''));
  const held = new Map<string, string>();
  for (const f of ws.files('input/processing')) held.set(f, ws.read(`input/processing/${f}`));
  for (const f of ws.files('input/processed')) {
    const bytes = readFileSync(ws.path('input', 'processed', f));
    held.set(f.replace(/\.gz$/, ''), (f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString());
  }
  for (const [name, content] of Object.entries(INPUTS)) {
    if (deleted.includes(name)) continue;
    expect(held.get(name), `${note}: ${name} is kept, whole`).to.equal(content);
  }
}

describe('source.retain: crash safety (end to end)', function () {
  this.timeout(120_000);
  let ws: TestWorkspace;
  let full: string;
  beforeEach(() => {
    const base = demoYaml();
    ws = new TestWorkspace({ demo: demoYaml({ source: { ...(base.source as object), retain: { compress: '7d', delete: '365d' } } }) });
    ws.write('dropline.plugins.mjs', CLOCK_PLUGIN);
    const days = [0, 1, 100];
    for (const [i, [name, content]] of Object.entries(INPUTS).entries()) {
      ws.drop(name, content);
      expect(ws.cliWithEnv({ DROPLINE_TEST_NOW: at(days[i]!) }, 'run', 'demo').code).to.equal(0);
      if (name === 'b.csv') ws.cli('pin', 'demo', 'latest');
    }
    full = ws.read('output/latest.csv');
  });
  afterEach(() => ws.remove());

  for (const point of ['retain-after-record', 'retain-mid-delete', 'retain-after-gzip']) {
    it(`should lose no input when prune is killed at ${point}, and the next prune should complete it`, () => {
      expect(crashAt(ws, point, 400, 'prune', 'demo')).to.equal('SIGKILL');
      expectNoInputLost(ws, point);
      const again = ws.cliWithEnv({ DROPLINE_TEST_NOW: at(400) }, 'prune', 'demo');
      expect(again.code, again.stderr).to.equal(0);
      expect(ws.files('input/processed')).to.deep.equal(['c.csv.gz']);
      const state = JSON.parse(ws.read('snapshots/demo/retention.json')) as { deleted: { name: string }[]; compressed: Record<string, unknown> };
      expect(state.deleted.map((d) => d.name)).to.deep.equal(['a.csv.gz', 'b.csv.gz']);
      expect(Object.keys(state.compressed)).to.deep.equal(['c.csv.gz']);
      expect(ws.cliWithEnv({ DROPLINE_TEST_NOW: at(400) }, 'clean', 'demo', '--yes').code).to.equal(0);
      expect(ws.cliWithEnv({ DROPLINE_TEST_NOW: at(401) }, 'run', 'demo').code).to.equal(0);
      expect(ws.read('output/latest.csv'), point).to.equal(full);
    });
  }

  for (const point of ['retain-restore-before-remove', 'clean-after-destroy']) {
    it(`should finish a clean from the base killed at ${point} at the next run`, () => {
      expect(ws.cliWithEnv({ DROPLINE_TEST_NOW: at(400) }, 'prune', 'demo').code).to.equal(0);
      expect(crashAt(ws, point, 400, 'clean', 'demo', '--yes')).to.equal('SIGKILL');
      expectNoInputLost(ws, point);
      const run = ws.cliWithEnv({ DROPLINE_TEST_NOW: at(401) }, 'run', 'demo');
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stderr).to.contain('finishing an interrupted clean');
      expect(ws.read('output/latest.csv'), point).to.equal(full);
      expect(ws.files('input/processed')).to.deep.equal(['c.csv']);
      expect(ws.files('input/processing')).to.deep.equal([]);
    });
  }
});
