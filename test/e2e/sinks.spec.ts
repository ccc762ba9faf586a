import { expect } from 'chai';
import { mkdirSync, rmSync } from 'node:fs';
import { HISTORY_DROPS, historyPipeline, version } from '../helpers/historyScenario.js';
import { asSqlite, sqliteHistory, sqliteRows, sqliteSnapshots, TYPED_DROPS, TYPED_SCHEMA } from '../helpers/sinkTables.js';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

const JSON_SINK_JS = `
import { writeFileSync } from 'node:fs';
import { BaseSink } from 'dropline-cli';
export default class JsonSink extends BaseSink {
  static options = { path: { type: 'string', required: true, description: 'where the JSON goes' } };
  async write(context) {
    const file = this.context.workspace.resolve(this.context.options.path);
    writeFileSync(file, JSON.stringify({ snapshot: context.snapshot?.id ?? null, rows: context.table.rows.length }));
  }
}
`;

function shop(sinks: unknown[], name = 'shop'): Record<string, unknown> {
  return demoYaml({ name, schema: TYPED_SCHEMA, sinks });
}

describe('sinks (end to end)', () => {
  let ws: TestWorkspace;
  afterEach(() => ws.remove());

  describe('a sqlite sink', () => {
    beforeEach(() => (ws = new TestWorkspace({ shop: shop([{ type: 'sqlite' }]) })));
    const file = () => ws.path('output', 'shop.sqlite');

    /** The table equals latest.csv row by row, typed, and marks the newest snapshot current. */
    function expectPublished(when: string): void {
      expect(sqliteRows(file(), 'shop'), when).to.deep.equal(asSqlite(ws.latest()));
      const newest = JSON.parse(ws.cli('show', 'shop', 'latest').stdout) as { id: string };
      expect(
        sqliteSnapshots(file(), 'shop')
          .filter((s) => s.is_current === 1)
          .map((s) => s.id),
        when,
      ).to.deep.equal([newest.id]);
    }

    it('should leave a table equal to latest.csv after every run, reset and clean', () => {
      ws.drop(...TYPED_DROPS[0]!);
      const first = ws.run('shop');
      expect(first.code, first.stderr).to.equal(0);
      expectPublished('after the first run');
      ws.drop(...TYPED_DROPS[1]!);
      expect(ws.run('shop').code).to.equal(0);
      expectPublished('after the second run');
      expect(ws.cli('reset', 'shop', '--to', first.summary.snapshot!).code).to.equal(0);
      expectPublished('after the reset');
      expect(sqliteSnapshots(file(), 'shop').map((s) => s.kind)).to.deep.equal(['run', 'run', 'reset']);
      expect(ws.cli('clean', 'shop', '--yes').code).to.equal(0);
      expect(sqliteRows(file(), 'shop')).to.deep.equal([]);
      expect(sqliteSnapshots(file(), 'shop')).to.deep.equal([]);
      expect(ws.run('shop').code).to.equal(0);
      expectPublished('after rebuilding');
    });

    it('should report a sink that fails with SINK_FAILED, keep the snapshot, and catch up with sync', () => {
      mkdirSync(file(), { recursive: true }); // a folder where the database file should be
      ws.drop(...TYPED_DROPS[0]!);
      const r = ws.cli('run', 'shop');
      expect(r.code).to.equal(5);
      const newest = JSON.parse(ws.cli('show', 'shop', 'latest').stdout) as { id: string };
      expect(r.stderr.trim()).to.match(
        new RegExp(
          `^error\\[SINK_FAILED\\]: sink sqlite of pipeline shop failed: .+; the snapshot ${newest.id} is committed; bring the sinks up to date with: dropline sync shop$`,
        ),
      );
      expect(ws.files('input/processed')).to.deep.equal([TYPED_DROPS[0]![0]]);
      rmSync(file(), { recursive: true });
      const sync = ws.cli('sync', 'shop');
      expect(sync.code, sync.stderr).to.equal(0);
      expect(sync.stdout).to.contain(`sinks[0] sqlite: published snapshot ${newest.id} (3 rows)`);
      expectPublished('after sync');
      expect(ws.cli('sync', 'shop').stdout).to.contain(`sinks[0] sqlite: already shows snapshot ${newest.id}`);
    });

    it('should refuse a definition whose sink is unknown before changing anything', () => {
      ws.writeDefinition('shop', shop([{ type: 'sqllite' }]));
      ws.drop(...TYPED_DROPS[0]!);
      const r = ws.cli('run', 'shop');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain('error[DEFINITION_INVALID]: pipelines/shop.yaml: sinks[0].type "sqllite" is not known; did you mean "sqlite"?');
      expect(ws.files('input/processing')).to.deep.equal([TYPED_DROPS[0]![0]]);
      expect(ws.files('snapshots/shop')).to.deep.equal([]);
    });
  });

  describe('a sqlite sink of a pipeline in a folder', () => {
    it('should default to output/<folder>/<name>.sqlite and a table with "_" for "/"', () => {
      ws = new TestWorkspace({ 'clients/acme': shop([{ type: 'sqlite' }], 'acme') });
      ws.drop(...TYPED_DROPS[0]!);
      expect(ws.run('clients/acme').code).to.equal(0);
      expect(sqliteRows(ws.path('output', 'clients', 'acme.sqlite'), 'clients_acme')).to.deep.equal(asSqlite(ws.latest()));
    });
  });

  describe('a sink class in a user module', () => {
    it('should be published after each run and emptied by clean', () => {
      ws = new TestWorkspace({ shop: shop([{ type: 'json', module: 'sinks/json-sink.mjs', options: { path: 'output/shop.json' } }]) });
      ws.write('sinks/json-sink.mjs', JSON_SINK_JS);
      ws.drop(...TYPED_DROPS[0]!);
      const run = ws.run('shop');
      expect(run.code, run.stderr).to.equal(0);
      expect(JSON.parse(ws.read('output/shop.json'))).to.deep.equal({ snapshot: run.summary.snapshot, rows: 3 });
      expect(ws.cli('sync', 'shop').stdout).to.contain('sinks[0] json: already shows');
      expect(ws.cli('clean', 'shop', '--yes').code).to.equal(0);
      expect(JSON.parse(ws.read('output/shop.json'))).to.deep.equal({ snapshot: null, rows: 0 });
    });
  });
});

