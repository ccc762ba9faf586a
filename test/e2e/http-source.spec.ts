import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cliAsync } from '../helpers/cliAsync.js';
import { csv, demoYaml, type CliResult, type RunJson, TestWorkspace } from '../helpers/workspace.js';

/** What the test server answers for one path: a status sequence (the last repeats), a body, an ETag, a delay. */
interface Route {
  statuses?: number[];
  body?: string;
  etag?: string;
  delayMs?: number;
}

const STATE = 'snapshots/demo/source-state/http.json';
const body = (...rows: string[][]): string => csv([['id', 'description', 'timestamp'], ...rows]);

describe('HttpSource (end to end)', () => {
  let server: Server;
  let base: string;
  let routes: Map<string, Route>;
  let requests: { path: string; ifNoneMatch: string | undefined }[];
  let ws: TestWorkspace;

  /** The CLI without blocking this process's event loop, so the server here can answer it. */
  const cli = (args: string[], env: Record<string, string> = {}): Promise<CliResult> => cliAsync(ws, args, env);
  const run = async (env: Record<string, string> = {}): Promise<{ code: number; summary: RunJson }> => {
    const r = await cli(['run', 'demo', '--json'], env);
    if (r.stdout.trim() === '') throw new Error(`no summary (exit ${r.code}): ${r.stderr}`);
    return { code: r.code, summary: JSON.parse(r.stdout) as RunJson };
  };
  const define = (paths: string[], options: Record<string, unknown> = {}): void => {
    const def = demoYaml();
    def.source = { type: 'http', options: { urls: paths.map((p) => `${base}${p}`), retryDelayMs: 10, ...options } };
    ws.writeDefinition('demo', def);
  };

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '';
    const ifNoneMatch = req.headers['if-none-match'];
    requests.push({ path, ifNoneMatch });
    const route = routes.get(path);
    const tries = requests.filter((r) => r.path === path).length;
    const status = route ? (route.statuses?.[Math.min(tries, route.statuses.length) - 1] ?? 200) : 404;
    const send = (): void => {
      if (status === 200 && route?.etag !== undefined && ifNoneMatch === route.etag) res.writeHead(304).end();
      else res.writeHead(status, route?.etag && status === 200 ? { etag: route.etag } : {}).end(status === 200 ? route?.body : 'no');
    };
    if (route?.delayMs) setTimeout(send, route.delayMs).unref();
    else send();
  }

  beforeEach(async () => {
    routes = new Map();
    requests = [];
    server = createServer(answer);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ws = new TestWorkspace();
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    ws.remove();
  });

  describe('when the URLs serve CSV with ETags', () => {
    beforeEach(() => {
      routes.set('/data_2021-03-01.csv', { body: body(['a', 'first', '2021-03-01']), etag: '"v1"' });
      routes.set('/more/data_2021-03-02.csv', { body: body(['b', 'second', '2021-03-02']), etag: '"w1"' });
      define(['/data_2021-03-01.csv', '/more/data_2021-03-02.csv']);
    });

    it('should ingest every URL once, named by its last path segment', async () => {
      const { code, summary } = await run();
      expect(code).to.equal(0);
      expect(summary.files).to.deep.equal({ processed: 2, quarantined: 0, skipped: 0, waiting: [], ignored: [] });
      expect(requests.map((r) => r.path)).to.deep.equal(['/data_2021-03-01.csv', '/more/data_2021-03-02.csv']);
      expect(ws.latest()).to.deep.equal([
        { id: 'a', description: 'first', timestamp: '2021-03-01', source_filename: 'data_2021-03-01.csv' },
        { id: 'b', description: 'second', timestamp: '2021-03-02', source_filename: 'data_2021-03-02.csv' },
      ]);
    });

    it('should send the ETags back next run and change nothing on 304', async () => {
      await run();
      const before = ws.read('output/latest.csv');
      requests = [];
      const { code, summary } = await run();
      expect(code).to.equal(0);
      expect(summary.snapshot).to.equal(null);
      expect(summary.files).to.deep.equal({ processed: 0, quarantined: 0, skipped: 0, waiting: [], ignored: [] });
      expect(requests.map((r) => r.ifNoneMatch)).to.deep.equal(['"v1"', '"w1"']);
      expect(ws.read('output/latest.csv')).to.equal(before);
    });

    it('should fetch again in full after a crash before the commit', async () => {
      const crashed = await cli(['run', 'demo'], { DROPLINE_CRASH_AT: 'before-commit' });
      expect(crashed.code).to.not.equal(0);
      requests = [];
      const { summary } = await run();
      expect(requests.map((r) => r.ifNoneMatch)).to.deep.equal([undefined, undefined]);
      expect(summary.files.processed).to.equal(2);
    });

    it('should ingest a URL again when its body and ETag change', async () => {
      await run();
      routes.set('/data_2021-03-01.csv', { body: body(['a', 'revised', '2021-03-05']), etag: '"v2"' });
      const { summary } = await run();
      expect(summary.files).to.deep.equal({ processed: 1, quarantined: 0, skipped: 0, waiting: [], ignored: [] });
      expect(ws.latest()[0]).to.deep.include({ id: 'a', description: 'revised', source_filename: 'data_2021-03-01.csv' });
    });
  });

  describe('when the server sends no validators but the same body', () => {
    it('should not offer the URL again', async () => {
      routes.set('/d.csv', { body: body(['a', 'x', '2021-01-01']) });
      define(['/d.csv']);
      await run();
      const { summary } = await run();
      expect(summary.snapshot).to.equal(null);
      expect(summary.files).to.deep.equal({ processed: 0, quarantined: 0, skipped: 0, waiting: [], ignored: [] });
    });
  });

  describe('when two URLs end in the same segment', () => {
    it('should name both by their whole URL', async () => {
      routes.set('/x/d.csv', { body: body(['a', 'x', '2021-01-01']) });
      routes.set('/y/d.csv', { body: body(['b', 'y', '2021-01-01']) });
      define(['/x/d.csv', '/y/d.csv']);
      await run();
      const port = new URL(base).port;
      expect(ws.latest().map((r) => r.source_filename)).to.deep.equal([`127.0.0.1_${port}_x_d.csv`, `127.0.0.1_${port}_y_d.csv`]);
    });
  });

  describe('when a URL fails with 500 and then recovers', () => {
    it('should retry it and ingest it', async () => {
      routes.set('/d.csv', { statuses: [500, 200], body: body(['a', 'x', '2021-01-01']) });
      define(['/d.csv'], { retries: 1 });
      const { code, summary } = await run();
      expect(code).to.equal(0);
      expect(summary.files.processed).to.equal(1);
      expect(requests).to.have.length(2);
    });
  });

  describe('when a URL keeps answering 500', () => {
    it('should exit 1 with SOURCE_FAILED naming the URL after bounded tries, changing nothing', async () => {
      routes.set('/ok.csv', { body: body(['a', 'x', '2021-01-01']), etag: '"e"' });
      routes.set('/broken.csv', { statuses: [500] });
      define(['/ok.csv', '/broken.csv'], { retries: 2 });
      const r = await cli(['run', 'demo', '--json']);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error\[SOURCE_FAILED\]: /m);
      expect(r.stderr).to.include(`${base}/broken.csv: HTTP 500`).and.include('after 3 tries');
      expect(requests.filter((q) => q.path === '/broken.csv')).to.have.length(3);
      expect(existsSync(ws.path('output/latest.csv'))).to.equal(false);
      expect(existsSync(ws.path(STATE))).to.equal(false);
    });
  });

  describe('when a URL answers slower than timeoutMs', () => {
    it('should exit 1 with SOURCE_FAILED saying it timed out', async () => {
      routes.set('/slow.csv', { body: body(['a', 'x', '2021-01-01']), delayMs: 2000 });
      define(['/slow.csv'], { timeoutMs: 200, retries: 1 });
      const r = await cli(['run', 'demo']);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.include('error[SOURCE_FAILED]').and.include(`${base}/slow.csv: timed out after 200 ms after 2 tries`);
    });
  });

  describe('when a URL answers 404', () => {
    beforeEach(() => {
      routes.set('/ok.csv', { body: body(['a', 'x', '2021-01-01']) });
      define(['/gone.csv', '/ok.csv']);
    });

    it('should quarantine that URL, merge the others and exit 3', async () => {
      const { code, summary } = await run();
      expect(code).to.equal(3);
      expect(summary.files).to.deep.equal({ processed: 1, quarantined: 1, skipped: 0, waiting: [], ignored: [] });
      expect(summary.quarantined[0]).to.deep.include({ file: 'gone.csv', code: 'UNREADABLE' });
      expect(summary.quarantined[0]!.message).to.include('HTTP 404');
      expect(ws.files('input/quarantine')).to.deep.equal(['gone.csv.error.json']);
      expect(ws.latest().map((r) => r.id)).to.deep.equal(['a']);
    });

    it('should report it again while it stays broken, and ingest it once it is fixed', async () => {
      await run();
      const still = await run();
      expect(still.code).to.equal(3);
      expect(still.summary.files).to.deep.equal({ processed: 0, quarantined: 1, skipped: 0, waiting: [], ignored: [] });
      routes.set('/gone.csv', { body: body(['g', 'back', '2021-01-02']) });
      const fixed = await run();
      expect(fixed.code).to.equal(0);
      expect(fixed.summary.files).to.deep.equal({ processed: 1, quarantined: 0, skipped: 0, waiting: [], ignored: [] });
      expect(ws.latest().map((r) => r.id)).to.deep.equal(['a', 'g']);
    });
  });

  describe('when a URL is not http or https', () => {
    it('should refuse the definition naming source.options.urls', async () => {
      const def = demoYaml();
      def.source = { type: 'http', options: { urls: ['ftp://example.com/d.csv'] } };
      ws.writeDefinition('demo', def);
      const r = await cli(['run', 'demo']);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(/error\[DEFINITION_INVALID\]: .*source\.options\.urls has "ftp:\/\/example\.com\/d\.csv"; only http: and https:/);
    });
  });

  // The byte engine reads the first inputs while it loads the previous latest.csv; should that table then send the
  // run to the reference engine, the inputs are read again: an input once moved whole to a worker thread (as a body
  // this source keeps is) came back empty, and its rows were lost with exit 0. Seen after a reset to older columns.
  describe('when a run falls back to the reference engine after it began reading', () => {
    it('should still read every row of a large input (a reset to a snapshot of other columns)', async () => {
      const rows = Array.from({ length: 40_000 }, (_, i) => [`id${i}`, `a description long enough for ${i}`, '2021-03-02']);
      routes.set('/a.csv', { body: body(['a1', 'first', '2021-03-01']), etag: '"a1"' });
      routes.set('/big.csv', { body: body(['b1', 'small', '2021-03-01']), etag: '"b1"' });
      define(['/a.csv']);
      expect((await run()).code).to.equal(0);
      const [first] = JSON.parse((await cli(['snapshots', 'demo', '--json'])).stdout) as { id: string }[];
      const def = demoYaml();
      def.source = { type: 'http', options: { urls: [`${base}/a.csv`, `${base}/big.csv`], retryDelayMs: 10 } };
      def.schema = { ...(def.schema as object), columns: { ...(def.schema as { columns: object }).columns, extra: { type: 'string' } } };
      ws.writeDefinition('demo', def);
      expect((await run()).code).to.equal(0);
      expect((await cli(['reset', 'demo', '--to', first!.id])).code).to.equal(0);
      routes.set('/big.csv', { body: body(...rows), etag: '"b2"' });
      // A run of 16 MB at most is scanned on the main thread: the input goes to a worker as in a larger run.
      const after = await run({ DROPLINE_WORKER_BYTES: String(1 << 20) });
      expect(after.code).to.equal(0);
      expect(Buffer.byteLength(routes.get('/big.csv')!.body!)).to.be.greaterThan(1 << 20);
      expect(after.summary.rows.read).to.equal(rows.length);
      expect(ws.latest().length).to.equal(rows.length + 1);
    });
  });
});
