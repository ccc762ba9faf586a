import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { Alerts } from '../../../src/alerts/Alerts.js';
import { statusEvent, type StatusFinding } from '../../../src/alerts/alertEvents.js';
import { DefinitionLoader } from '../../../src/definition/DefinitionLoader.js';
import { Workspace } from '../../../src/workspace/Workspace.js';
import { AlertReceiver } from '../../helpers/alertReceiver.js';
import { RecordingLogger } from '../../helpers/RecordingLogger.js';
import { demoYaml, TestWorkspace } from '../../helpers/workspace.js';

const LATE: StatusFinding = {
  pipeline: 'demo',
  verdict: 'late',
  reasons: ['3 days late against its usual 7 +/- 1 days'],
  lastDrop: { at: '2026-11-10T08:00:00.000Z', snapshot: '20261110T080100000Z' },
  lastRun: { runId: '20261110T080100000Z' },
  snapshot: '20261110T080100000Z',
  waiting: 0,
  quarantined: 0,
  openRejects: 0,
  latestRows: 12,
};

describe('Alerts (status findings)', () => {
  let ws: TestWorkspace;
  let receiver: AlertReceiver;
  let logger: RecordingLogger;
  const alerts = (workspaceAlerts: unknown[] = []) => {
    const workspace = new Workspace(ws.root);
    const now = { now: () => new Date('2026-11-20T00:00:00.000Z') };
    return new Alerts(workspace, now, logger, {}, workspaceAlerts as never, new DefinitionLoader(workspace, {}));
  };

  beforeEach(async () => {
    receiver = await new AlertReceiver().start();
    logger = new RecordingLogger();
    ws = new TestWorkspace({ demo: demoYaml({ alerts: [{ type: 'webhook', url: receiver.url, retryDelayMs: 1 }] }) });
  });
  afterEach(async () => {
    await receiver.close();
    ws.remove();
  });

  it('should alert a pipeline that stays late once, and again when it is late after a newer drop', async () => {
    await alerts().alertStatus([LATE]);
    await alerts().alertStatus([LATE]);
    expect(receiver.accepted()).to.have.length(1);
    expect(receiver.accepted()[0]).to.deep.include({
      event: 'status.late',
      pipeline: 'demo',
      snapshot: LATE.snapshot,
      summary: 'demo: late: 3 days late against its usual 7 +/- 1 days',
    });
    expect(receiver.accepted()[0]!.details).to.deep.include({ verdict: 'late', lastDrop: LATE.lastDrop, latestRows: 12 });
    const later = { ...LATE, lastDrop: { at: '2026-11-17T08:00:00.000Z', snapshot: '20261117T080100000Z' } };
    await alerts().alertStatus([later, { ...later, verdict: 'ok', reasons: [] }]);
    expect(receiver.accepted()).to.have.length(2);
  });

  it('should send nothing and write no record for a verdict of ok or a pipeline without webhooks', async () => {
    await alerts().alertStatus([{ ...LATE, verdict: 'ok', reasons: [] }]);
    expect(existsSync(ws.path('snapshots', 'demo', 'alerts.json'))).to.equal(false);
    ws.writeDefinition('demo', demoYaml());
    await alerts().alertStatus([LATE]);
    expect(receiver.received).to.have.length(0);
    expect(existsSync(ws.path('snapshots', 'demo', 'alerts.json'))).to.equal(false);
  });

  it('should send an event once to a URL both the definition and dropline.yaml list', async () => {
    await alerts([{ type: 'webhook', url: receiver.url, timeoutMs: 1000, retries: 0, retryDelayMs: 1 }]).alertStatus([LATE]);
    expect(receiver.received).to.have.length(1);
  });

  it('should warn, never throw, when the record is damaged, and send nothing it cannot tell was sent', async () => {
    ws.write('snapshots/demo/alerts.json', '{');
    await alerts().alertStatus([LATE]);
    expect(receiver.received).to.have.length(0);
    expect(logger.lines.find((l) => l.level === 'warn')?.message).to.match(/^error\[STATE_DAMAGED\]: alerts of pipeline demo were not sent: .*snapshots\/demo\/alerts\.json/);
  });

  it('should send again, with the same id, a delivery a killed command left attempting; not one older than the retry window', async () => {
    await alerts().alertStatus([LATE]);
    const path = 'snapshots/demo/alerts.json';
    const sent = JSON.parse(ws.read(path)) as { events: { id: string; at: string; deliveries: Record<string, { state: string }>; payload?: object }[] };
    const [event] = sent.events;
    const payload = receiver.accepted()[0]!;
    // As a command killed between its POST and its record leaves it.
    for (const d of Object.values(event!.deliveries)) d.state = 'attempting';
    ws.write(path, JSON.stringify({ events: [{ ...event, payload }] }));
    await alerts().alertStatus([{ ...LATE, verdict: 'ok', reasons: [] }]);
    expect(receiver.received.map((r) => r.headers['idempotency-key'])).to.deep.equal([event!.id, event!.id]);
    expect(receiver.received[1]!.body).to.deep.equal(payload);

    ws.write(path, JSON.stringify({ events: [{ ...event, at: '2026-11-01T00:00:00.000Z', payload }] }));
    await alerts().alertStatus([{ ...LATE, verdict: 'ok', reasons: [] }]);
    expect(receiver.received).to.have.length(2);
  });

  it('should identify each verdict by what it is judged against', () => {
    const id = (f: StatusFinding) => statusEvent(f)?.id;
    expect(id(LATE)).to.equal(id({ ...LATE, snapshot: 'other', lastRun: { runId: 'other' } }));
    expect(id(LATE)).not.to.equal(id({ ...LATE, lastDrop: { ...LATE.lastDrop!, at: '2026-11-11T00:00:00.000Z' } }));
    expect(id({ ...LATE, verdict: 'schema' })).not.to.equal(id({ ...LATE, verdict: 'schema', snapshot: 'newer' }));
    expect(id({ ...LATE, verdict: 'failing' })).not.to.equal(id({ ...LATE, verdict: 'failing', lastRun: { runId: 'newer' } }));
    expect(id({ ...LATE, verdict: 'volume' })).not.to.equal(id(LATE));
    expect(statusEvent({ ...LATE, verdict: 'ok' })).to.equal(null);
  });
});
