import { expect } from 'chai';
import { csv, TestWorkspace } from '../helpers/workspace.js';

interface Explained {
  key: string[];
  row: Record<string, string>;
  source: { file: string | null; line: number | null; run: string | null; snapshot: string };
  reason: string;
  losers: { file: string; line: number; row: Record<string, string> }[];
  losersRead: boolean;
}

interface Version {
  snapshot: string;
  change: string;
  row: Record<string, string>;
  file: string | null;
  line: number | null;
  run: string | null;
}

const HEADER = ['id', 'description', 'timestamp'];

for (const engine of ['auto', 'reference']) {
  describe(`explain and history of one row (end to end, --engine ${engine})`, function () {
    this.timeout(60_000);
    let ws: TestWorkspace;
    const run = (): string => {
      const r = ws.run('demo', '--engine', engine);
      expect(r.code, r.stderr).to.equal(0);
      return r.summary.snapshot!;
    };
    const explain = (...key: string[]): Explained => {
      const r = ws.cli('explain', 'demo', ...key, '--json');
      expect(r.code, r.stderr).to.equal(0);
      return JSON.parse(r.stdout) as Explained;
    };
    const history = (...key: string[]): Version[] => {
      const r = ws.cli('history', 'demo', ...key, '--json');
      expect(r.code, r.stderr).to.equal(0);
      return JSON.parse(r.stdout) as Version[];
    };

    beforeEach(() => {
      ws = new TestWorkspace();
    });
    afterEach(() => ws.remove());

    it('names the file, line, run and snapshot a row came from, why it won and the rows that lost, and lists every version', () => {
      // Line 4's record starts after a value spanning two lines: lines count as the rejects file counts them.
      ws.drop('a.csv', csv([HEADER, ['k1', 'old', '2021-01-01'], ['k2', 'two\nlines', '2021-01-01'], ['k1', 'newer', '2021-01-05'], ['k1', 'older', '2021-01-03']]));
      const first = run();
      const e1 = explain('k1');
      expect(e1.row).to.deep.equal({ id: 'k1', description: 'newer', timestamp: '2021-01-05', source_filename: 'a.csv' });
      expect(e1.source).to.deep.equal({ file: 'a.csv', line: 5, run: first, snapshot: first });
      expect(e1.reason).to.match(/greatest timestamp \(2021-01-05\) among the 3 rows/);
      expect(e1.losersRead).to.equal(true);
      expect(e1.losers.map((l) => [l.file, l.line, l.row.description])).to.deep.equal([
        ['a.csv', 2, 'old'],
        ['a.csv', 6, 'older'],
      ]);

      // A later file ties on the timestamp: the row read last wins, and says so.
      ws.drop('b.csv', csv([HEADER, ['k1', 'tie one', '2021-01-05'], ['k1', 'tie two', '2021-01-05'], ['k3', 'new', '2021-02-01']]));
      const second = run();
      const e2 = explain('k1');
      expect(e2.source).to.deep.equal({ file: 'b.csv', line: 3, run: second, snapshot: second });
      expect(e2.reason).to.match(/^tie on timestamp 2021-01-05 with 1 other row/);
      expect(e2.losers.map((l) => [l.file, l.line])).to.deep.equal([['b.csv', 2]]);

      // Back to the first snapshot: k3 goes, k1 is the first run's row again, from where that run read it.
      expect(ws.cli('reset', 'demo', '--to', first).code).to.equal(0);
      const third = JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout).at(-1).id as string;
      expect(history('k1').map((v) => [v.snapshot, v.change, v.row.description, v.file, v.line, v.run])).to.deep.equal([
        [first, 'insert', 'newer', 'a.csv', 5, first],
        [second, 'update', 'tie two', 'b.csv', 3, second],
        [third, 'update', 'newer', 'a.csv', 5, first],
      ]);
      expect(history('k3').map((v) => [v.snapshot, v.change, v.row.description, v.file])).to.deep.equal([
        [second, 'insert', 'new', 'b.csv'],
        [third, 'delete', 'new', null],
      ]);
      expect(history('k2')).to.have.length(1);
      expect(explain('k2').source.line).to.equal(3);
      // The text forms say the same for people.
      expect(ws.cli('explain', 'demo', 'k1').stdout).to.match(/from\s+a\.csv:5, run /);
      expect(ws.cli('history', 'demo', 'k3').stdout).to.match(/delete .*removed by a reset/);
    });

    it('finds the losing rows in an input archived under a clash name (a.csv sent twice)', () => {
      ws.drop('a.csv', csv([HEADER, ['k1', 'first week', '2021-01-01']]));
      run();
      ws.drop('a.csv', csv([HEADER, ['k1', 'lost', '2021-02-01'], ['k1', 'won', '2021-02-02']]));
      const second = run();
      expect(ws.files('input/processed')).to.have.length(2);
      const e = explain('k1');
      expect(e.source).to.deep.equal({ file: 'a.csv', line: 3, run: second, snapshot: second });
      expect(e.losers.map((l) => [l.file, l.line, l.row.description])).to.deep.equal([['a.csv', 2, 'lost']]);
      expect(e.reason).to.match(/^greatest timestamp/);
    });

    it('says which key is missing, with a hint, and exits 1', () => {
      ws.drop('a.csv', csv([HEADER, ['k1', 'x', '2021-01-01']]));
      run();
      const r = ws.cli('explain', 'demo', 'nope');
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(
        /^error\[KEY_NOT_FOUND\]: pipeline demo has no row with key nope \(id\) in snapshot \d{8}T\d{9}Z; see its versions with: dropline history demo nope\n$/,
      );
      const wrong = ws.cli('history', 'demo', 'a', 'b');
      expect(wrong.code).to.equal(2);
      expect(wrong.stderr).to.match(/error\[USAGE\]: pipeline demo has 1 key column\(s\) \(id\): give one value for each/);
    });
  });
}
