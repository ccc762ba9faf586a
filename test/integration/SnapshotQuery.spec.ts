import { expect } from 'chai';
import type { Container } from 'inversify';
import { createContainer } from '../../src/container/createContainer.js';
import { DroplineError } from '../../src/errors/DroplineError.js';
import { SnapshotQuery } from '../../src/query/SnapshotQuery.js';
import { PipelineRunner } from '../../src/runner/PipelineRunner.js';
import { pipelineScope } from '../helpers/pipelineScope.js';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';
import { RecordingLogger } from '../helpers/RecordingLogger.js';

const HEADER = ['id', 'description', 'timestamp'];

async function rejectsWithCode(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).to.be.instanceOf(DroplineError);
  expect((err as DroplineError).code).to.equal(code);
  expect((err as DroplineError).message).to.match(message);
}

describe('SnapshotQuery (through the container)', () => {
  let ws: TestWorkspace;
  let container: Container;
  let query: SnapshotQuery;
  const run = async (name: string, rows: string[][], pipeline = 'demo'): Promise<string> => {
    ws.drop(name, csv([HEADER, ...rows]));
    return (await (await pipelineScope(container, pipeline)).get(PipelineRunner).run()).snapshot!;
  };
  beforeEach(() => {
    ws = new TestWorkspace({ demo: demoYaml({ output: { path: 'output/latest.csv' } }) });
    container = createContainer({ root: ws.root, logger: new RecordingLogger() });
    query = container.get(SnapshotQuery);
  });
  afterEach(() => ws.remove());

  describe('.page()', () => {
    it('should page through every row of latest in order', async () => {
      await run(
        'a.csv',
        Array.from({ length: 10 }, (_, i) => [`k${i}`, `d${i}`, '2021-01-01']),
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await query.page('demo', {}, { limit: 3, cursor });
        seen.push(...page.rows.map((r) => r.id!));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).to.deep.equal(ws.latest().map((r) => r.id));
    });

    it('should keep a cursor on the snapshot it started on when a new run lands', async () => {
      const first = await run('a.csv', [
        ['a', 'old', '2021-01-01'],
        ['b', 'old', '2021-01-01'],
      ]);
      const page1 = await query.page('demo', {}, { limit: 1 });
      await run('b.csv', [['b', 'new', '2021-02-01']]);
      const page2 = await query.page('demo', {}, { limit: 1, cursor: page1.nextCursor! });
      expect(page2.snapshot).to.equal(first);
      expect(page2.rows).to.deep.equal([{ id: 'b', description: 'old', timestamp: '2021-01-01', source_filename: 'a.csv' }]);
      expect((await query.page('demo', { key: ['b'] }, { limit: 1 })).rows[0]!.description).to.equal('new');
    });

    it('should find one row by key, and none for a key it lacks', async () => {
      await run('a.csv', [
        ['a', 'x', '2021-01-01'],
        ['b', 'y', '2021-01-01'],
      ]);
      expect((await query.page('demo', { key: ['b'] }, { limit: 100 })).rows.map((r) => r.description)).to.deep.equal(['y']);
      expect((await query.page('demo', { key: ['zz'] }, { limit: 100 })).rows).to.deep.equal([]);
    });

    it('should refuse a key with the wrong number of values, showing the syntax', async () => {
      await run('a.csv', [['a', 'x', '2021-01-01']]);
      await rejectsWithCode(query.page('demo', { key: ['a', 'b'] }, { limit: 1 }), 'USAGE', /key takes 1 value\(s\), one per key column in order \(id\): \?key=<id>; got 2/);
    });

    it('should keep only rows equal to every filter', async () => {
      await run('a.csv', [
        ['a', 'x', '2021-01-01'],
        ['b', 'y', '2021-01-01'],
        ['c', 'x', '2021-01-02'],
      ]);
      const page = await query.page(
        'demo',
        {
          where: new Map([
            ['description', 'x'],
            ['timestamp', '2021-01-02'],
          ]),
        },
        { limit: 100 },
      );
      expect(page.rows.map((r) => r.id)).to.deep.equal(['c']);
    });

    it('should read an earlier snapshot by id', async () => {
      const first = await run('a.csv', [['a', 'x', '2021-01-01']]);
      await run('b.csv', [['b', 'y', '2021-01-01']]);
      const page = await query.page('demo', { snapshot: first }, { limit: 100 });
      expect(page.rows.map((r) => r.id)).to.deep.equal(['a']);
    });

    it('should say how to make a snapshot when the pipeline has none', async () => {
      await rejectsWithCode(query.page('demo', {}, { limit: 1 }), 'SNAPSHOT_NOT_FOUND', /has no snapshots yet; run it with: dropline run demo/);
    });
  });

  describe('.select()', () => {
    it('should give every row of the selection in table order', async () => {
      await run('a.csv', [
        ['b', 'x', '2021-01-01'],
        ['a', 'x', '2021-01-01'],
        ['c', 'y', '2021-01-01'],
      ]);
      const stream = await query.select('demo', { where: new Map([['description', 'x']]) });
      expect([...stream.rows].map((r) => r[0])).to.deep.equal(['a', 'b']);
    });
  });

  describe('.diff()', () => {
    it('should list added, removed and changed keys with the changed row as it is after', async () => {
      const first = await run('a.csv', [
        ['a', 'x', '2021-01-01'],
        ['b', 'y', '2021-01-01'],
      ]);
      await run('b.csv', [
        ['b', 'y2', '2021-02-01'],
        ['c', 'z', '2021-02-01'],
      ]);
      const diff = await query.diff('demo', first, 'latest', 100);
      expect(diff.counts).to.deep.equal({ added: 1, removed: 0, changed: 1 });
      expect(diff.added.map((r) => r.id)).to.deep.equal(['c']);
      expect(diff.changed[0]!.key).to.deep.equal(['b']);
      expect(diff.changed[0]!.row).to.deep.equal({ id: 'b', description: 'y2', timestamp: '2021-02-01', source_filename: 'b.csv' });
      expect(diff.changed[0]!.changes.map((c) => c.column)).to.deep.equal(['description', 'timestamp', 'source_filename']);
      expect(diff.truncated).to.equal(false);
    });

    it('should cut each list at the limit and say so', async () => {
      const first = await run('a.csv', [['a', 'x', '2021-01-01']]);
      await run('b.csv', [
        ['b', 'y', '2021-01-01'],
        ['c', 'z', '2021-01-01'],
      ]);
      const diff = await query.diff('demo', first, 'latest', 1);
      expect(diff.added).to.have.length(1);
      expect(diff.counts.added).to.equal(2);
      expect(diff.truncated).to.equal(true);
    });
  });

  describe('.rejects() and .rejectRows()', () => {
    it('should list the runs that set rows aside and page through their rows', async () => {
      await run('a.csv', [['a', 'x', '2021-01-01']]);
      const second = await run('b.csv', [
        ['', 'no key', '2021-01-01'],
        ['b', 'bad date', '2021-13-01'],
        ['c', 'ok', '2021-01-01'],
      ]);
      expect(await query.rejects('demo')).to.deep.equal([{ run: second, createdAt: (await query.rejects('demo'))[0]!.createdAt, rows: 2, path: `output/rejects/${second}.csv` }]);
      const page = await query.rejectRows('demo', second, { limit: 1 });
      expect(page!.columns).to.deep.equal(['file', 'line', 'code', 'message', 'raw']);
      expect(page!.rows[0]).to.include({ file: 'b.csv', line: '2', code: 'MISSING_KEY' });
      const next = await query.rejectRows('demo', second, { limit: 1, cursor: page!.nextCursor! });
      expect(next!.rows[0]).to.include({ line: '3', code: 'BAD_VALUE' });
      expect(next!.nextCursor).to.equal(null);
    });

    it('should return null for a run that set nothing aside', async () => {
      const first = await run('a.csv', [['a', 'x', '2021-01-01']]);
      expect(await query.rejectRows('demo', first, { limit: 1 })).to.equal(null);
    });
  });

  describe('.pipelines()', () => {
    it('should list pipelines with counts, leave templates out and report an unreadable definition', async () => {
      await run('a.csv', [
        ['a', 'x', '2021-01-01'],
        ['b', 'y', '2021-01-01'],
      ]);
      ws.writeDefinition('base', { template: true, description: 'a base' });
      ws.writeDefinition('broken', { ...demoYaml(), name: 'broken', source: { typ: 'directory' } });
      const listed = await query.pipelines();
      expect(listed.map((p) => p.name)).to.deep.equal(['broken', 'demo']);
      expect(listed[0]!.error!.code).to.equal('DEFINITION_INVALID');
      expect(listed[1]).to.deep.include({ key: ['id'], snapshots: 1, latestRows: 2 });
    });
  });
});
