import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import type { RejectedRow } from '../../src/rejects/RejectedRow.js';
import { CLI, csv, TestWorkspace } from '../helpers/workspace.js';

const HEADER = ['id', 'description', 'timestamp'];

function listRejects(ws: TestWorkspace, ...args: string[]): RejectedRow[] {
  const r = ws.cli('rejects', 'list', 'demo', '--json', ...args);
  expect(r.code, r.stderr).to.equal(0);
  return JSON.parse(r.stdout) as RejectedRow[];
}

/** A first run: ids 1 and 3 merge, line 3 (no key) and line 4 (bad date) are rejected. Returns the snapshot id. */
function firstRun(ws: TestWorkspace): string {
  ws.drop('a.csv', csv([HEADER, ['1', 'one', '2024-01-01'], ['', 'no key', '2024-01-02'], ['2', 'two', 'not-a-date'], ['3', 'three', '2024-01-03']]));
  const { code, summary } = ws.run();
  expect(code).to.equal(3);
  return summary.snapshot!;
}

describe('rejects as a worklist, and replay (end to end)', () => {
  let ws: TestWorkspace;
  let first: string;
  beforeEach(() => {
    ws = new TestWorkspace();
    first = firstRun(ws);
  });
  afterEach(() => ws.remove());

  describe('dropline rejects list', () => {
    it('should list each rejected row as <run>:<line of the rejects file>, open, with its input file and line', () => {
      const rows = listRejects(ws);
      expect(rows.map((r) => [r.id, r.state, r.file, r.line, r.code])).to.deep.equal([
        [`${first}:2`, 'open', 'a.csv', 3, 'MISSING_KEY'],
        [`${first}:3`, 'open', 'a.csv', 4, 'BAD_VALUE'],
      ]);
      expect(rows[1]!.raw).to.equal('2,two,not-a-date');
    });

    it('should print one line per row naming its id, state, file:line and reason', () => {
      const r = ws.cli('rejects', 'list', 'demo');
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.contain(`${first}:3  open  a.csv:4  BAD_VALUE`);
    });
  });

  describe('dropline rejects export', () => {
    it("should write the schema's columns then file and line, raw values split into them", () => {
      const r = ws.cli('rejects', 'export', 'demo', '--open');
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.equal(
        csv([
          [...HEADER, 'file', 'line'],
          ['', 'no key', '2024-01-02', 'a.csv', '3'],
          ['2', 'two', 'not-a-date', 'a.csv', '4'],
        ]),
      );
    });

    it("should place values by the file's header mapping when its columns were in another order", () => {
      ws.drop(
        'b.csv',
        csv([
          ['timestamp', 'id', 'description'],
          ['bad', '9', 'nine'],
        ]),
      );
      const run = ws.run();
      expect(run.code).to.equal(3);
      const lines = ws.cli('rejects', 'export', 'demo').stdout.trim().split('\n');
      expect(lines.at(-1)).to.equal('9,nine,bad,b.csv,2');
    });
  });

  describe('dropline replay', () => {
    let fixed: string;
    beforeEach(() => {
      // The user fixes the row without a key; the bad date is still bad.
      fixed = csv([
        [...HEADER, 'file', 'line'],
        ['4', 'no key', '2024-01-02', 'a.csv', '3'],
        ['2', 'two', '2024-13-40', 'a.csv', '4'],
      ]);
      ws.write('fix.csv', fixed);
    });

    it('should merge the fixed rows as a snapshot of kind replay, reject the rest again, and leave the fix file alone', () => {
      const r = ws.cli('replay', 'demo', 'fix.csv', '--json');
      expect(r.code, r.stderr).to.equal(3);
      const summary = JSON.parse(r.stdout) as { snapshot: string; rows: { rejected: number; merged: number }; rejects: string; replayed: number };
      expect(summary.rows).to.include({ merged: 1, rejected: 1 });
      expect(summary.replayed).to.equal(2);
      expect(summary.rejects).to.equal(`output/rejects/${summary.snapshot}.csv`);
      expect(ws.latest().map((row) => row.id)).to.deep.equal(['1', '3', '4']);
      const snapshots = JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout) as { id: string; kind: string }[];
      expect(snapshots.map((s) => s.kind)).to.deep.equal(['run', 'replay']);
      expect(ws.read('fix.csv')).to.equal(fixed);
    });

    it('should mark the replayed rejects replayed and list the row rejected again as open', () => {
      const replay = JSON.parse(ws.cli('replay', 'demo', 'fix.csv', '--json').stdout) as { snapshot: string };
      const rows = listRejects(ws);
      expect(rows.map((r) => [r.id, r.state])).to.deep.equal([
        [`${first}:2`, 'replayed'],
        [`${first}:3`, 'replayed'],
        [`${replay.snapshot}:2`, 'open'],
      ]);
      expect(rows[0]!.by).to.equal(replay.snapshot);
      const open = listRejects(ws, '--open');
      expect(open.map((r) => [r.file, r.line, r.code])).to.deep.equal([['fix.csv', 3, 'BAD_VALUE']]);
      expect(ws.cli('rejects', 'export', 'demo', '--open').stdout).to.equal(
        csv([
          [...HEADER, 'file', 'line'],
          ['2', 'two', '2024-13-40', 'fix.csv', '3'],
        ]),
      );
    });

    it('should change nothing when the same file is replayed again', () => {
      ws.cli('replay', 'demo', 'fix.csv');
      const before = { snapshots: ws.files('snapshots/demo/manifests'), rejects: listRejects(ws), latest: ws.read('output/latest.csv') };
      const again = ws.cli('replay', 'demo', 'fix.csv', '--json');
      expect(again.code, again.stderr).to.equal(0);
      expect(JSON.parse(again.stdout)).to.deep.include({ snapshot: null, replayed: 0 });
      expect((JSON.parse(again.stdout) as { files: { skipped: number } }).files.skipped).to.equal(1);
      expect({ snapshots: ws.files('snapshots/demo/manifests'), rejects: listRejects(ws), latest: ws.read('output/latest.csv') }).to.deep.equal(before);
    });

    it('should mark the rejects when the same file is replayed again after a crash right after the commit', () => {
      const env = { ...process.env, DROPLINE_CRASH_AT: 'after-manifest' };
      const crashed = spawnSync(process.execPath, [CLI, 'replay', 'demo', 'fix.csv'], { cwd: ws.root, env, encoding: 'utf8' });
      expect(crashed.signal).to.equal('SIGKILL');
      expect(listRejects(ws, '--open').map((r) => r.run)).to.include(first);
      const again = ws.cli('replay', 'demo', 'fix.csv', '--json');
      expect(again.code, again.stderr).to.equal(0);
      expect(JSON.parse(again.stdout)).to.deep.include({ snapshot: null, replayed: 2 });
      expect(listRejects(ws, '--open').map((r) => r.run)).to.not.include(first);
    });

    it('should let a replayed row win a tie on timestamp and lose to a newer one', () => {
      ws.write(
        'tie.csv',
        csv([
          [...HEADER, 'file', 'line'],
          ['1', 'uno', '2024-01-01', '', ''],
          ['3', 'old', '2023-12-31', '', ''],
        ]),
      );
      expect(ws.cli('replay', 'demo', 'tie.csv').code).to.equal(0);
      const byId = Object.fromEntries(ws.latest().map((row) => [row.id, row.description]));
      expect(byId).to.deep.include({ '1': 'uno', '3': 'three' });
    });

    it('should fail naming the file when it does not exist', () => {
      const r = ws.cli('replay', 'demo', 'nope.csv');
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error\[SOURCE_UNREADABLE\]: .*nope\.csv/m);
    });

    it('should fail naming the file when its header cannot be used, and commit nothing', () => {
      ws.write(
        'bad.csv',
        csv([
          ['x', 'y'],
          ['1', '2'],
        ]),
      );
      const r = ws.cli('replay', 'demo', 'bad.csv');
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error\[VALIDATION_FAILED\]: bad\.csv: .*MISSING_COLUMN/m);
      expect(ws.files('snapshots/demo/manifests')).to.have.length(1);
    });
  });

  describe('when the states file is damaged', () => {
    it('should refuse with STATE_DAMAGED naming it, not list every reject as open', () => {
      ws.write('snapshots/demo/rejects.json', '{"x": 1');
      const r = ws.cli('rejects', 'list', 'demo');
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error\[STATE_DAMAGED\]: snapshots\/demo\/rejects\.json/m);
    });
  });

  describe('dropline rejects dismiss', () => {
    it('should close the rejects named, leaving the others open', () => {
      const openRejects = (): number => (JSON.parse(ws.cli('status', 'demo', '--json').stdout) as { openRejects: number }[])[0]!.openRejects;
      expect(openRejects(), 'status before').to.equal(2);
      const r = ws.cli('rejects', 'dismiss', 'demo', `${first}:3`);
      expect(r.code, r.stderr).to.equal(0);
      expect(listRejects(ws).map((x) => x.state)).to.deep.equal(['open', 'dismissed']);
      expect(listRejects(ws, '--open').map((x) => x.id)).to.deep.equal([`${first}:2`]);
      expect(ws.cli('rejects', 'export', 'demo', '--open').stdout.trim().split('\n')).to.have.length(2);
      expect(openRejects(), 'status counts only the open ones').to.equal(1);
    });

    it('should refuse unknown ids, naming them, and close nothing', () => {
      const r = ws.cli('rejects', 'dismiss', 'demo', `${first}:2`, `${first}:9`, 'nonsense');
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(new RegExp(`^error\\[REJECT_NOT_FOUND\\]: .*${first}:9.*nonsense`, 'm'));
      expect(listRejects(ws, '--open')).to.have.length(2);
    });
  });
});
