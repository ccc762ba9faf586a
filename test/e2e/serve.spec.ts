import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { generatedDrop } from '../helpers/generatedDrop.js';
import { rawRequest, serve, type Served } from '../helpers/servedWorkspace.js';
import { csv, demoYaml, REPO_ROOT, TestWorkspace } from '../helpers/workspace.js';

const DROP = generatedDrop({ rows: 3000, files: 30, ids: 250, seed: 7 });

/** A definition with a composite key (region, id) under a folder: `clients/acme`. */
const ACME = {
  name: 'acme',
  description: 'composite key',
  source: { type: 'directory', path: 'input/acme', archive: 'input/acme-done' },
  schema: {
    key: ['region', 'id'],
    timestamp: 'timestamp',
    columns: {
      region: { type: 'string', required: true },
      id: { type: 'integer', required: true },
      amount: { type: 'number' },
      timestamp: { type: 'date', required: true },
    },
  },
  output: { path: 'output/acme/latest.csv' },
};

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Fixture {
  ws: TestWorkspace;
  server: Served;
  /** demo's snapshot ids, oldest first. */
  ids: string[];
  get(path: string, init?: RequestInit): Promise<{ status: number; body: Json; headers: Headers }>;
}

/** demo in three runs of ten files (the last with two bad rows), clients/acme in two runs, `empty` never run; then served. */
async function servedFixture(args: string[] = [], env: Record<string, string> = {}): Promise<Fixture> {
  const ws = new TestWorkspace({
    demo: demoYaml(),
    'clients/acme': ACME,
    empty: { ...demoYaml(), name: 'empty', source: { type: 'directory', path: 'input/empty', archive: 'input/empty-done' }, output: { path: 'output/empty.csv' } },
  });
  const ids: string[] = [];
  for (let b = 0; b < 3; b++) {
    for (const [name, content] of DROP.slice(b * 10, b * 10 + 10)) ws.drop(name, content);
    if (b === 2)
      ws.drop(
        'zz-bad.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['', 'no key', '2022-01-01'],
          ['x1', 'bad date', '2022-13-01'],
          ['x2', 'fine', '2022-01-02'],
        ]),
      );
    const { summary } = ws.run();
    ids.push(summary.snapshot!);
  }
  const acme = [
    [
      ['region', 'id', 'amount', 'timestamp'],
      ['eu', '10', '1.5', '2021-01-01'],
      ['eu', '7', '2', '2021-01-01'],
      ['us', '7', '3', '2021-01-01'],
    ],
    [
      ['region', 'id', 'amount', 'timestamp'],
      ['eu', '7', '2.5', '2021-02-01'],
      ['us', '1', '9', '2021-02-01'],
    ],
  ];
  for (const [i, rows] of acme.entries()) {
    ws.write(`input/acme/a${i}.csv`, csv(rows));
    expect(ws.run('clients/acme').code).to.equal(0);
  }
  const server = await serve(ws, args, env);
  const get = async (path: string, init?: RequestInit) => {
    const res = await fetch(new URL(path, server.url), init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text };
  };
  return { ws, server, ids, get };
}

