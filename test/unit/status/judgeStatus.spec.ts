import { expect } from 'chai';
import { judgeStatus, type StatusFacts } from '../../../src/status/judgeStatus.js';
import { day, manifest, weekly } from './statusFixtures.js';

const none = { files: 0, newest: null };
const facts = (over: Partial<StatusFacts>): StatusFacts => ({ pipeline: 'p', manifests: [], lastRun: null, waiting: none, quarantined: none, openRejects: 0, ...over });

describe('judgeStatus', () => {
  it('should call a pipeline that never ran ok, saying so', () => {
    expect(judgeStatus(facts({}), undefined, new Date(day(0)))).to.deep.include({ verdict: 'ok', reasons: ['never ran'], lastRun: null, snapshot: null, latestRows: null });
  });

  it('should put failing first, then late, schema and volume, listing every reason', () => {
    const history = weekly([0, 7, 14, 21, 28], [100, 100, 100, 100, 10]);
    history.push(manifest({ at: day(28, 14), files: [], headers: [] }));
    const lastRun = { runId: 'r1', at: day(30), ok: false, error: { code: 'SINK_FAILED', message: 'sqlite\nlocked' } };
    const report = judgeStatus(facts({ manifests: history, lastRun }), undefined, new Date(day(40)));
    expect(report.verdict).to.equal('failing');
    expect(report.reasons).to.deep.equal(['last run r1 failed: error[SINK_FAILED]: sqlite locked', '5 days late against its usual 7 +/- 0 days', 'rows 10 vs usual 100']);
  });

  it('should count the newest file waiting or quarantined as an arrival', () => {
    const history = weekly([0, 7, 14, 21]);
    expect(judgeStatus(facts({ manifests: history }), undefined, new Date(day(31))).verdict).to.equal('late');
    const waiting = { files: 1, newest: Date.parse(day(29)) };
    expect(judgeStatus(facts({ manifests: history, waiting }), undefined, new Date(day(31))).verdict).to.equal('ok');
    expect(judgeStatus(facts({ manifests: history, quarantined: waiting }), undefined, new Date(day(31))).verdict).to.equal('ok');
  });

  it('should report the counts, the last drop and the cadence with its due date', () => {
    const history = weekly([0, 7, 14, 21]);
    const report = judgeStatus(
      facts({ manifests: history, waiting: { files: 2, newest: null }, quarantined: { files: 1, newest: null }, openRejects: 3 }),
      undefined,
      new Date(day(22)),
    );
    expect(report).to.deep.include({ verdict: 'ok', reasons: [], waiting: 2, quarantined: 1, openRejects: 3, latestRows: 10, snapshot: history[3]!.id });
    expect(report.lastDrop).to.deep.equal({ at: day(21), files: ['f3.csv'], rows: 100, snapshot: history[3]!.id });
    expect(report.cadence).to.deep.equal({ source: 'learned', everyDays: 7, spreadDays: 0, graceDays: 1, dueAt: day(28) });
    expect(report.lastRun).to.deep.equal({ runId: history[3]!.id, at: history[3]!.createdAt, ok: true });
  });
});
