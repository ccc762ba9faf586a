import { expect } from 'chai';
import { Catalog } from '../../../src/team/Catalog.js';
import { CatalogManifests } from '../../../src/team/CatalogManifests.js';
import { HeldLeases } from '../../../src/team/HeldLeases.js';
import { Leases } from '../../../src/team/Leases.js';
import type { SnapshotManifest } from '../../../src/snapshots/SnapshotManifest.js';
import { expectDroplineError } from '../../helpers/expectError.js';
import { NEEDS_POSTGRES, query, startPostgres, uniqueSchema, type TestPostgres } from '../../helpers/postgres.js';
import { describeNeeding } from '../../helpers/requirement.js';
import { RecordingLogger } from '../../helpers/RecordingLogger.js';

/** A manifest as the store would write it; only what parseManifest checks matters here. */
function manifest(id: string, parent: string | null = null): SnapshotManifest {
  return {
    id,
    parent,
    createdAt: '2026-11-29T00:00:00.000Z',
    pipeline: 'p',
    kind: 'run',
    files: [],
    counts: { read: 0, merged: 0, rejected: 0, inserted: 0, updated: 0 },
    headers: [],
    definitionSha256: 'd',
    latest: { sha256: 's', bytes: 0, rows: 0, object: 'changes/s.csv.gz' },
    ledger: { object: 'ledgers/l.json', files: 0 },
  };
}

