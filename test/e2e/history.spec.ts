import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { generatedDrop, latestOf } from '../helpers/generatedDrop.js';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

const DROP = generatedDrop({ rows: 5000, files: 50, ids: 300, seed: 11 });

/** Five runs of ten files each; returns the snapshot ids in order. */
function fiveBatches(ws: TestWorkspace): string[] {
  const ids: string[] = [];
  for (let b = 0; b < 5; b++) {
    for (const [name, content] of DROP.slice(b * 10, b * 10 + 10)) ws.drop(name, content);
    const { code, summary } = ws.run();
    expect(code).to.equal(0);
    ids.push(summary.snapshot!);
  }
  return ids;
}

describe('pipeline history (end to end)', () => {
  let ws: TestWorkspace;
  let full: string;
  let firstTwenty: string;
  before(() => {
    full = latestOf(DROP);
    firstTwenty = latestOf(DROP.slice(0, 20));
  });
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  describe('snapshots', () => {
    it('should list every snapshot oldest first with id, createdAt, rows and file names', () => {
      const ids = fiveBatches(ws);
      const listed = JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout) as { id: string; createdAt: string; rows: number; files: string[] }[];
      expect(listed.map((s) => s.id)).to.deep.equal(ids);
      expect(listed[1]!.files).to.deep.equal(DROP.slice(10, 20).map(([n]) => n));
      expect(listed[4]!.rows).to.equal(300);
      expect(new Date(listed[0]!.createdAt).toISOString()).to.equal(listed[0]!.createdAt);
      expect(ws.cli('snapshots', 'demo').stdout).to.match(/5 snapshot\(s\), [\d.]+ KiB on disk/);
    });

    it('should show a manifest with files and their SHA-256, counts and the latest checksum', () => {
      const [first] = fiveBatches(ws);
      const manifest = JSON.parse(ws.cli('show', 'demo', first!).stdout);
      expect(manifest).to.include.keys('id', 'createdAt', 'parent', 'files', 'counts', 'headers', 'definitionSha256', 'latest');
      expect(manifest.parent).to.equal(null);
      expect(manifest.files).to.have.length(10);
      expect(manifest.counts).to.deep.include({ read: 1000, rejected: 0 });
    });

    it('should refuse an unknown or malformed snapshot id with SNAPSHOT_NOT_FOUND', () => {
      fiveBatches(ws);
      for (const id of ['20200101T000000000Z', '../../x']) {
        const r = ws.cli('show', 'demo', id);
        expect(r.code).to.equal(1);
        expect(r.stderr).to.match(/^error\[SNAPSHOT_NOT_FOUND\]: .*dropline snapshots demo/);
      }
    });
  });

  describe('reset', () => {
    it('should make latest.csv equal a run of the first twenty files when reset to the second snapshot', () => {
      const ids = fiveBatches(ws);
      const r = ws.cli('reset', 'demo', '--to', ids[1]!);
      expect(r.code, r.stderr).to.equal(0);
      expect(ws.read('output/latest.csv')).to.equal(firstTwenty);
      const listed = JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout) as { kind: string }[];
      expect(listed).to.have.length(6);
      expect(listed[5]!.kind).to.equal('reset');
    });

    it('should be undoable by resetting to the snapshot before it', () => {
      const ids = fiveBatches(ws);
      ws.cli('reset', 'demo', '--to', ids[1]!);
      ws.cli('reset', 'demo', '--to', ids[4]!);
      expect(ws.read('output/latest.csv')).to.equal(full);
    });

    it('should with --reprocess move the later files back and the next run give the full result again', () => {
      const ids = fiveBatches(ws);
      ws.cli('reset', 'demo', '--to', ids[1]!, '--reprocess');
      expect(ws.files('input/processing')).to.deep.equal(DROP.slice(20).map(([n]) => n));
      const { summary } = ws.run();
      expect(summary.files.processed).to.equal(30);
      expect(ws.read('output/latest.csv')).to.equal(full);
    });
  });

  describe('clean', () => {
    it('should only show what it would do without --yes', () => {
      fiveBatches(ws);
      const r = ws.cli('clean', 'demo');
      expect(r.stdout).to.contain('would remove: output/latest.csv, 5 snapshot(s)').and.contain('dropline clean demo --yes');
      expect(ws.files('input/processed')).to.have.length(50);
    });

    it('should with --yes let the next run rebuild the same latest.csv byte for byte', () => {
      fiveBatches(ws);
      const before = ws.read('output/latest.csv');
      const r = ws.cli('clean', 'demo', '--yes');
      expect(r.code, r.stderr).to.equal(0);
      expect(ws.files('output')).to.deep.equal(['logs']);
      expect(ws.files('input/processing')).to.have.length(50);
      expect(ws.files('snapshots/demo/manifests')).to.deep.equal([]);
      ws.run();
      expect(ws.read('output/latest.csv')).to.equal(before);
    });

    it('should leave quarantined files where they are', () => {
      ws.drop('broken.csv', 'id,description\nx,y\n');
      ws.drop('ok.csv', DROP[0]![1]);
      ws.run();
      ws.cli('clean', 'demo', '--yes');
      expect(ws.files('input/quarantine')).to.deep.equal(['broken.csv', 'broken.csv.error.json']);
      expect(ws.files('input/processing')).to.deep.equal(['ok.csv']);
    });
  });

  describe('diff', () => {
    it('should list exactly the keys whose rows changed between two snapshots', () => {
      const ids = fiveBatches(ws);
      const before = parse(firstTwenty, { columns: true }) as Record<string, string>[];
      const after = parse(full, { columns: true }) as Record<string, string>[];
      const was = new Map(before.map((r) => [r.id!, JSON.stringify(r)]));
      const expected = after.filter((r) => was.has(r.id!) && was.get(r.id!) !== JSON.stringify(r)).map((r) => r.id);
      const added = after.filter((r) => !was.has(r.id!)).map((r) => r.id);
      const diff = JSON.parse(ws.cli('diff', 'demo', ids[1]!, '--json').stdout) as { to: string; changed: { key: string[] }[]; added: string[][]; removed: string[][] };
      expect(diff.to).to.equal(ids[4]);
      expect(diff.changed.map((c) => c.key[0])).to.deep.equal(expected);
      expect(diff.added.map((r) => r[0])).to.deep.equal(added);
      expect(diff.removed).to.deep.equal([]);
    });

    it('should show each changed column before and after', () => {
      ws.drop('a.csv', 'id,description,timestamp\nk,old,2021-01-01\n');
      const first = ws.run().summary.snapshot!;
      ws.drop('b.csv', 'id,description,timestamp\nk,new,2021-01-02\n');
      ws.run();
      const diff = JSON.parse(ws.cli('diff', 'demo', first, '--json').stdout) as { changed: { key: string[]; changes: unknown[] }[] };
      expect(diff.changed).to.deep.equal([
        {
          key: ['k'],
          changes: [
            { column: 'description', before: 'old', after: 'new' },
            { column: 'timestamp', before: '2021-01-01', after: '2021-01-02' },
            { column: 'source_filename', before: 'a.csv', after: 'b.csv' },
          ],
        },
      ]);
    });
  });

  describe('the processed-file ledger', () => {
    it('should skip a re-dropped file, renamed or not, and archive it', () => {
      ws.drop(DROP[0]![0], DROP[0]![1]);
      ws.run();
      const before = ws.read('output/latest.csv');
      ws.drop('renamed.csv', DROP[0]![1]);
      const { code, summary } = ws.run();
      expect(code).to.equal(0);
      expect(summary.files).to.deep.equal({ processed: 0, quarantined: 0, skipped: 1, waiting: [], ignored: [] });
      expect(ws.read('output/latest.csv')).to.equal(before);
      expect(ws.files('input/processed')).to.include('renamed.csv');
    });

    it('should ingest it anyway with --force', () => {
      ws.drop('a.csv', 'id,description,timestamp\nk,old,2021-01-01\n');
      ws.run();
      ws.drop('b.csv', 'id,description,timestamp\nk,old,2021-01-01\n');
      const { summary } = ws.run('demo', '--force');
      expect(summary.files.processed).to.equal(1);
      expect(ws.latest()[0]!.source_filename).to.equal('b.csv');
    });
  });

  describe('retention', () => {
    it('should keep the newest N and pinned snapshots after each run, and prune --dry-run should preview', () => {
      ws.writeDefinition('demo', demoYaml({ snapshots: { path: 'snapshots', keep: 2 } }));
      ws.drop(DROP[0]![0], DROP[0]![1]);
      const first = ws.run().summary.snapshot!;
      expect(ws.cli('pin', 'demo', first).code).to.equal(0);
      for (const [name, content] of DROP.slice(1, 5)) {
        ws.drop(name, content);
        ws.run();
      }
      const listed = JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout) as { id: string; pinned: boolean }[];
      expect(listed).to.have.length(3);
      expect(listed[0]).to.deep.include({ id: first, pinned: true });
      expect(ws.cli('prune', 'demo', '--dry-run').stdout).to.equal('nothing to prune\n');
      ws.cli('unpin', 'demo', first);
      expect(ws.cli('prune', 'demo', '--dry-run').stdout).to.contain(first);
      expect(ws.files('snapshots/demo/manifests')).to.have.length(3);
      ws.cli('prune', 'demo');
      expect(ws.files('snapshots/demo/manifests')).to.have.length(2);
      expect(ws.cli('reset', 'demo', '--to', first).stderr).to.match(/SNAPSHOT_NOT_FOUND/);
    });
  });
});