describe('a sqlite sink with history: true (end to end)', () => {
  let ws: TestWorkspace;
  afterEach(() => ws.remove());

  it('should keep every version of every row through runs, a reset and a clean', () => {
    ws = new TestWorkspace({ shop: historyPipeline({ type: 'sqlite' }) });
    const read = () => sqliteHistory(ws.path('output', 'shop.sqlite'), 'shop');
    const step = (what: string, ...args: string[]): string => {
      const r = ws.cli(...args);
      expect(r.code, `${what}: ${r.stderr}`).to.equal(0);
      return (JSON.parse(ws.cli('show', 'shop', 'latest').stdout) as { createdAt: string }).createdAt;
    };
    ws.drop(...HISTORY_DROPS[0]!);
    const t1 = step('insert', 'run', 'shop');
    const first = (JSON.parse(ws.cli('show', 'shop', 'latest').stdout) as { id: string }).id;
    expect(read()).to.deep.equal([version('x', 'x1', t1, null, 'a.csv', 2), version('y', 'y1', t1, null, 'a.csv', 3)]);
    ws.drop(...HISTORY_DROPS[1]!);
    const t2 = step('update', 'run', 'shop');
    const updated = [
      version('x', 'x1', t1, t2, 'a.csv', 2),
      version('x', 'x2', t2, null, 'b.csv', 3),
      version('y', 'y1', t1, null, 'a.csv', 3),
      version('z', 'z1', t2, null, 'b.csv', 2),
    ];
    expect(read()).to.deep.equal(updated);
    ws.drop(...HISTORY_DROPS[2]!);
    step('unchanged', 'run', 'shop');
    expect(read()).to.deep.equal(updated);
    const t4 = step('reset', 'reset', 'shop', '--to', first);
    const reset = [
      updated[0]!,
      { ...updated[1]!, valid_to: t4, is_current: false },
      version('x', 'x1', t4, null, 'a.csv', 2),
      updated[2]!,
      { ...updated[3]!, valid_to: t4, is_current: false },
    ];
    expect(read()).to.deep.equal(reset);
    expect(ws.cli('clean', 'shop', '--yes').code).to.equal(0);
    const cleaned = read();
    const closedAt = cleaned[2]!.valid_to!;
    expect(closedAt >= t4 && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(closedAt), closedAt).to.equal(true);
    expect(cleaned).to.deep.equal([reset[0], reset[1], { ...reset[2]!, valid_to: closedAt, is_current: false }, { ...reset[3]!, valid_to: closedAt, is_current: false }, reset[4]]);
    expect(sqliteRows(ws.path('output', 'shop.sqlite'), 'shop')).to.deep.equal([]);
  });
});