describeNeeding(NEEDS_POSTGRES, 'team mode: leases and the fenced commit (against a real server)', () => {
  let server: TestPostgres;
  let schema: string;
  const catalogs: Catalog[] = [];
  before(async () => {
    server = await startPostgres();
  });
  after(() => server?.stop());
  beforeEach(() => {
    schema = uniqueSchema();
  });
  afterEach(async () => {
    for (const c of catalogs.splice(0)) await c.close();
    await query(server.url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  /** A process's view: its own pool, leases and held leases, as two workers would have. */
  function processView(leaseSeconds = 30) {
    const catalog = new Catalog({ type: 'postgres', urlEnv: 'URL', schema, leaseSeconds }, new RecordingLogger(), { URL: server.url });
    catalogs.push(catalog);
    const held = new HeldLeases();
    return { catalog, leases: new Leases(catalog), held, manifests: new CatalogManifests(catalog, held, 'p') };
  }

  it('should give each take a greater epoch and refuse a second holder while the lease lives', async () => {
    const a = processView();
    const b = processView();
    const first = await a.leases.acquire('p', 'a', 'dropline run', 0);
    await expectDroplineError(() => b.leases.acquire('p', 'b', 'dropline run', 0), {
      code: 'LOCKED',
      message: /^pipeline p is held by a \(dropline run, lease until .*\); wait for it, or pass --wait <seconds>$/,
    });
    await a.leases.release(first);
    const second = await b.leases.acquire('p', 'b', 'dropline run', 0);
    expect(second.epoch).to.equal(first.epoch + 1);
  });

  it('should refuse the commit of a holder whose expired lease another took, and change nothing (LEASE_LOST)', async () => {
    const a = processView(1);
    const b = processView(1);
    const lease = await a.leases.acquire('p', 'a', 'dropline run', 0);
    a.held.set(lease);
    // a is paused past its lease; b waits for the lease to expire and takes it.
    const taken = await b.leases.acquire('p', 'b', 'dropline run', 10);
    b.held.set(taken);
    await b.manifests.write(manifest('20261129T000000002Z'));
    await expectDroplineError(() => a.manifests.write(manifest('20261129T000000001Z')), {
      code: 'LEASE_LOST',
      message: /^pipeline p: this process's lease \(epoch 1\) was taken over by b \(epoch 2\) before it could commit: .*nothing was committed/,
    });
    expect(await a.leases.renew(lease), 'the lost lease cannot be renewed either').to.equal(false);
    expect(await a.manifests.ids()).to.deep.equal(['20261129T000000002Z']);
    const rows = await query<{ id: string; epoch: string; holder: string }>(server.url, `SELECT id, epoch, holder FROM ${schema}.manifests`);
    expect(rows).to.deep.equal([{ id: '20261129T000000002Z', epoch: '2', holder: 'b' }]);
    const [head] = await query<{ head: string }>(server.url, `SELECT head FROM ${schema}.pipelines WHERE pipeline = 'p'`);
    expect(head!.head).to.equal('20261129T000000002Z');
    await expectDroplineError(() => a.manifests.setPinned('20261129T000000002Z', true), { code: 'LEASE_LOST', message: /epoch 1/ });
    expect(await a.manifests.pins()).to.deep.equal(new Set());
  });

  it('should let a holder whose lease expired unclaimed still commit: its epoch is still the current one', async () => {
    const a = processView(1);
    const lease = await a.leases.acquire('p', 'a', 'dropline run', 0);
    a.held.set(lease);
    await new Promise((r) => setTimeout(r, 1200));
    await a.manifests.write(manifest('20261129T000000001Z'));
    expect(await a.manifests.ids()).to.deep.equal(['20261129T000000001Z']);
  });

  it('should take a commit retried after a lost COMMIT as done, not twice', async () => {
    const a = processView();
    a.held.set(await a.leases.acquire('p', 'a', 'dropline run', 0));
    await a.manifests.write(manifest('20261129T000000001Z'));
    await a.manifests.write(manifest('20261129T000000001Z'));
    expect((await query(server.url, `SELECT id FROM ${schema}.manifests`)).length).to.equal(1);
  });

  it('should move the head with removals and clear, keep pins per snapshot, and drop ledgers no manifest names', async () => {
    const a = processView();
    a.held.set(await a.leases.acquire('p', 'a', 'dropline run', 0));
    const ledgers: string[] = [];
    for (const id of ['20261129T000000001Z', '20261129T000000002Z', '20261129T000000003Z']) {
      const ledger = await a.manifests.ledgers.writeLedger([{ name: `${id}.csv`, sha256: id }]);
      ledgers.push(ledger.object);
      await a.manifests.write({ ...manifest(id), ledger });
    }
    expect(await a.manifests.ledgers.readLedger((await a.manifests.read('20261129T000000003Z'))!)).to.deep.equal([
      { name: '20261129T000000003Z.csv', sha256: '20261129T000000003Z' },
    ]);
    await a.manifests.setPinned('20261129T000000001Z', true);
    await a.manifests.remove(['20261129T000000003Z']);
    const head = async () => (await query<{ head: string | null }>(server.url, `SELECT head FROM ${schema}.pipelines`))[0]!.head;
    expect(await head()).to.equal('20261129T000000002Z');
    expect(await a.manifests.pins()).to.deep.equal(new Set(['20261129T000000001Z']));
    expect((await a.manifests.read('20261129T000000002Z'))?.id).to.equal('20261129T000000002Z');
    expect(await a.manifests.read('20261129T000000009Z')).to.equal(null);
    const kept = async () => (await query<{ object: string }>(server.url, `SELECT object FROM ${schema}.ledgers ORDER BY object`)).map((r) => r.object);
    expect(await kept()).to.deep.equal(ledgers.slice(0, 2).sort());
    await a.manifests.clear();
    expect(await kept()).to.deep.equal([]);
    expect(await a.manifests.ids()).to.deep.equal([]);
    expect(await a.manifests.pins()).to.deep.equal(new Set());
    expect(await head()).to.equal(null);
  });

  it('should create its tables once when many processes start at the same time', async () => {
    const views = Array.from({ length: 4 }, () => processView());
    await Promise.all(views.map((v) => v.catalog.query('SELECT 1')));
    const [version] = await query<{ n: string; max: number }>(server.url, `SELECT count(*) AS n, max(version) AS max FROM ${schema}.schema_version`);
    expect(Number(version!.n)).to.equal(version!.max);
  });

  it('should say which variable to set when the catalog URL is missing (CATALOG_UNAVAILABLE)', async () => {
    const catalog = new Catalog({ type: 'postgres', urlEnv: 'NOT_SET_ANYWHERE', schema, leaseSeconds: 30 }, new RecordingLogger(), {});
    catalogs.push(catalog);
    await expectDroplineError(() => catalog.query('SELECT 1'), { code: 'CATALOG_UNAVAILABLE', message: /NOT_SET_ANYWHERE is not set; export NOT_SET_ANYWHERE=postgres:\/\// });
  });
});
