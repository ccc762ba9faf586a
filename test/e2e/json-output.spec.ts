import { expect } from 'chai';
import { mkdirSync, rmSync } from 'node:fs';
import { parse } from 'yaml';
import { serve } from '../helpers/servedWorkspace.js';
import { TYPED_DROPS, TYPED_SCHEMA } from '../helpers/sinkTables.js';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** stdout of a command that must succeed, parsed; it must be exactly one line. */
function json(ws: TestWorkspace, ...args: string[]): Json {
  const r = ws.cli(...args, '--json');
  expect(r.code, r.stderr).to.be.oneOf([0, 3]);
  expect(r.stdout.split('\n'), r.stdout).to.have.length(2);
  return JSON.parse(r.stdout);
}

describe('--json (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  /** Two snapshots: k1 and k2, then k1 changed and k3 added. */
  function twoSnapshots(): [string, string] {
    ws.drop('a.csv', 'id,description,timestamp\nk1,old,2021-01-01\nk2,same,2021-01-01\n');
    const first = ws.run().summary.snapshot!;
    ws.drop('b.csv', 'id,description,timestamp\nk1,new,2021-01-02\nk3,added,2021-01-02\n');
    return [first, ws.run().summary.snapshot!];
  }

  describe('errors', () => {
    it('should print {"error":{"code","message"}} on stdout and the usual line on stderr, with the usual exit code', () => {
      const r = ws.cli('run', 'dmeo', '--json');
      expect(r.code).to.equal(2);
      const message = 'pipeline "dmeo" not found: no pipelines/dmeo.yaml; did you mean "demo"? (pipelines: demo)';
      expect(r.stdout).to.equal(JSON.stringify({ error: { code: 'DEFINITION_NOT_FOUND', message } }) + '\n');
      expect(r.stderr).to.equal(`error[DEFINITION_NOT_FOUND]: ${message}\n`);
    });

    it('should print a usage error as JSON too', () => {
      const r = ws.cli('run', 'demo', '--json', '--frobnicate');
      expect(r.code).to.equal(2);
      expect(JSON.parse(r.stdout)).to.deep.equal({ error: { code: 'USAGE', message: "unknown option '--frobnicate'" } });
    });

    it('should leave stdout empty without --json', () => {
      const r = ws.cli('run', 'dmeo');
      expect(r.stdout).to.equal('');
    });
  });

  describe('commands that print a result', () => {
    it('should print generate as {"pipeline", "path", "files", "rows"}', () => {
      expect(json(ws, 'generate', 'demo', '--rows', '6', '--files', '2', '--ids', '3', '--seed', '1')).to.deep.equal({
        pipeline: 'demo',
        path: 'input/processing',
        files: ws.files('input/processing'),
        rows: 6,
      });
    });

    it('should print pin and unpin as {"pipeline", "snapshot", "pinned"}', () => {
      const [first] = twoSnapshots();
      expect(json(ws, 'pin', 'demo', first)).to.deep.equal({ pipeline: 'demo', snapshot: first, pinned: true });
      expect(json(ws, 'unpin', 'demo', first)).to.deep.equal({ pipeline: 'demo', snapshot: first, pinned: false });
    });

    it('should print prune as {"pipeline", "dryRun", "snapshots", "compressed", "deleted", "base"}', () => {
      const [first] = twoSnapshots();
      ws.writeDefinition('demo', demoYaml({ snapshots: { path: 'snapshots', keep: 1 } }));
      expect(json(ws, 'prune', 'demo', '--dry-run')).to.deep.equal({ pipeline: 'demo', dryRun: true, snapshots: [first], compressed: [], deleted: [], base: null });
      expect(json(ws, 'prune', 'demo')).to.deep.equal({ pipeline: 'demo', dryRun: false, snapshots: [first], compressed: [], deleted: [], base: null });
    });

    it('should print reset as {"pipeline", "to", "snapshot", "rows", "requeued"}', () => {
      const [first] = twoSnapshots();
      const r = json(ws, 'reset', 'demo', '--to', first, '--reprocess');
      const newest = JSON.parse(ws.cli('show', 'demo', 'latest').stdout) as { id: string };
      expect(r).to.deep.equal({ pipeline: 'demo', to: first, snapshot: newest.id, rows: 2, requeued: ['b.csv'] });
    });

    it('should print clean as {"pipeline", "done", "latest", "snapshots", "rejects", "requeue"} and, done, "moved"', () => {
      twoSnapshots();
      const plan = { pipeline: 'demo', latest: 'output/latest.csv', snapshots: 2, rejects: [], requeue: ['a.csv', 'b.csv'] };
      expect(json(ws, 'clean', 'demo')).to.deep.equal({ ...plan, done: false });
      expect(json(ws, 'clean', 'demo', '--yes')).to.deep.equal({ ...plan, done: true, moved: ['a.csv', 'b.csv'] });
    });

    it('should print init as {"root", "written", "kept", "skipped", "commonJs", "installed"}', () => {
      const r = json(ws, 'init', ws.path('fresh'));
      expect(Object.keys(r)).to.deep.equal(['root', 'written', 'kept', 'skipped', 'commonJs', 'installed']);
      expect(r.skipped).to.deep.equal([]);
      expect(r.installed).to.equal(false);
      expect(r.root).to.equal(ws.path('fresh'));
      expect(r.written).to.include('pipelines/example.yaml');
      expect(r.kept).to.deep.equal([]);
    });

    it('should print show-definition as the resolved definition', () => {
      const r = json(ws, 'show-definition', 'demo');
      expect(r).to.deep.equal(parse(ws.cli('show-definition', 'demo').stdout));
      expect(r.name).to.equal('demo');
      expect(r.validation.headers.threshold).to.be.a('number');
    });
  });

  describe('diff', () => {
    it("should have the shape of the HTTP API's /diff, column names, counts and truncated included", async () => {
      const [first, second] = twoSnapshots();
      const cli = json(ws, 'diff', 'demo', first);
      expect(cli).to.deep.equal({
        pipeline: 'demo',
        from: first,
        to: second,
        key: ['id'],
        columns: { before: ['id', 'description', 'timestamp', 'source_filename'], after: ['id', 'description', 'timestamp', 'source_filename'], added: [], removed: [] },
        counts: { added: 1, removed: 0, changed: 1 },
        added: [{ id: 'k3', description: 'added', timestamp: '2021-01-02', source_filename: 'b.csv' }],
        removed: [],
        changed: [
          {
            key: ['k1'],
            row: { id: 'k1', description: 'new', timestamp: '2021-01-02', source_filename: 'b.csv' },
            changes: [
              { column: 'description', before: 'old', after: 'new' },
              { column: 'timestamp', before: '2021-01-01', after: '2021-01-02' },
              { column: 'source_filename', before: 'a.csv', after: 'b.csv' },
            ],
          },
        ],
        truncated: false,
      });
      const server = await serve(ws);
      try {
        const api = (await (await fetch(new URL(`api/pipelines/demo/diff?from=${first}`, server.url))).json()) as Json;
        expect(cli).to.deep.equal(api);
      } finally {
        await server.stop();
      }
    });

    it('should cut each list at --limit and say so, counts complete', () => {
      ws.drop('a.csv', 'id,description,timestamp\nk1,x,2021-01-01\n');
      const first = ws.run().summary.snapshot!;
      ws.drop('b.csv', 'id,description,timestamp\nk2,x,2021-01-01\nk3,x,2021-01-01\nk4,x,2021-01-01\n');
      ws.run();
      const cut = json(ws, 'diff', 'demo', first, '--limit', '2');
      expect(cut.counts).to.deep.equal({ added: 3, removed: 0, changed: 0 });
      expect(cut.added.map((r: { id: string }) => r.id)).to.deep.equal(['k2', 'k3']);
      expect(cut.truncated).to.equal(true);
      const human = ws.cli('diff', 'demo', first, '--limit', '2');
      expect(human.stdout.split('\n').slice(1)).to.deep.equal(['+ k2', '+ k3', '(at most 2 keys of each kind listed; see more with --limit)', '']);
      expect(human.stdout).to.match(/: 3 added, 0 removed, 0 changed\n/);
    });
  });

  describe('after SINK_FAILED', () => {
    const shop = demoYaml({ name: 'shop', schema: TYPED_SCHEMA, sinks: [{ type: 'sqlite' }] });
    beforeEach(() => {
      ws.remove();
      ws = new TestWorkspace({ shop });
      mkdirSync(ws.path('output', 'shop.sqlite'), { recursive: true }); // a folder where the database file should be
      ws.drop(...TYPED_DROPS[0]!);
    });

    it('should still print the run summary, with the error in it, as one JSON object', () => {
      const r = ws.cli('run', 'shop', '--json');
      expect(r.code).to.equal(5);
      const out = JSON.parse(r.stdout) as Json;
      expect(out.snapshot).to.match(/^\d{8}T\d{9}Z$/);
      expect(out.files).to.deep.include({ processed: 1, quarantined: 0, skipped: 0 });
      expect(out.error.code).to.equal('SINK_FAILED');
      expect(out.error.message).to.match(/^sink sqlite of pipeline shop failed: .+; the snapshot \d{8}T\d{9}Z is committed; bring the sinks up to date with: dropline sync shop$/);
      expect(r.stderr).to.match(/^error\[SINK_FAILED\]: /m);
    });

    it('should print the human summary on stdout and the error on stderr', () => {
      const r = ws.cli('run', 'shop');
      expect(r.stdout).to.match(/^pipeline shop: run \d{8}T\d{9}Z, snapshot \d{8}T\d{9}Z\n {2}files: {2}1 processed, 0 quarantined, 0 skipped\n/);
      expect(r.stderr).to.match(/^error\[SINK_FAILED\]: sink sqlite of pipeline shop failed/m);
    });

    it('should print sync as {"pipeline", "sinks"}', () => {
      ws.cli('run', 'shop');
      rmSync(ws.path('output', 'shop.sqlite'), { recursive: true });
      const id = (JSON.parse(ws.cli('show', 'shop', 'latest').stdout) as { id: string }).id;
      expect(json(ws, 'sync', 'shop')).to.deep.equal({ pipeline: 'shop', sinks: [{ key: 'sinks[0]', type: 'sqlite', snapshot: id, action: 'published', rows: 3 }] });
    });
  });
});
