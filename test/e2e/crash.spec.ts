import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { generatedDrop, latestOf } from '../helpers/generatedDrop.js';
import { CLI, demoYaml, TestWorkspace } from '../helpers/workspace.js';

const DROP = generatedDrop({ rows: 20000, files: 20, ids: 2000, seed: 23 });
const NAMES = DROP.map(([n]) => n);

/** Runs the CLI with DROPLINE_CRASH_AT set; returns the signal that ended it. */
function crashAt(ws: TestWorkspace, point: string, ...args: string[]): string | null {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ws.root, env: { ...process.env, DROPLINE_CRASH_AT: point }, encoding: 'utf8' });
  return r.signal;
}

/** Starts a run and SIGKILLs it after `ms`. */
function killAfter(ws: TestWorkspace, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'run', 'demo', '--quiet'], { cwd: ws.root, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** After recovery: latest.csv is the full result, every file archived once, nothing left in the drop. */
function expectRecovered(ws: TestWorkspace, full: string, note: string): void {
  const r = ws.run();
  expect(r.code, `${note}: ${r.stderr}`).to.equal(0);
  expect(ws.read('output/latest.csv'), note).to.equal(full);
  expect(ws.files('input/processing'), note).to.deep.equal([]);
  expect(ws.files('input/processed'), note).to.deep.equal(NAMES);
  // The ledger of the current state names every input whose data it holds: each file exactly once.
  const head = JSON.parse(ws.cli('show', 'demo', 'latest').stdout) as { ledger: { object: string } };
  const ledger = JSON.parse(ws.read(`snapshots/demo/${head.ledger.object}`)) as { name: string }[];
  expect(ledger.map((e) => e.name).sort(), `${note}: each file applied exactly once`).to.deep.equal(NAMES);
  // Every snapshot's content still reads back (checkpoint and changesets merged, checked against its checksum).
  for (const { id } of JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout) as { id: string }[]) {
    const diff = ws.cli('diff', 'demo', id, '--limit', '1');
    expect(diff.code, `${note}: snapshot ${id} reads back: ${diff.stderr}`).to.equal(0);
  }
}

describe('crash safety (end to end)', function () {
  this.timeout(240_000);
  let ws: TestWorkspace;
  let full: string;
  before(() => {
    full = latestOf(DROP);
  });
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  // after-changeset: the run's changeset is written, not yet its checkpoint or manifest; after-checkpoint: the
  // checkpoint too (a definition that writes one every run).
  const points = ['before-commit', 'after-changeset', 'after-checkpoint', 'after-object', 'after-manifest', 'after-latest', 'after-acknowledge'];
  for (const point of points) {
    describe(`when a run is killed (SIGKILL) at ${point}`, () => {
      it('should leave a state the next run completes to the correct result, no file lost or applied twice', () => {
        if (point === 'after-checkpoint') ws.writeDefinition('demo', demoYaml({ snapshots: { path: 'snapshots', checkpointEvery: 1 } }));
        for (const [name, content] of DROP.slice(0, 10)) ws.drop(name, content);
        expect(ws.run().code).to.equal(0);
        for (const [name, content] of DROP.slice(10)) ws.drop(name, content);
        expect(crashAt(ws, point, 'run', 'demo')).to.equal('SIGKILL');
        const everywhere = [...ws.files('input/processing'), ...ws.files('input/processed')].sort();
        expect(everywhere, 'right after the crash every file is in the drop or the archive').to.deep.equal(NAMES);
        expectRecovered(ws, full, point);
      });
    });
  }

  describe('when runs are killed at random moments', () => {
    it('should always recover to the correct result', async () => {
      const delays: number[] = [];
      for (let i = 0; i < 6; i++) {
        const delay = Math.floor(Math.random() * 900);
        delays.push(delay);
        for (const [name, content] of DROP) if (!ws.files('input/processed').includes(name)) ws.drop(name, content);
        await killAfter(ws, delay);
      }
      expectRecovered(ws, full, `kills after ${delays.join(', ')} ms`);
    });
  });

  describe('when clean is killed half-way', () => {
    for (const point of ['clean-after-marker', 'clean-after-destroy']) {
      it(`should be finished by the next run (${point}) and rebuild the same result`, () => {
        for (const [name, content] of DROP) ws.drop(name, content);
        ws.run();
        expect(crashAt(ws, point, 'clean', 'demo', '--yes')).to.equal('SIGKILL');
        expectRecovered(ws, full, point);
        expect(JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout)).to.have.length(1);
      });
    }
  });

  describe('when a killed clean is simply run again', () => {
    it('should finish the first clean and move every file back for the rebuild', () => {
      for (const [name, content] of DROP) ws.drop(name, content);
      ws.run();
      expect(crashAt(ws, 'clean-after-destroy', 'clean', 'demo', '--yes')).to.equal('SIGKILL');
      expect(ws.cli('clean', 'demo', '--yes').code).to.equal(0);
      expect(ws.files('input/processing')).to.deep.equal(NAMES);
      expectRecovered(ws, full, 'clean retried');
    });
  });

  describe('when a run is killed after its commit point and the user then resets', () => {
    it('should not let the next run apply the undone files again', () => {
      for (const [name, content] of DROP.slice(0, 10)) ws.drop(name, content);
      const first = ws.run().summary.snapshot!;
      const firstLatest = ws.read('output/latest.csv');
      for (const [name, content] of DROP.slice(10)) ws.drop(name, content);
      expect(crashAt(ws, 'after-manifest', 'run', 'demo')).to.equal('SIGKILL');
      expect(ws.cli('reset', 'demo', '--to', first).code).to.equal(0);
      expect(ws.files('input/processing')).to.deep.equal([]);
      const { summary } = ws.run();
      expect(summary.files.processed).to.equal(0);
      expect(ws.read('output/latest.csv')).to.equal(firstLatest);
    });
  });

  describe('when a reset --reprocess is killed after recording the snapshot', () => {
    it('should move the files back on the next run and give the full result', () => {
      for (const [name, content] of DROP.slice(0, 10)) ws.drop(name, content);
      const first = ws.run().summary.snapshot!;
      for (const [name, content] of DROP.slice(10)) ws.drop(name, content);
      ws.run();
      expect(crashAt(ws, 'after-manifest', 'reset', 'demo', '--to', first, '--reprocess')).to.equal('SIGKILL');
      expectRecovered(ws, full, 'reset');
    });
  });
});

