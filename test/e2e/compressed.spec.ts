import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { CLI, csv, demoYaml, TestWorkspace, type RunJson } from '../helpers/workspace.js';

/** The demo definition with these source settings over its own. */
const source = (settings: Record<string, unknown>): Record<string, unknown> => demoYaml({ source: settings });
const HEADER = ['id', 'description', 'timestamp'];
const PLAIN = csv([HEADER, ['k1', 'zipped, "quoted"', '2021-01-01'], ['k2', 'two', '2021-01-02']]);
const GZ = gzipSync(Buffer.from(PLAIN));
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('compressed drops (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  describe('when a .csv.gz file comes under pattern *.csv', () => {
    it('should read it as the CSV inside, with its own name as lineage, and archive it as it came', () => {
      ws.drop('data.csv.gz', GZ);
      const { code, summary } = ws.run();
      expect(code).to.equal(0);
      expect(summary.files).to.deep.equal({ processed: 1, quarantined: 0, skipped: 0, waiting: [], ignored: [] });
      expect(ws.latest()).to.deep.equal([
        { id: 'k1', description: 'zipped, "quoted"', timestamp: '2021-01-01', source_filename: 'data.csv.gz' },
        { id: 'k2', description: 'two', timestamp: '2021-01-02', source_filename: 'data.csv.gz' },
      ]);
      expect(ws.files('input/processed')).to.deep.equal(['data.csv.gz']);
    });

    it('should record the hash of the CSV inside in the ledger, so the same file dropped again is skipped', () => {
      ws.drop('data.csv.gz', GZ);
      const first = ws.run().summary;
      const manifest = JSON.parse(ws.read(`snapshots/demo/manifests/${first.snapshot}.json`)) as { files: { name: string; sha256: string; rows: number; modifiedAt?: string }[] };
      // modifiedAt: when the file arrived, for dropline status.
      expect(manifest.files.map(({ modifiedAt: _m, ...f }) => f)).to.deep.equal([{ name: 'data.csv.gz', sha256: sha256(Buffer.from(PLAIN)), rows: 2 }]);
      ws.drop('again.CSV.GZ', GZ);
      expect(ws.run().summary.files).to.deep.equal({ processed: 0, quarantined: 0, skipped: 1, waiting: [], ignored: [] });
    });
  });

  describe('when the CSV inside a .gz was ingested before (as a plain file, or gzipped with other header bytes)', () => {
    // A correction with the same timestamp wins because it was applied later; re-applying the old file would undo it.
    const OLD = csv([HEADER, ['k1', 'old', '2021-01-01']]);
    const FIX = csv([HEADER, ['k1', 'fixed', '2021-01-01']]);
    const later = (bytes: Buffer): Buffer => Buffer.concat([bytes.subarray(0, 4), Buffer.from([9, 9, 9, 9]), bytes.subarray(8)]);

    for (const [what, first, resent] of [
      ['the plain file, then the same CSV gzipped', Buffer.from(OLD), gzipSync(Buffer.from(OLD))],
      ['a .gz, then the same CSV gzipped at another time (gzip header mtime)', gzipSync(Buffer.from(OLD)), later(gzipSync(Buffer.from(OLD)))],
    ] as const) {
      it(`should skip it as already ingested, not undo a later correction (${what})`, () => {
        ws.drop(first[0] === 0x1f ? 'a.csv.gz' : 'a.csv', first);
        ws.run();
        ws.drop('b.csv', FIX);
        ws.run();
        ws.drop('resent.csv.gz', resent);
        const { summary } = ws.run();
        expect(summary.files).to.deep.equal({ processed: 0, quarantined: 0, skipped: 1, waiting: [], ignored: [] });
        expect(ws.latest()).to.deep.equal([{ id: 'k1', description: 'fixed', timestamp: '2021-01-01', source_filename: 'b.csv' }]);
      });
    }

    it('should read a.csv once when a.csv and a.csv.gz with the same CSV are both in the drop', () => {
      ws.drop('a.csv', PLAIN);
      ws.drop('a.csv.gz', GZ);
      const { summary } = ws.run();
      expect(summary.files).to.deep.equal({ processed: 1, quarantined: 0, skipped: 1, waiting: [], ignored: [] });
      expect(summary.rows.read).to.equal(2);
      expect(ws.files('input/processed')).to.deep.equal(['a.csv', 'a.csv.gz']);
    });

    // The byte engine opens inputs ahead, concurrently: the plain b.csv is open before the bigger gzip's inflation ends.
    it('should finish, skipping b.csv, when a.csv.gz and a later b.csv hold the same CSV and b.csv opens first', () => {
      const big = csv([HEADER, ...Array.from({ length: 200_000 }, (_, i) => [`k${i}`, `d${i}`, '2021-01-01'])]);
      ws.drop('a.csv.gz', gzipSync(Buffer.from(big)));
      ws.drop('b.csv', big);
      const env = { ...process.env, NO_COLOR: '1' };
      const r = spawnSync(process.execPath, [CLI, 'run', 'demo', '--json'], { cwd: ws.root, encoding: 'utf8', env, timeout: 30_000 });
      expect(r.signal, `the run did not finish within 30 s: ${r.stderr}`).to.equal(null);
      const summary = JSON.parse(r.stdout) as RunJson;
      expect(summary.files).to.deep.equal({ processed: 1, quarantined: 0, skipped: 1, waiting: [], ignored: [] });
      expect(summary.rows.read).to.equal(200_000);
    });

    it('should move an ingested .gz back into the drop on reset --reprocess (found in the archive by the CSV inside)', () => {
      ws.drop('a.csv', csv([HEADER, ['k0', 'zero', '2020-12-31']]));
      const first = ws.run().summary.snapshot!;
      ws.drop('data.csv.gz', GZ);
      ws.run();
      expect(ws.cli('reset', 'demo', '--to', first, '--reprocess').code).to.equal(0);
      expect(ws.files('input/processing')).to.deep.equal(['data.csv.gz']);
      expect(ws.run().summary.files.processed).to.equal(1);
    });
  });

  describe('when a .gz file is read in another encoding', () => {
    for (const parser of ['auto', 'csv-parse']) {
      it(`should read gzip text in a Windows-1252 pipeline (parser ${parser})`, () => {
        ws.writeDefinition('demo', source({ encoding: 'windows-1252', parser }));
        ws.drop('w.csv.gz', gzipSync(Buffer.concat([Buffer.from('id,description,timestamp\nk1,'), Buffer.from([0xe9, 0x80]), Buffer.from(',2021-01-01\n')])));
        expect(ws.run().code).to.equal(0);
        expect(ws.latest()).to.deep.equal([{ id: 'k1', description: 'é€', timestamp: '2021-01-01', source_filename: 'w.csv.gz' }]);
      });
    }
  });

  describe('when a .gz file is damaged', () => {
    it('should quarantine it, saying the gzip stream cannot be read', () => {
      ws.drop('bad.csv.gz', GZ.subarray(0, GZ.length - 12));
      const { code, summary } = ws.run();
      expect(code).to.equal(3);
      expect(summary.quarantined).to.deep.equal([
        { file: 'bad.csv.gz', code: 'UNREADABLE', message: 'is gzip-compressed but cannot be decompressed (unexpected end of file); drop it again, whole' },
      ]);
    });
  });

  describe('when source.compression is none', () => {
    it('should leave .csv.gz files unread, saying they do not match', () => {
      ws.writeDefinition('demo', source({ compression: 'none' }));
      ws.drop('data.csv.gz', GZ);
      ws.drop('plain.csv', PLAIN);
      const { summary } = ws.run();
      expect(summary.files).to.deep.equal({ processed: 1, quarantined: 0, skipped: 0, waiting: [], ignored: [{ file: 'data.csv.gz', reason: 'does not match pattern *.csv' }] });
    });
  });
});
