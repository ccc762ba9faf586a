import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CLOCK_PLUGIN, clientRows, clientYaml, dropAndRun, usualHistory, week } from '../helpers/clientDrops.js';
import { CHROMIUM, NEEDS_CHROMIUM } from '../helpers/chromium.js';
import { describeNeeding } from '../helpers/requirement.js';
import { serve, type Served } from '../helpers/servedWorkspace.js';
import { TestWorkspace } from '../helpers/workspace.js';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The server's clock: a week after the sixth drops, three days past acme's due date and grace. */
const NOW = '2030-02-08T12:00:00.000Z';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** In the page: the board has a row for each of `n` pipelines. A function, not a string (the page's CSP forbids eval). */
const boardRows = (n: number): boolean =>
  (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('#board-rows tbody tr').length === n;

describe('GET /api/status and the status board (end to end)', () => {
  let ws: TestWorkspace;
  let server: Served;
  const get = async (path: string): Promise<{ status: number; body: Json }> => {
    const res = await fetch(new URL(path, server.url));
    return { status: res.status, body: await res.json() };
  };
  before(async () => {
    ws = new TestWorkspace({ acme: clientYaml('acme'), globex: clientYaml('globex'), initech: clientYaml('initech'), later: clientYaml('later') });
    ws.write('dropline.plugins.mjs', CLOCK_PLUGIN);
    for (const p of ['acme', 'globex', 'initech']) usualHistory(ws, p);
    expect(dropAndRun(ws, 'globex', 'globex-5.csv', clientRows('globex5', 45), week(5)).code).to.equal(0);
    expect(dropAndRun(ws, 'initech', 'initech-5.csv', clientRows('initech5', 100), week(5)).code).to.equal(0);
    server = await serve(ws, [], { DROPLINE_TEST_NOW: NOW });
  });
  after(async () => {
    await server?.stop();
    ws?.remove();
  });

  describe('GET /api/status', () => {
    it("should answer what status --json prints, judged by the server's clock, with each pipeline's runs and drops", async () => {
      const { status, body } = await get('/api/status');
      expect(status).to.equal(200);
      const cli = JSON.parse(ws.cli('status', '--json', '--at', NOW).stdout) as Json[];
      expect(body.map(({ runs: _r, drops: _d, ...report }: Json) => report)).to.deep.equal(cli);
      expect(body.map((r: Json) => [r.pipeline, r.verdict, r.runs.length, r.drops.length])).to.deep.equal([
        ['acme', 'late', 5, 5],
        ['globex', 'volume', 6, 6],
        ['initech', 'ok', 6, 6],
        ['later', 'ok', 0, 0],
      ]);
      expect(body[1].runs.at(-1)).to.deep.include({ read: 45, inserted: 45, updated: 0, rejected: 0 });
      expect(body[1].drops.at(-1)).to.deep.equal({ at: week(5), rows: 45 });
    });

    it('should judge as of ?at=, and refuse an at that is not a date', async () => {
      expect((await get('/api/status?at=2030-02-05T12:00:00Z')).body[0].verdict).to.equal('ok');
      const bad = await get('/api/status?at=soon');
      expect([bad.status, bad.body.error.code]).to.deep.equal([400, 'BAD_REQUEST']);
    });
  });

  describeNeeding(NEEDS_CHROMIUM, 'the page (headless Chromium)', () => {
    let browser: Browser;
    let page: Page;
    let problems: string[];
    before(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    });
    after(async () => browser?.close());
    beforeEach(async () => {
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      problems = [];
      page.on('pageerror', (err) => problems.push(err.message));
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(msg.text());
      });
      await page.goto(server.url);
      await page.waitForFunction(boardRows, 4);
    });
    afterEach(async () => {
      await page.close();
      expect(problems, 'errors in the page').to.deep.equal([]);
    });

    it('should open on the board: one row per pipeline, coloured by its verdict, with its reasons', async () => {
      expect(await page.isVisible('#explorer')).to.equal(false);
      const rows = await page.$$eval('#board-rows tbody tr', (trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-pipeline'),
          tr.className,
          tr.querySelector('.reasons')!.textContent,
          (globalThis as Json).getComputedStyle(tr.querySelector('td.verdict')).color,
        ]),
      );
      expect(rows.map((r) => r.slice(0, 3))).to.deep.equal([
        ['acme', 'verdict-late', '3 days late against its usual 7 +/- 0 days'],
        ['globex', 'verdict-volume', 'rows 45 vs usual 98-104'],
        ['initech', 'verdict-ok', ''],
        ['later', 'verdict-ok', 'never ran'],
      ]);
      expect(new Set(rows.map((r) => r[3])).size, 'late, volume and ok verdicts in three colours').to.equal(3);
      expect(await page.textContent('#board-summary')).to.equal('4 pipelines, 2 needing attention');
      await page.screenshot({ path: '/tmp/dropline-page-status.png' });
    });

    it("should draw each pipeline's runs as inline SVG: four lines over its runs and a tick per drop", async () => {
      const charts = await page.$$eval('#board-rows tbody tr', (trs) =>
        trs.map((tr) => ({
          lines: Array.from(tr.querySelectorAll('svg polyline') as ArrayLike<Json>).map((p) => [p.getAttribute('data-series'), Number(p.getAttribute('data-points'))]),
          drops: Array.from(tr.querySelectorAll('svg line.drop') as ArrayLike<Json>).map((l) => l.getAttribute('data-at')),
        })),
      );
      expect(charts[1]!.lines).to.deep.equal([
        ['read', 6],
        ['inserted', 6],
        ['updated', 6],
        ['rejected', 6],
      ]);
      expect(charts[1]!.drops).to.deep.equal([0, 1, 2, 3, 4, 5].map(week));
      expect(charts[0]!.drops).to.have.length(5);
      expect(charts[3]!.lines, 'a pipeline that never ran has no chart').to.deep.equal([]);
    });

    it("should click through to a pipeline's snapshots, and come back with Status", async () => {
      await page.click('#board-rows tr[data-pipeline="globex"]');
      await page.waitForSelector('#timeline li');
      expect(await page.isVisible('#board')).to.equal(false);
      expect(await page.inputValue('#pipeline')).to.equal('globex');
      expect(await page.$$eval('#timeline li', (lis) => lis.length)).to.equal(6);
      await page.click('#board-link');
      await page.waitForSelector('#board-rows tbody tr', { state: 'visible' });
      expect(await page.isVisible('#explorer')).to.equal(false);
    });
  });
});
