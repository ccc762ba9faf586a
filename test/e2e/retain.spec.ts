import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CLOCK_PLUGIN } from '../helpers/clientDrops.js';
import { csv, demoYaml, TestWorkspace, type CliResult } from '../helpers/workspace.js';

const HEADER = ['id', 'description', 'timestamp'];
const A = csv([HEADER, ['1', 'one', '2024-01-01'], ['2', 'two', '2024-01-01']]);
const B = csv([HEADER, ['2', 'two again', '2024-02-01'], ['3', 'three', '2024-02-01']]);
const C = csv([HEADER, ['4', 'four', '2024-03-01']]);
const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');

/** The ISO date-time `days` after T0: the simulated clock (DROPLINE_TEST_NOW, read by the workspace's CLOCK_PLUGIN). */
function at(days: number): string {
  return new Date(T0 + days * DAY).toISOString();
}

function retainYaml(retain: Record<string, string>, source: Record<string, unknown> = {}): Record<string, unknown> {
  const base = demoYaml();
  return demoYaml({ source: { ...(base.source as object), ...source, retain } });
}

describe('source.retain: keeping archived inputs (end to end)', function () {
  this.timeout(120_000);
  let ws: TestWorkspace;
  afterEach(() => ws.remove());

  const cliAt = (days: number, ...args: string[]): CliResult => ws.cliWithEnv({ DROPLINE_TEST_NOW: at(days) }, ...args);
  const runAt = (days: number, name: string, content: string): string => {
    ws.drop(name, content);
    const r = cliAt(days, 'run', 'demo', '--json');
    expect(r.code, r.stderr).to.equal(0);
    return (JSON.parse(r.stdout) as { snapshot: string }).snapshot;
  };
  const state = (): { base: string | null; deleted: { name: string }[]; compressed: Record<string, { name: string }> } =>
    JSON.parse(ws.read('snapshots/demo/retention.json')) as never;
  const snapshotIds = (): string[] => (JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout) as { id: string }[]).map((s) => s.id);

  describe('compress', () => {
    for (const compression of ['auto', 'none']) {
      it(`should gzip inputs ingested longer ago than compress, and give them back byte for byte to clean (compression: ${compression})`, () => {
        ws = new TestWorkspace({ demo: retainYaml({ compress: '7d' }, { compression }) });
        ws.write('dropline.plugins.mjs', CLOCK_PLUGIN);
        runAt(0, 'a.csv', A);
        runAt(5, 'b.csv', B);
        expect(ws.files('input/processed')).to.deep.equal(['a.csv', 'b.csv']);
        const dry = cliAt(8, 'prune', 'demo', '--dry-run');
        expect(dry.stdout).to.equal('would compress 1 archived input(s) (source.retain.compress):\n  a.csv\n');
        expect(ws.files('input/processed')).to.deep.equal(['a.csv', 'b.csv']);
        const pruned = cliAt(8, 'prune', 'demo', '--json');
        expect(JSON.parse(pruned.stdout)).to.deep.equal({ pipeline: 'demo', dryRun: false, snapshots: [], compressed: ['a.csv'], deleted: [], base: null });
        expect(ws.files('input/processed')).to.deep.equal(['a.csv.gz', 'b.csv']);
        expect(gunzipSync(readFileSync(ws.path('input', 'processed', 'a.csv.gz'))).toString()).to.equal(A);
        expect(cliAt(9, 'prune', 'demo').stdout).to.equal('nothing to prune\n');
        const before = ws.read('output/latest.csv');
        const clean = cliAt(9, 'clean', 'demo', '--yes');
        expect(clean.code, clean.stderr).to.equal(0);
        expect(clean.stdout).to.contain('moved 2 processed file(s) back into the drop');
        expect(ws.files('input/processing')).to.deep.equal(['a.csv', 'b.csv']);
        expect(ws.read('input/processing/a.csv')).to.equal(A);
        expect(ws.files('input/processed')).to.deep.equal([]);
        expect(cliAt(10, 'run', 'demo').code).to.equal(0);
        expect(ws.read('output/latest.csv')).to.equal(before);
      });
    }

    it('should be applied by a run after its commit, and reset --reprocess should bring a compressed input back as it was', () => {
      ws = new TestWorkspace({ demo: retainYaml({ compress: '7d' }) });
      ws.write('dropline.plugins.mjs', CLOCK_PLUGIN);
      const first = runAt(0, 'a.csv', A);
      runAt(10, 'b.csv', B);
      expect(ws.files('input/processed')).to.deep.equal(['a.csv.gz', 'b.csv']);
      runAt(20, 'c.csv', C);
      expect(ws.files('input/processed')).to.deep.equal(['a.csv.gz', 'b.csv.gz', 'c.csv']);
      // explain still reads a run's inputs once they are compressed.
      expect((JSON.parse(ws.cli('explain', 'demo', '3', '--json').stdout) as { reason: string }).reason).to.match(/^the only row for this key in its run/);
      const reset = cliAt(21, 'reset', 'demo', '--to', first, '--reprocess');
      expect(reset.code, reset.stderr).to.equal(0);
      expect(ws.files('input/processing')).to.deep.equal(['b.csv', 'c.csv']);
      expect(ws.read('input/processing/b.csv')).to.equal(B);
      expect(ws.files('input/processed')).to.deep.equal(['a.csv.gz']);
      const rerun = cliAt(21, 'run', 'demo', '--json');
      expect((JSON.parse(rerun.stdout) as { files: { processed: number } }).files.processed).to.equal(2);
      expect(ws.latest().map((r) => r.id)).to.deep.equal(['1', '2', '3', '4']);
    });
  });

  describe('delete', () => {
    let pinned: string;
    let first: string;
    let full: string;
    beforeEach(() => {
      ws = new TestWorkspace({ demo: retainYaml({ compress: '7d', delete: '365d' }) });
      ws.write('dropline.plugins.mjs', CLOCK_PLUGIN);
      first = runAt(0, 'a.csv', A);
      pinned = runAt(1, 'b.csv', B);
      runAt(100, 'c.csv', C);
      full = ws.read('output/latest.csv');
    });

    it('should delete nothing while no pinned snapshot holds the old inputs', () => {
      const r = cliAt(400, 'prune', 'demo', '--json');
      expect(JSON.parse(r.stdout)).to.deep.include({ deleted: [], base: null });
      expect(ws.files('input/processed')).to.deep.equal(['a.csv.gz', 'b.csv.gz', 'c.csv.gz']);
    });

    it('should delete old inputs a pin holds, make that pin the base, and let clean rebuild from it', () => {
      expect(ws.cli('pin', 'demo', pinned).code).to.equal(0);
      const dry = cliAt(400, 'prune', 'demo', '--dry-run');
      expect(dry.stdout).to.contain(`would delete 2 archived input(s) (source.retain.delete; pinned snapshot ${pinned} holds their rows and would become the base`);
      expect(dry.stdout).to.contain('would compress 1 archived input(s) (source.retain.compress):\n  c.csv');
      expect(ws.files('input/processed')).to.deep.equal(['a.csv.gz', 'b.csv.gz', 'c.csv']);
      // c.csv was ingested 300 days before: kept (compressed since day 107).
      const r = cliAt(400, 'prune', 'demo', '--json');
      expect(JSON.parse(r.stdout)).to.deep.include({ deleted: ['a.csv.gz', 'b.csv.gz'], base: pinned });
      expect(ws.files('input/processed')).to.deep.equal(['c.csv.gz']);
      expect(state().base).to.equal(pinned);
      expect(state().deleted.map((d) => d.name)).to.deep.equal(['a.csv.gz', 'b.csv.gz']);
      // The base stays pinned, and what was deleted cannot be reprocessed from before it.
      const unpin = ws.cli('unpin', 'demo', pinned);
      expect(unpin.code).to.equal(2);
      expect(unpin.stderr).to.match(/error\[USAGE\].*is the base dropline clean rebuilds from/);
      const reset = cliAt(400, 'reset', 'demo', '--to', first, '--reprocess');
      expect(reset.stderr).to.match(/error\[USAGE\].*were deleted under source\.retain\.delete/);
      // clean resets to the base and moves back only what came after it.
      const plan = cliAt(400, 'clean', 'demo');
      expect(plan.stdout).to.contain(`would reset latest.csv to pinned snapshot ${pinned}, the base clean rebuilds from`);
      expect(plan.stdout).to.contain('would move 1 processed file(s) back into the drop: the inputs ingested after the base');
      const clean = cliAt(400, 'clean', 'demo', '--yes', '--json');
      expect(clean.code, clean.stderr).to.equal(0);
      expect(JSON.parse(clean.stdout)).to.deep.include({ base: pinned, moved: ['c.csv'], snapshots: 2 });
      expect(clean.stderr, 'latest.csv reset to the base as planned, not repaired').not.to.contain('did not match');
      expect(snapshotIds()).to.deep.equal([pinned]);
      expect(ws.latest().map((r) => r.id)).to.deep.equal(['1', '2', '3']);
      expect(ws.files('input/processing')).to.deep.equal(['c.csv']);
      expect(ws.read('input/processing/c.csv')).to.equal(C);
      expect(cliAt(401, 'run', 'demo').code).to.equal(0);
      expect(ws.read('output/latest.csv')).to.equal(full);
    });

    it('should stop prune, clean and unpin with STATE_DAMAGED when retention.json is damaged, never read it as "nothing deleted"', () => {
      ws.cli('pin', 'demo', pinned);
      cliAt(400, 'prune', 'demo');
      ws.write('snapshots/demo/retention.json', '{"base": ');
      for (const args of [
        ['prune', 'demo'],
        ['clean', 'demo', '--yes'],
        ['unpin', 'demo', pinned],
      ]) {
        const r = cliAt(400, ...args);
        expect(r.code, args.join(' ')).to.equal(1);
        expect(r.stderr).to.match(/error\[STATE_DAMAGED\].*retention\.json/);
      }
      expect(snapshotIds()).to.have.length(3);
      expect(ws.files('input/processed')).to.deep.equal(['c.csv.gz']);
    });

    it('should move the base forward to a newer pin once inputs only it holds are deleted, and then let the old base be unpinned', () => {
      ws.cli('pin', 'demo', pinned);
      cliAt(400, 'prune', 'demo');
      const newer = (JSON.parse(ws.cli('show', 'demo', 'latest').stdout) as { id: string }).id;
      ws.cli('pin', 'demo', newer);
      const r = cliAt(500, 'prune', 'demo', '--json');
      expect(JSON.parse(r.stdout)).to.deep.include({ deleted: ['c.csv.gz'], base: newer });
      expect(ws.files('input/processed')).to.deep.equal([]);
      expect(ws.cli('unpin', 'demo', pinned).code).to.equal(0);
      expect(ws.cli('unpin', 'demo', newer).code).to.equal(2);
      const clean = cliAt(500, 'clean', 'demo', '--yes', '--json');
      expect(JSON.parse(clean.stdout)).to.deep.include({ base: newer, moved: [] });
      expect(ws.read('output/latest.csv')).to.equal(full);
    });
  });
});
