import { expect } from 'chai';
import { serve, type Served } from '../helpers/servedWorkspace.js';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const HEADER = ['id', 'description', 'timestamp'];
const SLASHED = 'k/4 ü?#';

/** A composite key (region, id) under a folder, like serve.spec.ts's. */
const ACME = {
  name: 'acme',
  source: { type: 'directory', path: 'input/acme', archive: 'input/acme-done' },
  schema: {
    key: ['region', 'id'],
    timestamp: 'timestamp',
    columns: { region: { type: 'string', required: true }, id: { type: 'integer', required: true }, amount: { type: 'number' }, timestamp: { type: 'date', required: true } },
  },
  output: { path: 'output/acme.csv' },
};

/** A pipeline whose own name ends in `/keys`: the one name the two forms of the route could read two ways. */
const TEAM_KEYS = { ...demoYaml(), name: 'keys', source: { type: 'directory', path: 'input/team', archive: 'input/team-done' }, output: { path: 'output/team.csv' } };

describe('GET /api/pipelines/<name>/keys/<key>/history (end to end)', function () {
  this.timeout(120_000);
  let ws: TestWorkspace;
  let server: Served;
  /** demo's snapshots, oldest first: two runs, then a reset to the first. */
  let ids: string[];
  const get = async (path: string): Promise<{ status: number; body: Json }> => {
    const res = await fetch(new URL(path, server.url));
    return { status: res.status, body: await res.json() };
  };
  const cliHistory = (pipeline: string, ...key: string[]): Json => {
    const r = ws.cli('history', pipeline, ...key, '--json');
    expect(r.code, r.stderr).to.equal(0);
    return JSON.parse(r.stdout);
  };

  before(async () => {
    const empty = { ...demoYaml(), name: 'empty', source: { type: 'directory', path: 'input/empty', archive: 'input/empty-done' }, output: { path: 'output/empty.csv' } };
    ws = new TestWorkspace({ demo: demoYaml(), 'clients/acme': ACME, 'team/keys': TEAM_KEYS, empty });
    const run = (pipeline = 'demo'): string => {
      const r = ws.run(pipeline);
      expect(r.code, r.stderr).to.equal(0);
      return r.summary.snapshot!;
    };
    ws.drop('a.csv', csv([HEADER, ['k1', 'old', '2021-01-01'], ['k2', 'two', '2021-01-01'], ['k1', 'newer', '2021-01-05'], [SLASHED, 'odd key', '2021-01-01']]));
    const first = run();
    ws.drop('b.csv', csv([HEADER, ['k1', 'later', '2021-02-01'], ['k3', 'new', '2021-02-01']]));
    const second = run();
    expect(ws.cli('reset', 'demo', '--to', first).code).to.equal(0);
    ids = [first, second, JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout).at(-1).id];
    ws.write(
      'input/acme/a.csv',
      csv([
        ['region', 'id', 'amount', 'timestamp'],
        ['eu', '7', '2', '2021-01-01'],
        ['us', '7', '3', '2021-01-01'],
      ]),
    );
    run('clients/acme');
    ws.write(
      'input/acme/b.csv',
      csv([
        ['region', 'id', 'amount', 'timestamp'],
        ['eu', '7', '2.5', '2021-02-01'],
      ]),
    );
    run('clients/acme');
    ws.write('input/team/a.csv', csv([HEADER, ['keys', 'a key named keys', '2021-01-01'], ['t1', 'team row', '2021-01-01']]));
    run('team/keys');
    server = await serve(ws);
  });
  after(async () => {
    await server?.stop();
    ws?.remove();
  });

  it('should answer what `dropline history --json` prints: every version, oldest first, a reset included', async () => {
    const r = await get('/api/pipelines/demo/keys/k1/history');
    expect(r.status).to.equal(200);
    expect(r.body).to.deep.equal(cliHistory('demo', 'k1'));
    expect(r.body.map((v: Json) => [v.snapshot, v.change, v.row.description, v.file, v.line, v.run])).to.deep.equal([
      [ids[0], 'insert', 'newer', 'a.csv', 4, ids[0]],
      [ids[1], 'update', 'later', 'b.csv', 2, ids[1]],
      [ids[2], 'update', 'newer', 'a.csv', 4, ids[0]],
    ]);
    const k3 = await get('/api/pipelines/demo/keys/k3/history');
    expect(k3.body.map((v: Json) => [v.snapshot, v.change, v.row.description, v.file])).to.deep.equal([
      [ids[1], 'insert', 'new', 'b.csv'],
      [ids[2], 'delete', 'new', null],
    ]);
  });

  it('should take a key percent-encoded in the path, or as ?key= on /keys/history, with the same answer', async () => {
    const inPath = await get(`/api/pipelines/demo/keys/${encodeURIComponent(SLASHED)}/history`);
    const inQuery = await get(`/api/pipelines/demo/keys/history?key=${encodeURIComponent(SLASHED)}`);
    expect(inPath.status).to.equal(200);
    expect(inPath.body.map((v: Json) => v.row.description)).to.deep.equal(['odd key']);
    expect(inQuery.body).to.deep.equal(inPath.body);
    expect((await get('/api/pipelines/demo/keys/history?key=k1')).body).to.deep.equal(cliHistory('demo', 'k1'));
  });

  it('should take a composite key as ?key= once per key column, in key order, read as latest.csv writes it', async () => {
    const r = await get('/api/pipelines/clients/acme/keys/history?key=eu&key=7');
    expect(r.status).to.equal(200);
    expect(r.body).to.deep.equal(cliHistory('clients/acme', 'eu', '7'));
    expect(r.body.map((v: Json) => [v.change, v.row.amount])).to.deep.equal([
      ['insert', '2'],
      ['update', '2.5'],
    ]);
    expect((await get('/api/pipelines/clients%2Facme/keys/history?key=eu&key=007')).body).to.deep.equal(r.body);
    expect((await get('/api/pipelines/clients/acme/keys/history?key=us&key=7')).body.map((v: Json) => v.change)).to.deep.equal(['insert']);
  });

  it('should answer [] for a key no snapshot holds, and for a pipeline never run', async () => {
    expect(await get('/api/pipelines/demo/keys/nope/history')).to.deep.equal({ status: 200, body: [] });
    expect(await get('/api/pipelines/clients/acme/keys/history?key=eu&key=8')).to.deep.equal({ status: 200, body: [] });
    expect(await get('/api/pipelines/empty/keys/k1/history')).to.deep.equal({ status: 200, body: [] });
  });

  it('should read a pipeline named <folder>/keys both ways', async () => {
    const expected = cliHistory('team/keys', 't1');
    expect(expected).to.have.length(1);
    expect((await get('/api/pipelines/team/keys/keys/t1/history')).body).to.deep.equal(expected);
    expect((await get('/api/pipelines/team/keys/keys/history?key=t1')).body).to.deep.equal(expected);
    expect((await get('/api/pipelines/team/keys/keys/keys/history')).body.map((v: Json) => v.row.description)).to.deep.equal(['a key named keys']);
  });

  it('should answer 400 for a wrong number of key values, naming the key columns', async () => {
    for (const path of ['/api/pipelines/clients/acme/keys/7/history', '/api/pipelines/clients/acme/keys/history?key=eu', '/api/pipelines/demo/keys/history?key=a&key=b']) {
      const r = await get(path);
      expect(r.status, path).to.equal(400);
      expect(r.body.error.code).to.equal('BAD_REQUEST');
    }
    const r = await get('/api/pipelines/clients/acme/keys/7/history');
    expect(r.body.error.message).to.equal(
      'pipeline clients/acme has 2 key columns (region, id): give key= once per key column, in that order: /api/pipelines/clients/acme/keys/history?key=<region>&key=<id>; got 1 value',
    );
  });

  it('should answer 400 for no key, a key given both ways, bad percent-encoding or another parameter', async () => {
    const cases: [string, RegExp][] = [
      ['/api/pipelines/demo/keys/history', /^the key is missing: \/keys\/<key>\/history, or \/keys\/history\?key=<value> once per key column/],
      ['/api/pipelines/demo/keys/k1/history?key=k1', /^give the key in the path or as \?key=, not both/],
      ['/api/pipelines/demo/keys/%E0%A4%A/history', /^the key in the path is not valid percent-encoding/],
      ['/api/pipelines/demo/keys/k1/history?snapshot=latest', /^unknown parameter "snapshot" \(known here: key\)/],
    ];
    for (const [path, message] of cases) {
      const r = await get(path);
      expect([r.status, r.body.error.code], path).to.deep.equal([400, 'BAD_REQUEST']);
      expect(r.body.error.message, path).to.match(message);
    }
  });

  it('should answer 404 DEFINITION_NOT_FOUND for an unknown pipeline, as the other routes do', async () => {
    const r = await get('/api/pipelines/nope/keys/k1/history');
    expect(r.status).to.equal(404);
    expect(r.body.error.code).to.equal('DEFINITION_NOT_FOUND');
    expect((await get('/api/pipelines/nope/rows')).body.error.code).to.equal('DEFINITION_NOT_FOUND');
  });
});
