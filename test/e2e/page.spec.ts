import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, NEEDS_CHROMIUM } from '../helpers/chromium.js';
import { generatedDrop } from '../helpers/generatedDrop.js';
import { describeNeeding } from '../helpers/requirement.js';
import { serve, type Served } from '../helpers/servedWorkspace.js';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOT = '/tmp/dropline-page-diff.png';
const DROP = generatedDrop({ rows: 900, files: 9, ids: 120, seed: 21 });

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the page marks in its diff table: [key, column, title] of each highlighted cell, and the keys of added and removed rows. */
async function highlighted(page: Page): Promise<{ cells: string[][]; added: string[]; removed: string[] }> {
  const keys = (selector: string): Promise<string[]> => page.$$eval(selector, (trs) => trs.map((tr) => tr.getAttribute('data-key')!));
  return {
    cells: await page.$$eval('#diff td.changed', (tds) =>
      tds.map((td) => [td.parentElement!.getAttribute('data-key')!, td.getAttribute('data-column')!, td.getAttribute('title')!]),
    ),
    added: await keys('#diff tr.added'),
    removed: await keys('#diff tr.removed'),
  };
}

/**
 * In the page: the rows view's first cell holds `id`. The rows of the pipeline shown before (clients/other) may
 * still be there until demo's arrive. A function, not a string: a string predicate is eval'd in the page, which its
 * Content-Security-Policy forbids (it only passed when already true at the first check).
 */