describe('concurrent runs (end to end)', function () {
  this.timeout(120_000);
  let ws: TestWorkspace;
  beforeEach(() => (ws = new TestWorkspace()));
  afterEach(() => ws.remove());

  function start(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, 'run', 'demo', '--json', ...args], { cwd: ws.root });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('should fail a run started while another holds the pipeline at once with LOCKED, and let the holder commit', async () => {
    // The holder waits inside the lock (a beforeRun hook) until the test says so: the overlap does not depend on timing.
    ws.write(
      'dropline.plugins.mjs',
      `import { existsSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ContainerModule, TOKENS } from 'dropline-cli';
const at = (name) => new URL('./' + name, import.meta.url);
export default new ContainerModule(({ bind }) => {
  bind(TOKENS.BeforeRunHook).toConstantValue({
    beforeRun: async () => {
      writeFileSync(at('holding'), '');
      for (let i = 0; i < 6000 && !existsSync(at('release')); i++) await sleep(10);
    },
  });
});
`,
    );
    for (const [name, content] of DROP) ws.drop(name, content);
    const holder = start();
    for (let i = 0; i < 6000 && !existsSync(ws.path('holding')); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await start();
    ws.write('release', '');
    const first = await holder;
    expect(first.code, first.stderr).to.equal(0);
    expect(second.code, second.stderr).to.equal(1);
    expect(second.stderr).to.match(/^error\[LOCKED\]: pipeline demo is locked by pid \d+ on host .* since .*; wait for it, or pass --wait <seconds>/m);
    expect(ws.read('output/latest.csv')).to.equal(latestOf(DROP));
    expect(ws.files('input/processed')).to.deep.equal(NAMES);
  });

  it('should let the second run wait with --wait and then find nothing left to do', async () => {
    for (const [name, content] of DROP) ws.drop(name, content);
    const results = await Promise.all([start('--wait', '60'), start('--wait', '60')]);
    expect(results.map((r) => r.code)).to.deep.equal([0, 0]);
    const snapshots = results.map((r) => JSON.parse(r.stdout).snapshot as string | null);
    expect(snapshots.filter((s) => s !== null)).to.have.length(1);
  });
});
