import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expectCliError } from '../helpers/expectError.js';
import { CLI, csv, TestWorkspace } from '../helpers/workspace.js';

/** A workspace plug-in that sets the clock from DROPLINE_TEST_NOW, so each run's snapshot is created at a chosen instant. */
const CLOCK_PLUGIN = `
import { ContainerModule, TOKENS } from 'dropline-cli';
export default new ContainerModule(({ rebind }) => {
  const now = process.env.DROPLINE_TEST_NOW;
  if (now) rebind(TOKENS.Clock).toConstantValue({ now: () => new Date(now) });
});
`;

/** Three runs, ten days apart (in 2030, so the drop's files look settled), each changing the table. */
const RUNS: { at: string; rows: string[][] }[] = [
  {
    at: '2030-01-10T12:00:00.000Z',
    rows: [
      ['a', 'first, with a comma', '2021-01-01'],
      ['b', 'caf\u00e9 \u2013 "quoted"', '2021-01-01'],
      ['c', 'tab\there and a control \u0001 character', '2021-01-01'],
    ],
  },
  {
    at: '2030-01-20T12:00:00.000Z',
    rows: [
      ['a', 'second', '2021-02-01'],
      ['d', 'new in run two', '2021-02-01'],
    ],
  },
  { at: '2030-01-30T12:00:00.000Z', rows: [['b', 'third', '2021-03-01']] },
];

interface History {
  ids: string[];
  /** latest.csv as each run left it. */
  latest: Buffer[];
}

function threeRuns(ws: TestWorkspace): History {
  ws.write('dropline.plugins.mjs', CLOCK_PLUGIN);
  const history: History = { ids: [], latest: [] };
  RUNS.forEach(({ at, rows }, i) => {
    ws.drop(`run${i + 1}.csv`, csv([['id', 'description', 'timestamp'], ...rows]));
    const r = ws.cliWithEnv({ DROPLINE_TEST_NOW: at }, 'run', 'demo', '--json');
    expect(r.code, r.stderr).to.equal(0);
    history.ids.push(JSON.parse(r.stdout).snapshot);
    history.latest.push(readFileSync(ws.path('output', 'latest.csv')));
  });
  return history;
}

