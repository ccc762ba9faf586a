import { expect } from 'chai';
import { NEEDS_POSTGRES, query, startPostgres, uniqueSchema, unreachableUrl, type TestPostgres } from '../helpers/postgres.js';
import { describeNeeding } from '../helpers/requirement.js';
import { asPostgres, postgresCurrent, postgresRows, TYPED_DROPS, TYPED_SCHEMA } from '../helpers/sinkTables.js';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

describeNeeding(NEEDS_POSTGRES, 'a postgres sink (end to end, against a real server)', () => {
  let server: TestPostgres;
  let ws: TestWorkspace;
  let schema: string;
  /** The server's URL with a password, as a secret would arrive from the environment (the test server trusts every login). */
  let url: string;

  before(async () => {
    server = await startPostgres();
    url = server.url.replace(/^postgres:\/\/postgres@/, 'postgres://postgres:from-env@');
  });
  after(() => server?.stop());
  beforeEach(() => {
    schema = uniqueSchema();
    ws = new TestWorkspace({ shop: demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks: [{ type: 'postgres', options: { schema } }] }) });
  });
  afterEach(async () => {
    ws.remove();
    await query(server.url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  const withUrl = (value: string) => ['--set', `DATABASE_URL=${value}`];

  async function expectPublished(when: string): Promise<void> {
    expect(await postgresRows(server.url, `${schema}.shop`), when).to.deep.equal(asPostgres(ws.latest()));
    const newest = JSON.parse(ws.cli('show', 'shop', 'latest').stdout) as { id: string };
    expect(await postgresCurrent(server.url, `${schema}.shop_snapshots`), when).to.deep.equal([newest.id]);
  }

  it('should leave a table equal to latest.csv after every run, reset and clean', async () => {
    ws.drop(...TYPED_DROPS[0]!);
    const first = ws.run('shop', ...withUrl(url));
    expect(first.code, first.stderr).to.equal(0);
    await expectPublished('after the first run');
    ws.drop(...TYPED_DROPS[1]!);
    expect(ws.run('shop', ...withUrl(url)).code).to.equal(0);
    await expectPublished('after the second run');
    expect(ws.cli('reset', 'shop', '--to', first.summary.snapshot!, ...withUrl(url)).code).to.equal(0);
    await expectPublished('after the reset (rows move back)');
    expect(ws.cli('clean', 'shop', '--yes', ...withUrl(url)).code).to.equal(0);
    expect(await postgresRows(server.url, `${schema}.shop`)).to.deep.equal([]);
    expect(await query(server.url, `SELECT id FROM ${schema}.shop_snapshots`)).to.deep.equal([]);
    expect(ws.run('shop', ...withUrl(url)).code).to.equal(0);
    await expectPublished('after rebuilding');
  });

  it('should exit 5 with SINK_FAILED when the server is unreachable, keep the snapshot, and catch up with sync', async () => {
    ws.drop(...TYPED_DROPS[0]!);
    const r = ws.cli('run', 'shop', ...withUrl(await unreachableUrl()));
    expect(r.code).to.equal(5);
    const newest = JSON.parse(ws.cli('show', 'shop', 'latest').stdout) as { id: string };
    expect(r.stderr.trim()).to.match(
      new RegExp(
        `^error\\[SINK_FAILED\\]: sink postgres of pipeline shop failed: .*ECONNREFUSED.*; the snapshot ${newest.id} is committed; bring the sinks up to date with: dropline sync shop$`,
      ),
    );
    expect(ws.latest()).to.have.length(3);
    expect(ws.files('input/processed')).to.deep.equal([TYPED_DROPS[0]![0]]);
    const sync = ws.cli('sync', 'shop', ...withUrl(url));
    expect(sync.code, sync.stderr).to.equal(0);
    expect(sync.stdout).to.contain(`sinks[0] postgres: published snapshot ${newest.id} (3 rows)`);
    await expectPublished('after sync');
    expect(ws.cli('sync', 'shop', ...withUrl(url)).stdout).to.contain(`sinks[0] postgres: already shows snapshot ${newest.id}`);
  });

  it('should refuse a definition that writes a password into the file, before changing anything', () => {
    ws.writeDefinition(
      'shop',
      demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks: [{ type: 'postgres', options: { url: 'postgres://app:s3cret@127.0.0.1:5432/dw', schema } }] }),
    );
    ws.drop(...TYPED_DROPS[0]!);
    const r = ws.cli('run', 'shop');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('error[DEFINITION_INVALID]: pipelines/shop.yaml: sinks[0].options.url holds a password written in the definition file');
    expect(r.stderr).not.to.contain('s3cret');
    expect(ws.files('input/processing')).to.deep.equal([TYPED_DROPS[0]![0]]);
  });

  it('should never print the password of a URL that comes from a variable', () => {
    ws.writeDefinition('shop', demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks: [{ type: 'postgres', options: { url: '${DATABASE_URL}', schema } }] }));
    const r = ws.cli('show-definition', 'shop', ...withUrl('postgres://app:s3cret@db:5432/dw'));
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('url: postgres://app:***@db:5432/dw');
    expect(r.stdout).not.to.contain('s3cret');
  });
});
