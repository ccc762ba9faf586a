import { expect } from 'chai';
import { stringify } from 'yaml';
import { AlertReceiver } from '../helpers/alertReceiver.js';
import { cliAsync } from '../helpers/cliAsync.js';
import { CLOCK_PLUGIN, clientRows, clientYaml, dropAndRun, usualHistory, week } from '../helpers/clientDrops.js';
import { TestWorkspace } from '../helpers/workspace.js';

/** A week after the sixth drop's day: acme (no sixth drop) is late, globex's sixth drop held half its usual rows. */
const NOW = '2030-02-08T12:00:00Z';

describe('dropline status alerts (end to end, a real local webhook)', () => {
  let ws: TestWorkspace;
  let receiver: AlertReceiver;
  before(() => {
    ws = new TestWorkspace({ acme: clientYaml('acme'), globex: clientYaml('globex') });
    ws.write('dropline.plugins.mjs', CLOCK_PLUGIN);
    for (const p of ['acme', 'globex']) usualHistory(ws, p);
    expect(dropAndRun(ws, 'globex', 'globex-5.csv', clientRows('globex5', 45), week(5)).code).to.equal(0);
  });
  beforeEach(async () => {
    receiver = await new AlertReceiver().start();
    ws.write('dropline.yaml', stringify({ alerts: [{ type: 'webhook', urlEnv: 'OPS_HOOK', retryDelayMs: 10 }] }));
  });
  afterEach(() => receiver.close());
  after(() => ws.remove());

  const status = (...args: string[]) => cliAsync(ws, ['status', ...args], { DROPLINE_TEST_NOW: NOW, OPS_HOOK: receiver.url });

  it('should alert each finding once, after a failed try, and not again while it stands; --at alerts nothing', async () => {
    expect((await status('--at', NOW)).code).to.equal(4);
    expect(receiver.received, '--at is a what-if').to.have.length(0);

    receiver.answers = [500];
    const first = await status();
    expect(first.code, first.stderr).to.equal(4);
    const accepted = receiver.accepted();
    expect(accepted.map((a) => [a.pipeline, a.event])).to.deep.equal([
      ['acme', 'status.late'],
      ['globex', 'status.volume'],
    ]);
    expect(receiver.received).to.have.length(3);
    expect(receiver.received[0]!.body.id).to.equal(accepted[0]!.id);
    expect(accepted[0]!.summary).to.match(/^acme: late: \d+ days late against its usual 7/);
    expect(accepted[1]!.summary).to.match(/^globex: volume: rows 45 vs usual/);
    expect(accepted[1]!.details).to.deep.include({ verdict: 'volume', latestRows: (accepted[1]!.details as { latestRows: number }).latestRows });
    expect((accepted[1]!.details as { lastDrop: { rows: number } }).lastDrop.rows).to.equal(45);

    const again = await status();
    expect(again.code).to.equal(4);
    expect(receiver.received, 'the same findings are not sent again').to.have.length(3);
  });
});
