import { expect } from 'chai';
import { mkdirSync, rmSync } from 'node:fs';
import { stringify } from 'yaml';
import { AlertReceiver } from '../helpers/alertReceiver.js';
import { cliAsync } from '../helpers/cliAsync.js';
import { fencedBlocks, readPage, section } from '../helpers/docPages.js';
import { TYPED_DROPS, TYPED_SCHEMA } from '../helpers/sinkTables.js';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

const GOOD = 'id,description,timestamp\na,first,2021-03-01\nb,,not-a-date\n';
/** No timestamp column: the file is quarantined. */
const NO_TIMESTAMP = 'id,description\nc,third\n';

describe('alerts (end to end, a real local webhook)', () => {
  let ws: TestWorkspace;
  let receiver: AlertReceiver;
  const hook = (extra: Record<string, unknown> = {}) => ({ type: 'webhook', url: receiver.url, retryDelayMs: 10, ...extra });

  beforeEach(async () => (receiver = await new AlertReceiver().start()));
  afterEach(async () => {
    await receiver.close();
    ws.remove();
  });

  it('should deliver a run that rejected rows and quarantined a file once, retrying a failed try, with the documented payload', async () => {
    ws = new TestWorkspace();
    ws.writeDefinition('demo', demoYaml({ alerts: [hook()] }));
    ws.drop('a.csv', GOOD);
    ws.drop('b.csv', NO_TIMESTAMP);
    receiver.answers = [500];
    const r = await cliAsync(ws, ['run', 'demo', '--json']);
    expect(r.code, r.stderr).to.equal(3);
    const summary = JSON.parse(r.stdout) as { runId: string; snapshot: string };

    expect(receiver.received.map((x) => x.status)).to.deep.equal([500, 200]);
    const [failed, delivered] = receiver.received;
    expect(delivered!.headers['idempotency-key']).to.equal(delivered!.body.id);
    expect(failed!.body).to.deep.equal(delivered!.body);
    expect(delivered!.headers['content-type']).to.equal('application/json');
    const body = delivered!.body;
    expect(body).to.have.all.keys('event', 'id', 'pipeline', 'snapshot', 'at', 'summary', 'details');
    expect(body).to.include({ event: 'run.set-aside', pipeline: 'demo', snapshot: summary.snapshot });
    expect(body.id).to.match(/^[0-9a-f]{32}$/);
    expect(Number.isNaN(Date.parse(body.at as string)), 'at is a date').to.equal(false);
    expect(body.summary).to.equal(`demo: run ${summary.runId} rejected 1 row of 2 (output/rejects/${summary.runId}.csv) and quarantined 1 file (b.csv)`);
    expect(body.details).to.deep.include({ runId: summary.runId, rowsRead: 2, rowsRejected: 1, rejects: `output/rejects/${summary.runId}.csv` });
    expect((body.details as { quarantined: { file: string }[] }).quarantined.map((q) => q.file)).to.deep.equal(['b.csv']);
    // As docs/operations.md shows it.
    const documented = JSON.parse(fencedBlocks(section(readPage('docs/operations.md'), 'The payload')).find((b) => b.lang === 'json')!.text) as typeof body;
    expect(Object.keys(body)).to.deep.equal(Object.keys(documented));
    expect(Object.keys(body.details as object)).to.deep.equal(Object.keys(documented.details as object));
    expect((body.details as { quarantined: object[] }).quarantined[0]).to.have.keys('file', 'code', 'message');
    expect((body.details as { quarantined: { code: string }[] }).quarantined[0]!.code).to.equal('MISSING_COLUMN');
    expect(delivered!.headers['x-dropline-event']).to.equal('run.set-aside');

    // Nothing new: nothing is sent again, by a run or a sync.
    expect((await cliAsync(ws, ['run', 'demo'])).code).to.equal(0);
    expect((await cliAsync(ws, ['sync', 'demo'])).code).to.equal(0);
    expect(receiver.accepted()).to.have.length(1);
    const record = JSON.parse(ws.read('snapshots/demo/alerts.json')) as { events: { id: string; deliveries: Record<string, { state: string; tries: number }> }[] };
    expect(record.events.map((e) => e.id)).to.deep.equal([body.id]);
    expect(Object.values(record.events[0]!.deliveries).map(({ state, tries }) => ({ state, tries }))).to.deep.equal([{ state: 'sent', tries: 2 }]);
    expect(ws.read('snapshots/demo/alerts.json')).not.to.contain(receiver.url);
  });

  it('should record a delivery that failed every try, keep the exit code, and deliver it with the next command', async () => {
    ws = new TestWorkspace();
    ws.writeDefinition('demo', demoYaml({ alerts: [hook({ retries: 1 })] }));
    ws.drop('a.csv', GOOD);
    receiver.answers = [503, 503];
    const r = await cliAsync(ws, ['run', 'demo']);
    expect(r.code, r.stderr).to.equal(3);
    expect(r.stderr).to.match(
      /alert run\.set-aside \([0-9a-f]+\) to http:\/\/127\.0\.0\.1:\d+ failed after 2 tries: HTTP 503 Service Unavailable; it is retried by the next run, sync or status of this pipeline/,
    );
    expect(receiver.accepted()).to.have.length(0);

    const next = await cliAsync(ws, ['run', 'demo']);
    expect(next.code, next.stderr).to.equal(0);
    expect(receiver.received.map((x) => x.status)).to.deep.equal([503, 503, 200]);
    expect(new Set(receiver.received.map((x) => x.body.id)).size).to.equal(1);
    expect((await cliAsync(ws, ['run', 'demo'])).code).to.equal(0);
    expect(receiver.received).to.have.length(3);
  });

  it('should alert a failing sink once per snapshot, not again when sync fails the same way', async () => {
    ws = new TestWorkspace({ shop: demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks: [{ type: 'sqlite' }], alerts: [hook()] }) });
    mkdirSync(ws.path('output', 'shop.sqlite'), { recursive: true }); // a folder where the database file should be
    ws.drop(...TYPED_DROPS[0]!);
    const r = await cliAsync(ws, ['run', 'shop', '--json']);
    expect(r.code, r.stderr).to.equal(5);
    const snapshot = (JSON.parse((await cliAsync(ws, ['show', 'shop', 'latest'])).stdout) as { id: string }).id;
    expect((await cliAsync(ws, ['sync', 'shop'])).code).to.equal(5);
    expect(receiver.accepted()).to.have.length(1);
    const body = receiver.accepted()[0]!;
    expect(body).to.include({ event: 'sink.failed', pipeline: 'shop', snapshot });
    expect(body.details).to.include({ sink: 'sinks[0]', type: 'sqlite' });
    expect(body.summary).to.match(new RegExp(`^shop: sink sqlite \\(sinks\\[0\\]\\) failed: .+; snapshot ${snapshot} is committed; bring it up to date with: dropline sync shop$`));
    rmSync(ws.path('output', 'shop.sqlite'), { recursive: true });
    expect((await cliAsync(ws, ['sync', 'shop'])).code).to.equal(0);
    expect(receiver.received).to.have.length(1);
  });

  it("should take dropline.yaml's alerts (urlEnv), send a URL listed twice once, and send what waited for an unset variable once it is set", async () => {
    ws = new TestWorkspace();
    ws.write('dropline.yaml', stringify({ alerts: [{ type: 'webhook', urlEnv: 'HOOK_URL', retryDelayMs: 10 }] }));
    ws.writeDefinition('demo', demoYaml({ alerts: [hook()] }));
    ws.drop('a.csv', GOOD);
    const first = await cliAsync(ws, ['run', 'demo'], { HOOK_URL: receiver.url });
    expect(first.code, first.stderr).to.equal(3);
    expect(receiver.received).to.have.length(1);

    ws.writeDefinition('demo', demoYaml());
    ws.drop('b.csv', 'id,description,timestamp\nd,,bad\n');
    const unset = await cliAsync(ws, ['run', 'demo'], { HOOK_URL: undefined });
    expect(unset.code).to.equal(3);
    expect(unset.stderr).to.contain('not sent: the environment variable HOOK_URL (urlEnv) is not set');
    expect(receiver.received).to.have.length(1);
    expect((await cliAsync(ws, ['run', 'demo'], { HOOK_URL: receiver.url })).code).to.equal(0);
    expect(receiver.received).to.have.length(2);
    expect(receiver.received[1]!.body.summary).to.match(/rejected 1 row of 1/);
  });

  it('should refuse a webhook URL holding a password in a definition or dropline.yaml', async () => {
    ws = new TestWorkspace();
    ws.writeDefinition('demo', demoYaml({ alerts: [{ type: 'webhook', url: 'https://me:secret@hooks.example.com/x' }] }));
    ws.drop('a.csv', GOOD);
    const r = await cliAsync(ws, ['run', 'demo']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('error[DEFINITION_INVALID]: pipelines/demo.yaml: alerts[0].url holds a user or password before the host; keep secrets out of the file');
    ws.writeDefinition('demo', demoYaml());
    ws.write('dropline.yaml', stringify({ alerts: [{ type: 'webhook', url: 'https://hooks.example.com/x?token=abc' }] }));
    const w = await cliAsync(ws, ['run', 'demo']);
    expect(w.code).to.equal(2);
    expect(w.stderr).to.contain('error[DEFINITION_INVALID]: dropline.yaml: alerts[0].url holds the query parameter "token"');
    expect(ws.files('input/processing'), 'nothing was run').to.deep.equal(['a.csv']);
  });
});
