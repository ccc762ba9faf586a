import { readdirSync } from 'node:fs';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { CLI, csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

const HEADER = ['id', 'description', 'timestamp'];

/** A drop file with one good row and one row without a key (rejected). */
function dropWithReject(ws: TestWorkspace, n: number): void {
  ws.drop(`d${n}.csv`, csv([HEADER, [String(n), `row ${n}`, `2024-01-0${n}`], ['', 'no key', `2024-01-0${n}`]]));
}

/** `dropline run demo` with rejects: exit 3; returns the snapshot id. */
function runWithReject(ws: TestWorkspace, n: number): string {
  dropWithReject(ws, n);
  const { code, summary } = ws.run();
  expect(code).to.equal(3);
  expect(summary.rejects).to.equal(`output/rejects/${summary.snapshot}.csv`);
  return summary.snapshot!;
}

const rejectsFiles = (ws: TestWorkspace): string[] => ws.files('output/rejects');

describe('rejects files live and die with their snapshots (end to end)', () => {
  let ws: TestWorkspace;
  afterEach(() => ws.remove());

  describe('when retention prunes after each run (keep: 1)', () => {
    it('should keep only the rejects file of the snapshot that remains', () => {
      ws = new TestWorkspace({ demo: demoYaml({ snapshots: { path: 'snapshots', keep: 1 } }) });
      const ids = [1, 2, 3].map((n) => runWithReject(ws, n));
      expect(ws.files('snapshots/demo/manifests')).to.deep.equal([`${ids[2]}.json`]);
      expect(rejectsFiles(ws)).to.deep.equal([`${ids[2]}.csv`]);
    });
  });

  describe('when dropline prune removes snapshots', () => {
    it('should remove their rejects files and keep those of the pinned and the newest', () => {
      ws = new TestWorkspace();
      const ids = [1, 2, 3, 4].map((n) => runWithReject(ws, n));
      expect(ws.cli('pin', 'demo', ids[1]!).code).to.equal(0);
      ws.writeDefinition('demo', demoYaml({ snapshots: { path: 'snapshots', keep: 1 } }));
      const r = ws.cli('prune', 'demo');
      expect(r.code, r.stderr).to.equal(0);
      expect(rejectsFiles(ws)).to.deep.equal([`${ids[1]}.csv`, `${ids[3]}.csv`]);
    });
  });

  describe('when a run with rejects dies before its commit', () => {
    it('should leave no orphan rejects file once the next run recovers', () => {
      ws = new TestWorkspace();
      dropWithReject(ws, 1);
      const crashed = spawnSync(process.execPath, [CLI, 'run', 'demo'], { cwd: ws.root, env: { ...process.env, DROPLINE_CRASH_AT: 'before-commit' }, encoding: 'utf8' });
      expect(crashed.signal).to.equal('SIGKILL');
      expect(rejectsFiles(ws)).to.have.length(1);
      expect(ws.files('snapshots/demo/manifests')).to.deep.equal([]);
      const { code, summary } = ws.run();
      expect(code).to.equal(3);
      expect(rejectsFiles(ws)).to.deep.equal([`${summary.snapshot}.csv`]);
    });

    it('should remove the orphan in any locked command, not only a run (prune)', () => {
      ws = new TestWorkspace();
      const first = runWithReject(ws, 1);
      dropWithReject(ws, 2);
      const crashed = spawnSync(process.execPath, [CLI, 'run', 'demo'], { cwd: ws.root, env: { ...process.env, DROPLINE_CRASH_AT: 'before-commit' }, encoding: 'utf8' });
      expect(crashed.signal).to.equal('SIGKILL');
      expect(rejectsFiles(ws)).to.have.length(2);
      // prune with no retention set removes no snapshot, but its recovery removes the orphan.
      expect(ws.cli('prune', 'demo').code).to.equal(0);
      expect(rejectsFiles(ws)).to.deep.equal([`${first}.csv`]);
    });
  });

  describe('when clean --yes follows a reset and a prune', () => {
    let ids: string[];
    beforeEach(() => {
      ws = new TestWorkspace();
      ids = [1, 2].map((n) => runWithReject(ws, n));
      expect(ws.cli('reset', 'demo', '--to', ids[0]!).code).to.equal(0);
      ws.writeDefinition('demo', demoYaml({ snapshots: { path: 'snapshots', keep: 1 } }));
      expect(ws.cli('prune', 'demo').code).to.equal(0);
    });

    it("should have removed the pruned runs' rejects with them", () => {
      expect(ws.files('snapshots/demo/manifests')).to.have.length(1);
      expect(rejectsFiles(ws)).to.deep.equal([]);
    });

    it('should end with no rejects, no snapshots and no latest.csv (exit 0)', () => {
      const r = ws.cli('clean', 'demo', '--yes');
      expect(r.code, r.stderr).to.equal(0);
      expect(rejectsFiles(ws)).to.deep.equal([]);
      expect(ws.files('snapshots/demo/manifests')).to.deep.equal([]);
      expect(ws.files('output')).to.not.include('latest.csv');
    });

    it('should leave no manifest behind, not even set aside (snapshots/demo holds at most its lock)', () => {
      expect(ws.cli('clean', 'demo', '--yes').code).to.equal(0);
      expect(readdirSync(ws.path('snapshots/demo')).filter((n) => n !== 'lock')).to.deep.equal([]);
    });

    // d2.csv was ingested by a run that prune removed, so no remaining ledger names it: clean moves it back all the same.
    it('should end with an empty archive: every processed file back in the drop', () => {
      expect(ws.cli('clean', 'demo', '--yes').code).to.equal(0);
      expect(ws.files('input/processed')).to.deep.equal([]);
      expect(ws.files('input/processing')).to.deep.equal(['d1.csv', 'd2.csv']);
    });
  });
});
