import { expect } from 'chai';
import { rmSync, utimesSync } from 'node:fs';
import { expectCliError } from '../helpers/expectError.js';
import { CLOCK_PLUGIN, clientRows, clientYaml, dropAndRun, usualHistory, week } from '../helpers/clientDrops.js';
import { TestWorkspace } from '../helpers/workspace.js';

interface Report {
  pipeline: string;
  verdict: string;
  reasons: string[];
  lastDrop: { at: string; files: string[]; rows: number; snapshot: string } | null;
  lastRun: { at: string; ok: boolean; error?: { code: string } } | null;
  snapshot: string | null;
  waiting: number | null;
  quarantined: number;
  openRejects: number;
  latestRows: number | null;
}

/** Judged a week after the sixth drop's day, three days past the fifth drop's due date plus a day's grace. */
const AT = '2030-02-08T12:00:00Z';

describe('dropline status (end to end)', () => {
  describe('with three clients: acme late, globex with half its usual volume, initech with a renamed header', () => {
    let ws: TestWorkspace;
    before(() => {
      ws = new TestWorkspace({ acme: clientYaml('acme'), globex: clientYaml('globex'), initech: clientYaml('initech') });
      ws.write('dropline.plugins.mjs', CLOCK_PLUGIN);
      for (const p of ['acme', 'globex', 'initech']) usualHistory(ws, p);
      expect(dropAndRun(ws, 'globex', 'globex-5.csv', clientRows('globex5', 45), week(5)).code).to.equal(0);
      const renamed = clientRows('initech5', 100, ['id', 'notes', 'timestamp']);
      expect(dropAndRun(ws, 'initech', 'initech-5.csv', renamed, week(5)).code).to.equal(0);
    });
    after(() => ws.remove());

    it('should name each problem in one line per pipeline and exit 4', () => {
      const r = ws.cli('status', '--at', AT);
      expect(r.code, r.stderr).to.equal(4);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines).to.have.length(3);
      expect(lines[0]).to.match(/^acme\s+late\s+3 days late against its usual 7 \+\/- 0 days \| last drop 2030-01-29 12:00Z \(1 file, 99 rows\)/);
      expect(lines[1]).to.match(/^globex\s+volume\s+rows 45 vs usual 98-104 \| last drop 2030-02-05 12:00Z/);
      expect(lines[2]).to.match(
        /^initech\s+schema\s+new header "notes" maps to no column in initech-5\.csv; column description \(header "description" before\) missing from initech-5\.csv \|/,
      );
    });

    it('should print the same judgement as JSON, one element per pipeline with every key', () => {
      const r = ws.cli('status', '--at', AT, '--json');
      expect(r.code, r.stderr).to.equal(4);
      const reports = JSON.parse(r.stdout) as Report[];
      expect(reports.map((x) => [x.pipeline, x.verdict])).to.deep.equal([
        ['acme', 'late'],
        ['globex', 'volume'],
        ['initech', 'schema'],
      ]);
      const acme = reports[0]!;
      expect(acme.reasons).to.deep.equal(['3 days late against its usual 7 +/- 0 days']);
      expect(acme.lastDrop).to.deep.include({ at: '2030-01-29T12:00:00.000Z', files: ['acme-4.csv'], rows: 99 });
      expect(acme.lastRun).to.deep.include({ at: '2030-01-29T12:00:00.000Z', ok: true });
      expect({ ...acme, lastDrop: null, lastRun: null, reasons: [], snapshot: typeof acme.snapshot }).to.deep.include({
        waiting: 0,
        quarantined: 0,
        openRejects: 0,
        latestRows: 502,
        snapshot: 'string',
      });
    });

    it('should judge only the pipelines named, and exit 0 when they are ok', () => {
      const r = ws.cli('status', 'globex', 'initech', '--at', '2030-02-06');
      expect(r.code, r.stderr).to.equal(4);
      expect(r.stdout.split('\n')[0]).to.match(/^globex /);
      const early = ws.cli('status', 'acme', '--at', '2030-02-05T12:00:00Z');
      expect(early.code, early.stdout).to.equal(0);
      expect(early.stdout).to.match(/^acme\s+ok\s+last drop/);
    });

    it('should judge lateness by the injected clock when --at is left out', () => {
      const onTime = ws.cliWithEnv({ DROPLINE_TEST_NOW: '2030-02-06T12:00:00Z' }, 'status', 'acme');
      expect(onTime.code, onTime.stdout).to.equal(0);
      const late = ws.cliWithEnv({ DROPLINE_TEST_NOW: '2030-02-07T13:00:00Z' }, 'status', 'acme');
      expect(late.code, late.stdout).to.equal(4);
      expect(late.stdout).to.contain('2 days late against its usual 7 +/- 0 days');
    });

    it('should count a file waiting in the drop as an arrival: not late, one waiting', () => {
      ws.write('input/acme/acme-5.csv', clientRows('acme5', 100));
      utimesSync(ws.path('input', 'acme', 'acme-5.csv'), new Date('2030-02-07T08:00:00Z'), new Date('2030-02-07T08:00:00Z'));
      try {
        const r = ws.cli('status', 'acme', '--json', '--at', AT);
        const [report] = JSON.parse(r.stdout) as Report[];
        expect(report!.waiting).to.equal(1);
        expect([report!.verdict, r.code]).to.deep.equal(['ok', 0]);
      } finally {
        rmSync(ws.path('input', 'acme', 'acme-5.csv'));
      }
    });

    it('should refuse an --at that is not a date or date-time (exit 2)', () => {
      expectCliError(ws.cli('status', '--at', 'yesterday'), { code: 'USAGE', message: /--at takes a date/, exit: 2 });
    });
  });
});
