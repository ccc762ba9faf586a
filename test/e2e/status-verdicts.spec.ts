import { expect } from 'chai';
import { existsSync, rmSync } from 'node:fs';
import { expectCliError } from '../helpers/expectError.js';
import { CLOCK_PLUGIN, clientRows, clientYaml, dropAndRun, usualHistory, week } from '../helpers/clientDrops.js';
import { TestWorkspace } from '../helpers/workspace.js';

interface Report {
  pipeline: string;
  verdict: string;
  reasons: string[];
  lastRun: { runId: string; ok: boolean; error?: { code: string } } | null;
}

const status = (ws: TestWorkspace, ...args: string[]): { code: number; reports: Report[] } => {
  const r = ws.cli('status', '--json', ...args);
  expect(r.stdout, r.stderr).to.not.equal('');
  return { code: r.code, reports: JSON.parse(r.stdout) as Report[] };
};

describe('dropline status verdicts (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace({ acme: clientYaml('acme') });
    ws.write('dropline.plugins.mjs', CLOCK_PLUGIN);
  });
  afterEach(() => ws.remove());

  it('should call a pipeline that never ran ok, say so, and exit 0', () => {
    const r = ws.cli('status');
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^acme\s+ok\s+never ran \| no drop yet, 0 waiting, 0 quarantined, 0 open rejects\n$/);
  });

  it('should say failing after a run that failed, with its error, until a run succeeds', () => {
    ws.writeDefinition('acme', clientYaml('acme', { validation: { badRows: 'fail' } }));
    const failed = dropAndRun(ws, 'acme', 'bad.csv', 'id,description,timestamp\na,x,not-a-date\n', week(0));
    expect(failed.code).to.equal(1);
    expect(existsSync(ws.path('snapshots', 'acme', 'last-run.json')), 'the record beside the snapshots').to.equal(true);
    const after = status(ws, '--at', week(1));
    expect(after.code).to.equal(4);
    expect(after.reports[0]).to.deep.include({ verdict: 'failing' });
    expect(after.reports[0]!.reasons[0]).to.match(/^last run \S+ failed: error\[VALIDATION_FAILED\]: bad\.csv:2: /);
    rmSync(ws.path('input', 'acme', 'bad.csv'));
    expect(ws.cliWithEnv({ DROPLINE_TEST_NOW: week(1) }, 'run', 'acme').code).to.equal(0);
    const fixed = status(ws, '--at', week(1));
    expect([fixed.code, fixed.reports[0]!.verdict, fixed.reports[0]!.lastRun?.ok]).to.deep.equal([0, 'ok', true]);
  });

  it('should judge a declared cadence from the first drop', () => {
    ws.writeDefinition('acme', clientYaml('acme', { expect: { every: '3d', grace: '1d' } }));
    expect(dropAndRun(ws, 'acme', 'a.csv', clientRows('a', 5), week(0)).code).to.equal(0);
    expect(status(ws, '--at', '2030-01-05T11:00:00Z').reports[0]!.verdict).to.equal('ok');
    const late = status(ws, '--at', '2030-01-05T13:00:00Z');
    expect(late.code).to.equal(4);
    expect(late.reports[0]).to.deep.include({ verdict: 'late', reasons: ['1 day late against its declared 3 days (grace 1 day)'] });
  });

  it('should name a header that now maps by fuzzy match, with its file', () => {
    usualHistory(ws, 'acme');
    const drifted = clientRows('acme5', 100, ['id', 'descripton', 'timestamp']);
    expect(dropAndRun(ws, 'acme', 'acme-5.csv', drifted, week(5)).code).to.equal(0);
    const r = status(ws, '--at', week(5));
    expect(r.reports[0]).to.deep.include({ verdict: 'schema' });
    expect(r.reports[0]!.reasons).to.have.length(1);
    expect(r.reports[0]!.reasons[0]).to.match(/^header "descripton" now maps to description by fuzzy match \d+% in acme-5\.csv$/);
  });

  it('should judge the volume band the definition sets', () => {
    usualHistory(ws, 'acme');
    expect(dropAndRun(ws, 'acme', 'acme-5.csv', clientRows('acme5', 120), week(5)).code).to.equal(0);
    expect(status(ws, '--at', week(5)).reports[0]!.verdict).to.equal('ok');
    ws.writeDefinition('acme', clientYaml('acme', { expect: { volume: { min: 0.9, max: 1.1 } } }));
    expect(status(ws, '--at', week(5)).reports[0]).to.deep.include({ verdict: 'volume', reasons: ['rows 120 vs usual 98-104'] });
  });

  it('should list a pipeline whose definition cannot be used as failing, and refuse an unknown name', () => {
    ws.write('pipelines/broken.yaml', 'name: broken\nsource: 3\n');
    const r = status(ws);
    expect(r.code).to.equal(4);
    expect(r.reports.map((x) => [x.pipeline, x.verdict])).to.deep.equal([
      ['acme', 'ok'],
      ['broken', 'failing'],
    ]);
    expect(r.reports[1]!.reasons[0]).to.match(/^its definition cannot be used: error\[DEFINITION_INVALID\]/);
    expectCliError(ws.cli('status', 'acme', 'nope'), { code: 'DEFINITION_NOT_FOUND', message: /nope/, exit: 2 });
  });

  it('should stop at a damaged record of the last run (STATE_DAMAGED), never read it as nothing', () => {
    expect(dropAndRun(ws, 'acme', 'a.csv', clientRows('a', 5), week(0)).code).to.equal(0);
    ws.write('snapshots/acme/last-run.json', '{"runId": ');
    expectCliError(ws.cli('status'), { code: 'STATE_DAMAGED', message: /snapshots\/acme\/last-run\.json: the record of the last run is damaged/, exit: 1 });
  });
});