/** `dropline export` with stdout as bytes, not text. */
function exportBytes(ws: TestWorkspace, ...args: string[]): { code: number; stdout: Buffer; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'export', 'demo', ...args], { cwd: ws.root, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

describe('dropline export (end to end)', () => {
  let ws: TestWorkspace;
  let history: History;
  // One history for every test (three runs take a while): tests only read it; those that write, write files of their own.
  before(() => {
    ws = new TestWorkspace();
    history = threeRuns(ws);
  });
  after(() => ws.remove());

  it('should have created each snapshot at the instant the test chose', () => {
    const listed = JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout) as { id: string; createdAt: string }[];
    expect(listed.map((s) => [s.id, s.createdAt])).to.deep.equal(history.ids.map((id, i) => [id, RUNS[i]!.at]));
    expect(new Set(history.latest.map(String)).size, 'each run changed latest.csv').to.equal(3);
    expect(history.latest[0]!.includes(0x01), 'a control character the terminal filter would escape').to.equal(true);
  });

  describe('to stdout', () => {
    it("should print the first run's latest.csv byte for byte, and nothing else, for --as-of <first id>", () => {
      const r = exportBytes(ws, '--as-of', history.ids[0]!);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout.equals(history.latest[0]!), r.stdout.toString()).to.equal(true);
      expect(r.stderr).to.equal('');
    });

    it('should print the newest table without --as-of', () => {
      const r = exportBytes(ws);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout.equals(history.latest[2]!)).to.equal(true);
    });

    const picks: [string, number][] = [
      ['2030-01-10', 0],
      ['2030-01-19', 0],
      ['2030-01-20', 1],
      ['2030-01-29', 1],
      ['2030-02-01', 2],
      ['2030-01-20T11:59:59.999Z', 0],
      ['2030-01-20T12:00:00Z', 1],
      ['2030-01-20T13:00:00+01:00', 1],
      ['2030-01-20T12:59:59.999+01:00', 0],
    ];
    for (const [asOf, run] of picks) {
      it(`should print the table of run ${run + 1} for --as-of ${asOf}`, () => {
        const r = exportBytes(ws, '--as-of', asOf);
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout.equals(history.latest[run]!), r.stdout.toString()).to.equal(true);
      });
    }
  });

  describe('to a file', () => {
    it('should write the table to --out (relative to the workspace) and say so in one line', () => {
      const r = ws.cliWith({ cwd: ws.path('output') }, 'export', 'demo', '--as-of', '2030-01-25', '--out', 'exports/as-of.csv');
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.equal(`pipeline demo: snapshot ${history.ids[1]} (4 rows) written to exports/as-of.csv\n`);
      expect(readFileSync(ws.path('exports', 'as-of.csv')).equals(history.latest[1]!)).to.equal(true);
    });

    it('should replace a file there, and print {pipeline, snapshot, rows, path} with --json', () => {
      ws.write('old.csv', 'stale\n');
      const r = ws.cli('export', 'demo', '--as-of', history.ids[0]!, '--out', ws.path('old.csv'), '--json');
      expect(r.code, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout)).to.deep.equal({ pipeline: 'demo', snapshot: history.ids[0], rows: 3, path: 'old.csv' });
      expect(readFileSync(ws.path('old.csv')).equals(history.latest[0]!)).to.equal(true);
      expect(ws.files('.').filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);
    });

    const refusals: [string, string, RegExp][] = [
      [
        "the pipeline's own latest.csv",
        'output/latest.csv',
        /^--out output\/latest\.csv is pipeline demo's own latest\.csv \(output\.path\), which export does not overwrite; .*dropline reset demo --to <snapshot>$/,
      ],
      ['the same file named another way', 'output/../output/./latest.csv', /is pipeline demo's own latest\.csv/],
      [
        'a path under snapshots/',
        'snapshots/demo/copy.csv',
        /^--out snapshots\/demo\/copy\.csv is inside snapshots\/ \(snapshots\.path\), where only dropline writes; choose a path outside it$/,
      ],
      ['a folder', 'output', /^--out output is a folder; name the file to write, e.g\. output\/demo\.csv$/],
    ];
    for (const [what, out, message] of refusals) {
      it(`should refuse ${what} with USAGE (exit 2) and change nothing`, () => {
        const before = ws.read('output/latest.csv');
        expectCliError(ws.cli('export', 'demo', '--as-of', history.ids[0]!, '--out', out), { code: 'USAGE', message, exit: 2 });
        expect(ws.read('output/latest.csv')).to.equal(before);
        expect(ws.files('snapshots/demo')).not.to.include('copy.csv');
      });
    }
  });

  describe('when --as-of names no snapshot', () => {
    it('should fail SNAPSHOT_NOT_FOUND (exit 1) for a date before the first, naming when the first was made', () => {
      expectCliError(ws.cli('export', 'demo', '--as-of', '2030-01-09'), {
        code: 'SNAPSHOT_NOT_FOUND',
        message: `pipeline demo has no snapshot created on or before 2030-01-09 (UTC): its oldest, ${history.ids[0]}, was created at 2030-01-10T12:00:00.000Z; list them with: dropline snapshots demo`,
        exit: 1,
      });
    });

    it('should fail USAGE (exit 2) for a value of no accepted form, naming it and the forms', () => {
      const r = ws.cli('export', 'demo', '--as-of', 'last week');
      expectCliError(r, {
        code: 'USAGE',
        message: /^--as-of "last week" is not a snapshot id like 20261125T214231123Z, "latest", a date like 2026-11-25 \(UTC\) or a date-time like/,
        exit: 2,
      });
      expect(r.stdout).to.equal('');
    });

    it('should refuse --json without --out with USAGE', () => {
      expectCliError(ws.cli('export', 'demo', '--json'), {
        code: 'USAGE',
        message: '--json describes the file --out writes; without --out the CSV itself goes to stdout',
        exit: 2,
      });
    });
  });

  describe('show and diff with dates', () => {
    it('should show the manifest of the snapshot a date names', () => {
      const r = ws.cli('show', 'demo', '2030-01-25');
      expect(r.code, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout).id).to.equal(history.ids[1]);
    });

    it('should diff the snapshots two date-times name', () => {
      const r = ws.cli('diff', 'demo', '2030-01-15T00:00:00Z', '2030-01-20', '--json');
      expect(r.code, r.stderr).to.equal(0);
      const diff = JSON.parse(r.stdout);
      expect([diff.from, diff.to]).to.deep.equal([history.ids[0], history.ids[1]]);
      expect(diff.counts).to.deep.equal({ added: 1, removed: 0, changed: 1 });
    });

    it('should fail show SNAPSHOT_NOT_FOUND (exit 1) for a date before the first snapshot', () => {
      expectCliError(ws.cli('show', 'demo', '2030-01-01T00:00:00Z'), {
        code: 'SNAPSHOT_NOT_FOUND',
        message:
          /^pipeline demo has no snapshot created at or before 2030-01-01T00:00:00\.000Z: its oldest, \d{8}T\d{9}Z, was created at 2030-01-10T12:00:00\.000Z; list them with: dropline snapshots demo$/,
        exit: 1,
      });
    });
  });
});