describe('dropline serve (end to end)', () => {
  let f: Fixture;
  // One read-only server for the read-only tests below: building the snapshots is the slow part.
  before(async () => {
    f = await servedFixture();
  });
  after(async () => {
    await f?.server.stop();
    f?.ws.remove();
  });

  describe('start-up', () => {
    it('should print one line naming the workspace and a loopback URL', () => {
      expect(f.server.line).to.equal(`dropline serving ${f.ws.root} at ${f.server.url}`);
      expect(f.server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    });
  });

  describe('GET /health', () => {
    it('should answer {"status":"ok"}', async () => {
      const r = await f.get('/health');
      expect([r.status, r.body]).to.deep.equal([200, { status: 'ok' }]);
    });
  });

  describe('GET /api/pipelines', () => {
    it('should list every pipeline with its snapshot count and latest row count', async () => {
      const { body } = await f.get('/api/pipelines');
      expect(body).to.deep.equal([
        { name: 'clients/acme', description: 'composite key', key: ['region', 'id'], snapshots: 2, latest: body[0].latest, latestRows: 4 },
        { name: 'demo', description: 'test pipeline', key: ['id'], snapshots: 3, latest: f.ids[2], latestRows: f.ws.latest().length },
        { name: 'empty', description: 'test pipeline', key: ['id'], snapshots: 0, latest: null, latestRows: null },
      ]);
    });
  });

  describe('GET /api/pipelines/<name>/snapshots', () => {
    it('should answer what `dropline snapshots --json` prints', async () => {
      const { body } = await f.get('/api/pipelines/demo/snapshots');
      expect(body).to.deep.equal(JSON.parse(f.ws.cli('snapshots', 'demo', '--json').stdout));
      expect(body.map((s: Json) => s.id)).to.deep.equal(f.ids);
    });

    it('should take a pipeline name with a folder, encoded or not', async () => {
      const plain = await f.get('/api/pipelines/clients/acme/snapshots');
      const encoded = await f.get('/api/pipelines/clients%2Facme/snapshots');
      expect(plain.status).to.equal(200);
      expect(plain.body).to.have.length(2);
      expect(encoded.body).to.deep.equal(plain.body);
    });
  });

  describe('GET /api/pipelines/<name>/rows', () => {
    it('should page through exactly the rows of latest.csv', async () => {
      const rows: Json[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const { body }: { body: Json } = await f.get(`/api/pipelines/demo/rows?limit=37${cursor ? `&cursor=${cursor}` : ''}`);
        expect(body.snapshot).to.equal(f.ids[2]);
        rows.push(...body.rows);
        cursor = body.nextCursor;
        pages++;
      } while (cursor);
      expect(rows).to.deep.equal(f.ws.latest());
      expect(pages).to.equal(Math.ceil(rows.length / 37));
    });

    it('should default to 100 rows a page with the columns of latest.csv', async () => {
      const { body } = await f.get('/api/pipelines/demo/rows');
      expect(body.columns).to.deep.equal(['id', 'description', 'timestamp', 'source_filename']);
      expect(body.rows).to.deep.equal(f.ws.latest().slice(0, 100));
      expect(body.nextCursor).to.be.a('string');
    });

    it('should read an earlier snapshot with ?snapshot=<id>', async () => {
      const { body } = await f.get(`/api/pipelines/demo/rows?snapshot=${f.ids[0]}&limit=10000`);
      const listed = JSON.parse(f.ws.cli('snapshots', 'demo', '--json').stdout);
      expect(body.snapshot).to.equal(f.ids[0]);
      expect(body.rows).to.have.length(listed[0].rows);
    });

    describe('as_of', () => {
      /** demo's snapshots as `dropline snapshots --json` lists them. */
      const listed = (): { id: string; createdAt: string; rows: number }[] => JSON.parse(f.ws.cli('snapshots', 'demo', '--json').stdout);
      const before = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

      it('should read the snapshot an id names, as snapshot= does', async () => {
        const { body } = await f.get(`/api/pipelines/demo/rows?as_of=${f.ids[0]}&limit=10000`);
        expect(body).to.deep.equal((await f.get(`/api/pipelines/demo/rows?snapshot=${f.ids[0]}&limit=10000`)).body);
      });

      it('should read the newest snapshot created at or before a date-time', async () => {
        const [, second] = listed();
        const at = await f.get(`/api/pipelines/demo/rows?as_of=${second!.createdAt}&limit=10000`);
        expect([at.body.snapshot, at.body.rows.length]).to.deep.equal([f.ids[1], second!.rows]);
        const justBefore = await f.get(`/api/pipelines/demo/rows?as_of=${before(second!.createdAt)}&limit=1`);
        expect(justBefore.body.snapshot).to.equal(f.ids[0]);
      });

      it('should read the newest snapshot created by the end of a UTC date, as CSV too', async () => {
        const newest = listed()[2]!;
        const { body } = await f.get(`/api/pipelines/demo/rows?as_of=${newest.createdAt.slice(0, 10)}&limit=1`);
        expect(body.snapshot).to.equal(f.ids[2]);
        const r = await rawRequest(f.server.url, `/api/pipelines/demo/rows?as_of=${encodeURIComponent(before(listed()[1]!.createdAt))}&format=csv`);
        expect(r.status).to.equal(200);
        expect(r.headers['content-disposition']).to.contain(`demo-${f.ids[0]}.csv`);
      });

      it('should keep paging the snapshot a date-time named', async () => {
        const asOf = encodeURIComponent(listed()[0]!.createdAt);
        const first = await f.get(`/api/pipelines/demo/rows?as_of=${asOf}&limit=5`);
        const next = await f.get(`/api/pipelines/demo/rows?as_of=${asOf}&limit=5&cursor=${first.body.nextCursor}`);
        expect([next.status, next.body.snapshot]).to.deep.equal([200, f.ids[0]]);
        expect(next.body.rows).to.deep.equal((await f.get(`/api/pipelines/demo/rows?snapshot=${f.ids[0]}&limit=10`)).body.rows.slice(5));
      });

      it('should take snapshot= and as_of= together when they name the same snapshot', async () => {
        const { status, body } = await f.get(`/api/pipelines/demo/rows?snapshot=${f.ids[1]}&as_of=${encodeURIComponent(listed()[1]!.createdAt)}&limit=1`);
        expect([status, body.snapshot]).to.deep.equal([200, f.ids[1]]);
      });

      it('should answer 400 when snapshot= and as_of= name different snapshots', async () => {
        const { status, body } = await f.get(`/api/pipelines/demo/rows?snapshot=${f.ids[0]}&as_of=latest`);
        expect(status).to.equal(400);
        expect(body).to.deep.equal({
          error: { code: 'BAD_REQUEST', message: `snapshot=${f.ids[0]} names snapshot ${f.ids[0]} but as_of=latest names ${f.ids[2]}; give one of them` },
        });
      });

      it('should answer 404 SNAPSHOT_NOT_FOUND for a time before the first snapshot, naming when it was made', async () => {
        const { status, body } = await f.get('/api/pipelines/demo/rows?as_of=2000-01-01');
        expect([status, body.error.code]).to.deep.equal([404, 'SNAPSHOT_NOT_FOUND']);
        expect(body.error.message).to.equal(
          `pipeline demo has no snapshot created on or before 2000-01-01 (UTC): its oldest, ${f.ids[0]}, was created at ${listed()[0]!.createdAt}; list them with: dropline snapshots demo`,
        );
      });
    });

    it('should find one row by key', async () => {
      const row = f.ws.latest()[42]!;
      const { body } = await f.get(`/api/pipelines/demo/rows?key=${encodeURIComponent(row.id!)}`);
      expect(body.rows).to.deep.equal([row]);
      expect(body.nextCursor).to.equal(null);
    });

    it('should find one row by a composite key given as key= per key column, in key order', async () => {
      const { body } = await f.get('/api/pipelines/clients/acme/rows?key=eu&key=7');
      expect(body.rows).to.deep.equal([{ region: 'eu', id: '7', amount: '2.5', timestamp: '2021-02-01' }]);
      const swapped = await f.get('/api/pipelines/clients/acme/rows?key=7&key=eu');
      expect(swapped.body.rows).to.deep.equal([]);
    });

    it('should refuse a composite key with one value, showing the syntax', async () => {
      const { status, body } = await f.get('/api/pipelines/clients/acme/rows?key=eu');
      expect(status).to.equal(400);
      expect(body.error.message).to.equal('key takes 2 value(s), one per key column in order (region, id): ?key=<region>&key=<id>; got 1');
    });

    it('should keep only rows whose columns equal the given values', async () => {
      const file = DROP[25]![0];
      const { body } = await f.get(`/api/pipelines/demo/rows?source_filename=${file}&limit=10000`);
      const expected = f.ws.latest().filter((r) => r.source_filename === file);
      expect(expected.length).to.be.greaterThan(0);
      expect(body.rows).to.deep.equal(expected);
    });

    it('should download latest.csv byte for byte with ?format=csv', async () => {
      const r = await f.get('/api/pipelines/demo/rows?format=csv');
      expect(r.status).to.equal(200);
      expect(r.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
      expect(r.headers.get('content-disposition')).to.equal(`attachment; filename="demo-${f.ids[2]}.csv"`);
      expect(r.body).to.equal(f.ws.read('output/latest.csv'));
    });

    it('should download CSV when asked with Accept: text/csv', async () => {
      const r = await f.get('/api/pipelines/clients%2Facme/rows', { headers: { Accept: 'text/csv' } });
      expect(r.body).to.equal(f.ws.read('output/acme/latest.csv'));
      expect(r.headers.get('content-disposition')).to.match(/filename="clients-acme-\d{8}T\d{9}Z\.csv"/);
    });

    it('should download only the selection when filtered', async () => {
      const r = await f.get('/api/pipelines/clients/acme/rows?format=csv&region=us');
      expect(parse(r.body, { columns: true })).to.deep.equal(f.ws.latest('output/acme/latest.csv').filter((x) => x.region === 'us'));
    });
  });

  describe('GET /api/pipelines/<name>/diff', () => {
    it('should answer what `dropline diff --json` finds, with the changed rows as they are after', async () => {
      const { body } = await f.get(`/api/pipelines/demo/diff?from=${f.ids[0]}&limit=10000`);
      const cli = JSON.parse(f.ws.cli('diff', 'demo', f.ids[0]!, '--json').stdout);
      expect([body.from, body.to]).to.deep.equal([f.ids[0], f.ids[2]]);
      expect(body.counts).to.deep.equal({ added: cli.added.length, removed: cli.removed.length, changed: cli.changed.length });
      expect(body.changed.map((c: Json) => [c.key, c.changes])).to.deep.equal(cli.changed.map((c: Json) => [c.key, c.changes]));
      const latest = new Map(f.ws.latest().map((r) => [r.id, r]));
      for (const c of body.changed) expect(c.row).to.deep.equal(latest.get(c.key[0]));
    });

    it('should compare the snapshots two date-times name', async () => {
      const listed = JSON.parse(f.ws.cli('snapshots', 'demo', '--json').stdout) as { createdAt: string }[];
      const { status, body } = await f.get(`/api/pipelines/demo/diff?from=${encodeURIComponent(listed[1]!.createdAt)}&to=${encodeURIComponent(listed[0]!.createdAt)}`);
      expect([status, body.from, body.to]).to.deep.equal([200, f.ids[1], f.ids[0]]);
    });

    it('should compare two given snapshots', async () => {
      const { body } = await f.get(`/api/pipelines/demo/diff?from=${f.ids[1]}&to=${f.ids[0]}`);
      expect([body.from, body.to]).to.deep.equal([f.ids[1], f.ids[0]]);
    });
  });

  describe('GET /api/pipelines/<name>/rejects', () => {
    it('should list the runs that set rows aside', async () => {
      const { body } = await f.get('/api/pipelines/demo/rejects');
      expect(body).to.have.length(1);
      expect(body[0]).to.deep.include({ run: f.ids[2], rows: 2, path: `output/rejects/${f.ids[2]}.csv` });
    });

    it("should answer a run's rejected rows with ?run=<id>", async () => {
      const { body } = await f.get(`/api/pipelines/demo/rejects?run=${f.ids[2]}`);
      expect(body.rows).to.deep.equal(parse(f.ws.read(`output/rejects/${f.ids[2]}.csv`), { columns: true }));
      expect(body.rows.map((r: Json) => r.code)).to.deep.equal(['MISSING_KEY', 'BAD_VALUE']);
    });
  });

  describe('bad requests', () => {
    const cases: [string, string][] = [
      ['/api/pipelines/demo/rows?limit=0', 'limit must be a whole number from 1 to 10000'],
      ['/api/pipelines/demo/rows?limit=10001', 'limit must be a whole number from 1 to 10000'],
      ['/api/pipelines/demo/rows?limit=ten', 'limit must be a whole number from 1 to 10000'],
      ['/api/pipelines/demo/rows?limit=5&limit=6', 'limit is given 2 times; give it once'],
      [
        '/api/pipelines/demo/rows?snapshot=../../x',
        'snapshot must be a snapshot id like 20261125T214231123Z, "latest", a date like 2026-11-25 (UTC) or a date-time like 2026-11-25T21:42:31Z',
      ],
      [
        '/api/pipelines/demo/rows?as_of=yesterday',
        'as_of must be a snapshot id like 20261125T214231123Z, "latest", a date like 2026-11-25 (UTC) or a date-time like 2026-11-25T21:42:31Z',
      ],
      [
        '/api/pipelines/demo/rows?as_of=2026-02-30',
        'as_of must be a snapshot id like 20261125T214231123Z, "latest", a date like 2026-11-25 (UTC) or a date-time like 2026-11-25T21:42:31Z',
      ],
      ['/api/pipelines/demo/rows?cursor=bm9wZQ', 'cursor is not one this server handed out; pass nextCursor from the previous page unchanged'],
      ['/api/pipelines/demo/rows?format=xml', 'format must be one of json, csv'],
      ['/api/pipelines/demo/rows?format=csv&limit=5', 'a CSV download is the whole selection; limit and cursor apply to JSON pages only'],
      ['/api/pipelines/demo/rows?key=a&cursor=x', 'a key lookup returns at most one row; cursor does not apply to it'],
      ['/api/pipelines/demo/diff', 'from is required: ?from=<snapshot id>&to=<snapshot id> (to defaults to latest)'],
      [
        '/api/pipelines/demo/diff?from=latest&to=yesterday',
        'to must be a snapshot id like 20261125T214231123Z, "latest", a date like 2026-11-25 (UTC) or a date-time like 2026-11-25T21:42:31Z',
      ],
      ['/api/pipelines/demo/snapshots?limit=5', 'unknown parameter "limit" (this endpoint takes none)'],
      ['/api/pipelines/demo/rejects?run=latest', 'run "latest" is not a run id (ids look like 20261125T214231123Z)'],
      ['/api/pipelines/bad%20name/rows', '"bad name" is not a pipeline name; names use letters, digits, ".", "_", "-" and "/" between folders'],
    ];
    for (const [path, message] of cases) {
      it(`should answer 400 for ${path}`, async () => {
        const { status, body } = await f.get(path);
        expect(status).to.equal(400);
        expect(body).to.deep.equal({ error: { code: 'BAD_REQUEST', message } });
      });
    }

    it('should name the columns when a parameter is neither an option nor a column', async () => {
      const { status, body } = await f.get('/api/pipelines/demo/rows?descripton=x');
      expect(status).to.equal(400);
      expect(body.error.message).to.equal(
        `"descripton" is not a column of snapshot ${f.ids[2]} of demo; did you mean "description"? (columns: id, description, timestamp, source_filename)`,
      );
    });
  });

  describe('not found', () => {
    const cases: [string, string, RegExp][] = [
      ['/api/pipelines/nope/rows', 'DEFINITION_NOT_FOUND', /pipeline "nope" not found/],
      ['/api/pipelines/demo/rows?snapshot=20200101T000000000Z', 'SNAPSHOT_NOT_FOUND', /pipeline demo has no snapshot 20200101T000000000Z/],
      ['/api/pipelines/demo/diff?from=20200101T000000000Z', 'SNAPSHOT_NOT_FOUND', /has no snapshot/],
      ['/api/pipelines/empty/rows', 'SNAPSHOT_NOT_FOUND', /pipeline empty has no snapshots yet; run it with: dropline run empty/],
      ['/api/pipelines/demo/rejects?run=20200101T000000000Z', 'SNAPSHOT_NOT_FOUND', /has no snapshot/],
      ['/api/nothing', 'NOT_FOUND', /no such endpoint/],
      ['/api/pipelines/demo', 'NOT_FOUND', /no such endpoint/],
    ];
    for (const [path, code, message] of cases) {
      it(`should answer 404 ${code} for ${path}`, async () => {
        const { status, body } = await f.get(path);
        expect(status).to.equal(404);
        expect(body.error.code).to.equal(code);
        expect(body.error.message).to.match(message);
      });
    }

    it('should answer 404 for a run that set nothing aside', async () => {
      const { status, body } = await f.get(`/api/pipelines/demo/rejects?run=${f.ids[0]}`);
      expect([status, body.error.code]).to.deep.equal([404, 'NOT_FOUND']);
    });
  });

  describe('paths that try to leave the workspace', () => {
    const attempts = [
      '/api/pipelines/..%2F..%2Fetc/rows',
      '/api/pipelines/..%2F..%2F..%2F..%2Fetc%2Fpasswd/rows',
      '/api/pipelines/../../etc/rows',
      '/api/pipelines/%2e%2e/%2e%2e/etc/snapshots',
      '/api/pipelines/%2Fetc%2Fpasswd/rows',
      '/api/pipelines/demo%00/rows',
      '/api/pipelines/..%5C..%5Cetc/rows',
      '/api/pipelines/demo/rows?snapshot=..%2F..%2F..%2Fetc%2Fpasswd',
      '/api/pipelines/demo/rejects?run=..%2F..%2Fpipelines%2Fdemo',
      '/api/pipelines/demo/rows?cursor=eyJzIjoiLi4vLi4vZXRjIiwibyI6MH0',
      '/../../../../etc/passwd',
      '//etc/passwd',
    ];
    for (const path of attempts) {
      it(`should answer 400 or 404 and no file for ${path}`, async () => {
        const r = await rawRequest(f.server.url, path);
        expect(r.status).to.be.oneOf([400, 404]);
        expect(r.headers['content-type']).to.equal('application/json; charset=utf-8');
        expect(JSON.parse(r.body)).to.have.nested.property('error.code');
        expect(r.body).not.to.match(/root:|description:/);
      });
    }
  });

  describe('a Host header that names another site (DNS rebinding)', () => {
    it('should answer 403 and no data when no token is set', async () => {
      const r = await rawRequest(f.server.url, '/api/pipelines/demo/rows?format=csv', 'GET', { Host: 'attacker.example:8080' });
      expect(r.status).to.equal(403);
      expect(JSON.parse(r.body).error.code).to.equal('FORBIDDEN');
    });

    it('should still answer requests that name this machine', async () => {
      for (const host of ['localhost:1', '127.0.0.1:1', '[::1]:1']) {
        expect((await rawRequest(f.server.url, '/api/pipelines', 'GET', { Host: host })).status, host).to.equal(200);
      }
    });
  });

  describe('methods', () => {
    it('should answer HEAD with the headers of GET and no body', async () => {
      const r = await rawRequest(f.server.url, '/api/pipelines/demo/rows?format=csv', 'HEAD');
      expect([r.status, r.headers['content-type'], r.body]).to.deep.equal([200, 'text/csv; charset=utf-8', '']);
    });

    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      it(`should answer 405 with Allow: GET, HEAD to ${method}`, async () => {
        const r = await rawRequest(f.server.url, '/api/pipelines/demo/rows', method);
        expect(r.status).to.equal(405);
        expect(r.headers.allow).to.equal('GET, HEAD');
        expect(JSON.parse(r.body).error.code).to.equal('METHOD_NOT_ALLOWED');
      });
    }
  });

  describe('docs/serving.md', () => {
    it('should answer every request its examples make with 200', async () => {
      const section = readFileSync(join(REPO_ROOT, 'docs', 'serving.md'), 'utf8');
      const requests = [...section.matchAll(/^curl -s (?:-H "([^"]+)" )?"?(http:\/\/127\.0\.0\.1:8080\/[^"\s]*)"?/gm)];
      expect(requests.length).to.be.greaterThan(4);
      for (const [, header, url] of requests) {
        const path = url!.replace('http://127.0.0.1:8080/', '/').replace(/\d{8}T\d{9}Z/g, f.ids[0]!);
        const headers: Record<string, string> = header ? { [header.split(': ')[0]!]: header.split(': ')[1]! } : {};
        const r = await f.get(path, { headers });
        expect(r.status, `${path}: ${JSON.stringify(r.body)}`).to.equal(200);
      }
    });
  });

  describe('the page', () => {
    it('should serve HTML at / with its script and style, and nothing from elsewhere', async () => {
      const page = await f.get('/');
      expect(page.headers.get('content-type')).to.equal('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).to.contain("default-src 'none'");
      expect(page.body).to.contain('<script src="/page.js" defer></script>');
      expect(page.body).not.to.match(/https?:\/\//);
      expect((await f.get('/page.js')).headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
      expect((await f.get('/page.css')).headers.get('content-type')).to.equal('text/css; charset=utf-8');
    });
  });
});

describe('dropline serve with a token (end to end)', () => {
  for (const [how, args, env] of [
    ['--token', ['--token', 's3cret'], {}],
    ['DROPLINE_TOKEN', [], { DROPLINE_TOKEN: 's3cret' }],
  ] as const) {
    describe(`given by ${how}`, () => {
      let ws: TestWorkspace;
      let server: Served;
      before(async () => {
        ws = new TestWorkspace();
        ws.drop(
          'a.csv',
          csv([
            ['id', 'description', 'timestamp'],
            ['a', 'x', '2021-01-01'],
          ]),
        );
        ws.run();
        server = await serve(ws, [...args], { ...env });
      });
      after(async () => {
        await server?.stop();
        ws?.remove();
      });

      it('should answer 401 with WWW-Authenticate: Bearer without the token', async () => {
        const r = await rawRequest(server.url, '/api/pipelines');
        expect(r.status).to.equal(401);
        expect(r.headers['www-authenticate']).to.match(/^Bearer/);
        expect(JSON.parse(r.body).error.code).to.equal('UNAUTHORIZED');
      });

      it('should answer 401 to a wrong token', async () => {
        for (const authorization of ['Bearer s3cre', 'Bearer s3cret!', 'Basic s3cret', 's3cret']) {
          expect((await rawRequest(server.url, '/api/pipelines/demo/rows', 'GET', { authorization })).status).to.equal(401);
        }
      });

      it('should answer with the token', async () => {
        const r = await rawRequest(server.url, '/api/pipelines/demo/rows', 'GET', { authorization: 'Bearer s3cret' });
        expect(r.status).to.equal(200);
        expect(JSON.parse(r.body).rows).to.have.length(1);
      });

      it('should serve /health and the page without the token', async () => {
        expect((await rawRequest(server.url, '/health')).status).to.equal(200);
        expect((await rawRequest(server.url, '/')).status).to.equal(200);
      });
    });
  }
});

describe('dropline serve while runs land (end to end)', () => {
  let ws: TestWorkspace;
  let server: Served | undefined;
  beforeEach(() => {
    ws = new TestWorkspace();
    ws.drop(
      'a.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['a', 'x', '2021-01-01'],
      ]),
    );
    ws.run();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    ws.remove();
  });

  it('should resolve latest to the newest snapshot on every request', async () => {
    server = await serve(ws);
    const before = (await (await fetch(new URL('/api/pipelines/demo/rows', server.url))).json()) as Json;
    ws.drop(
      'b.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['b', 'y', '2021-01-01'],
      ]),
    );
    const { summary } = ws.run();
    const after = (await (await fetch(new URL('/api/pipelines/demo/rows', server.url))).json()) as Json;
    expect(before.rows).to.have.length(1);
    expect(after.snapshot).to.equal(summary.snapshot);
    expect(after.rows.map((r: Json) => r.id)).to.deep.equal(['a', 'b']);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`should stop cleanly with exit code 0 on ${signal}`, async () => {
      server = await serve(ws);
      const code = await server.stop(signal);
      expect(code, `${server.child.signalCode} ${server.stderr()}`).to.equal(0);
    });
  }

  it('should refuse a port in use with a usage error and exit 2', async () => {
    server = await serve(ws);
    const r = ws.cli('serve', '--port', new URL(server.url).port);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/^error\[USAGE\]: 127\.0\.0\.1:\d+ is in use; pick another with --port/);
  });

  it('should refuse a port out of range', () => {
    const r = ws.cli('serve', '--port', '70000');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('--port takes 0 to 65535');
  });
});