const shows = (id: string): boolean =>
  (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('#rows tbody tr td')?.textContent === id;

describeNeeding(NEEDS_CHROMIUM, 'the page at / (headless Chromium, end to end)', () => {
  let browser: Browser;
  let ws: TestWorkspace;
  let server: Served;
  let ids: string[];
  let page: Page;
  let problems: string[];
  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    ws = new TestWorkspace({
      demo: demoYaml(),
      'clients/other': { ...demoYaml(), name: 'other', source: { type: 'directory', path: 'input/other', archive: 'input/other-done' }, output: { path: 'output/other.csv' } },
    });
    ids = [];
    for (const part of [DROP.slice(0, 3), DROP.slice(3)]) {
      for (const [name, content] of part) ws.drop(name, content);
      ids.push(ws.run().summary.snapshot!);
    }
    ws.write(
      'input/other/a.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['o1', 'other', '2021-01-01'],
      ]),
    );
    ws.run('clients/other');
    server = await serve(ws);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    ws?.remove();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    problems = [];
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    // The address names a pipeline, so the page opens on it rather than on the status board (page-status.spec.ts).
    await page.goto(`${server.url}#p=clients%2Fother`);
    await page.waitForSelector('#timeline li');
  });
  afterEach(async () => {
    await page.close();
    expect(problems, 'errors in the page').to.deep.equal([]);
  });

  const pickDemo = async (): Promise<void> => {
    await page.selectOption('#pipeline', 'demo');
    await page.waitForSelector(`#timeline li[data-id="${ids[0]}"]`);
  };

  it('should show the snapshots of the picked pipeline as a timeline with counts, newest first', async () => {
    await pickDemo();
    const items = await page.$$eval('#timeline li', (lis) => lis.map((li) => [li.getAttribute('data-id'), li.querySelector('.counts')!.textContent]));
    const listed = JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout) as Json[];
    expect(items.map((i) => i[0])).to.deep.equal([...ids].reverse());
    const newest = listed.at(-1);
    expect(items[0]![1]).to.equal(`${newest.rows} rows +${newest.inserted} ~${newest.updated} ${newest.files.length} files`);
  });

  it('should browse the rows of latest a page at a time', async () => {
    await pickDemo();
    const latest = ws.latest();
    await page.waitForFunction(shows, latest[0]!.id);
    const firstPage = await page.$$eval('#rows tbody tr', (trs) => trs.map((tr) => tr.querySelector('td')!.textContent));
    expect(firstPage).to.deep.equal(latest.slice(0, 50).map((r) => r.id));
    expect(await page.isDisabled('#next')).to.equal(latest.length <= 50);
    await page.screenshot({ path: '/tmp/dropline-page-rows.png' });
  });

  it("should show a row's history when its key's button or the row is clicked, and close it with Escape", async () => {
    await pickDemo();
    await page.waitForFunction(shows, ws.latest()[0]!.id);
    const keys = await page.$$eval('#rows tbody tr', (trs) => trs.map((tr) => JSON.parse(tr.getAttribute('data-key')!)[0] as string));
    const historyOf = async (key: string): Promise<Json[]> =>
      (await (await fetch(new URL(`/api/pipelines/demo/keys/${encodeURIComponent(key)}/history`, server.url))).json()) as Json[];
    // A key on the first page that both runs wrote: two versions, the second an update.
    let key: string | undefined;
    let versions: Json[] = [];
    for (const k of keys) {
      versions = await historyOf(k);
      if (versions.length === 2) {
        key = k;
        break;
      }
    }
    expect(key, 'a key with two versions on the first page').not.to.equal(undefined);
    expect(versions.map((v) => [v.snapshot, v.change])).to.deep.equal([
      [ids[0], 'insert'],
      [ids[1], 'update'],
    ]);
    type Doc = { document: { querySelector(s: string): { getAttribute(a: string): string | null; hidden: boolean; querySelectorAll(s: string): { length: number } } | null } };
    const listed = (wanted: string): boolean => {
      const panel = (globalThis as unknown as Doc).document.querySelector('#history')!;
      return !panel.hidden && panel.getAttribute('data-key') === wanted && panel.getAttribute('aria-busy') === null && panel.querySelectorAll('tbody tr').length > 0;
    };
    const shown = async (): Promise<{ head: string[]; rows: string[][]; changed: string[] }> => ({
      head: await page.$$eval('#history-versions thead th', (ths) => ths.map((th) => th.textContent!)),
      rows: await page.$$eval('#history-versions tbody tr', (trs) =>
        trs.map((tr) => [tr.getAttribute('data-snapshot')!, ...[...tr.querySelectorAll('td')].map((td) => td.textContent!)]),
      ),
      changed: await page.$$eval('#history-versions tbody tr:nth-child(2) td.changed', (tds) => tds.map((td) => td.getAttribute('data-column')!)),
    });
    const expected = (columns: string[]): string[][] => versions.map((v) => [v.snapshot, v.snapshot, v.change, ...columns.map((c) => v.row[c]), `${v.file}:${v.line}`]);

    // Keyboard: Tab reaches the key's button, Enter opens the panel and moves the focus to its title.
    const button = page.locator(`#rows tbody tr[data-key='${JSON.stringify([key])}'] button.row-history`);
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(listed, JSON.stringify([key]));
    const { head, rows, changed } = await shown();
    const columns = head.slice(2, -1);
    expect(head).to.deep.equal(['snapshot', 'change', ...Object.keys(versions[1].row), 'from']);
    expect(rows).to.deep.equal(expected(columns));
    expect(changed).to.deep.equal(columns.filter((c) => versions[0].row[c] !== versions[1].row[c]));
    expect(changed.length).to.be.greaterThan(0);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).to.equal('history-title');
    await page.screenshot({ path: '/tmp/dropline-page-history.png' });

    // Escape closes it and gives the focus back to the button that opened it.
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#history')).to.equal(true);
    expect(await button.evaluate((b) => b === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).to.equal(true);

    // A click anywhere on another row shows that row's history.
    const other = keys.find((k) => k !== key)!;
    await page.click(`#rows tbody tr[data-key='${JSON.stringify([other])}'] td:last-child`);
    await page.waitForFunction(listed, JSON.stringify([other]));
    versions = await historyOf(other);
    expect((await shown()).rows).to.deep.equal(expected(columns));
  });

  it('should highlight exactly the changed cells of a diff, with the value before as their title', async () => {
    await pickDemo();
    await page.click('#tab-diff');
    await page.selectOption('#diff-from', ids[0]!);
    await page.selectOption('#diff-to', ids[1]!);
    await page.click('#compare');
    await page.waitForSelector('#diff tbody tr.changed-row');
    const shown = await highlighted(page);
    const diff = (await (await fetch(new URL(`/api/pipelines/demo/diff?from=${ids[0]}&to=${ids[1]}&limit=10000`, server.url))).json()) as Json;
    const expected = diff.changed.flatMap((c: Json) => c.changes.map((ch: Json) => [JSON.stringify(c.key), ch.column, `before: ${ch.before}`]));
    expect(diff.counts.changed).to.be.greaterThan(0);
    expect(shown.cells).to.have.deep.members(expected);
    expect(shown.cells).to.have.length(expected.length);
    expect(shown.added).to.deep.equal(diff.added.map((r: Json) => JSON.stringify([r.id])));
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
  });

  it('should mark the rows a later snapshot has and an earlier one lacks as removed when compared backwards', async () => {
    await pickDemo();
    await page.click('#tab-diff');
    await page.selectOption('#diff-from', ids[1]!);
    await page.selectOption('#diff-to', ids[0]!);
    await page.click('#compare');
    await page.waitForSelector('#diff tbody tr');
    const diff = (await (await fetch(new URL(`/api/pipelines/demo/diff?from=${ids[1]}&to=${ids[0]}&limit=10000`, server.url))).json()) as Json;
    expect(diff.counts.removed).to.be.greaterThan(0);
    expect((await highlighted(page)).removed).to.deep.equal(diff.removed.map((r: Json) => JSON.stringify([r.id])));
    await page.locator('#diff tr.removed').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/dropline-page-removed.png' });
  });

  it('should reopen the same diff from the address', async () => {
    await page.goto(`${server.url}#p=demo&v=diff&from=${ids[0]}&to=${ids[1]}`);
    await page.reload();
    await page.waitForSelector('#diff tbody tr.changed-row');
    expect(await page.inputValue('#pipeline')).to.equal('demo');
    expect(await page.textContent('#diff-summary')).to.contain(`${ids[0]} \u2192 ${ids[1]}`);
  });
});
