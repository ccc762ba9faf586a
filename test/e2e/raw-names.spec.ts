import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { csv, TestWorkspace } from '../helpers/workspace.js';

const GOOD = csv([
  ['id', 'description', 'timestamp'],
  ['1', 'one', '2024-01-01'],
]);
const BAD = 'id,description\nx,y\n';
/** `café.csv` as a Latin-1 system writes it: not UTF-8. */
const LATIN1 = Buffer.from('caf\xe9.csv', 'latin1');

/** A folder's entries as raw bytes, hex-free: names that are UTF-8 as text, others as \xNN escapes. */
function rawFiles(dir: string): string[] {
  let names: Buffer[];
  try {
    names = readdirSync(dir, { encoding: 'buffer' });
  } catch {
    return [];
  }
  return names
    .map((b) => (b.equals(Buffer.from(b.toString('utf8'))) ? b.toString('utf8') : [...b].map((c) => (c < 0x80 ? String.fromCharCode(c) : `\\x${c.toString(16)}`)).join('')))
    .sort();
}

function writeRaw(ws: TestWorkspace, folder: string, name: Buffer, content: string): void {
  const dir = ws.path(folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(Buffer.concat([Buffer.from(dir + '/'), name]), content);
}

describe('file names the filesystem allows but text does not (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  describe('a name that is not UTF-8', () => {
    it('should ingest and archive it, its lineage naming the bytes as \\xNN', () => {
      writeRaw(ws, 'input/processing', LATIN1, GOOD);
      const { code, summary } = ws.run();
      expect(code).to.equal(0);
      expect(summary.files.processed).to.equal(1);
      expect(ws.latest()).to.deep.equal([{ id: '1', description: 'one', timestamp: '2024-01-01', source_filename: 'caf\\xe9.csv' }]);
      expect(rawFiles(ws.path('input', 'processing'))).to.deep.equal([]);
      expect(rawFiles(ws.path('input', 'processed'))).to.deep.equal(['caf\\xe9.csv']);
      expect(ws.run().summary.files.processed).to.equal(0);
    });

    it('should quarantine it once, for real, with its .error.json', () => {
      writeRaw(ws, 'input/processing', LATIN1, BAD);
      const first = ws.run();
      expect(first.code).to.equal(3);
      expect(first.summary.quarantined.map((q) => q.file)).to.deep.equal(['caf\\xe9.csv']);
      expect(first.stderr).not.to.contain('failed');
      expect(rawFiles(ws.path('input', 'quarantine'))).to.deep.equal(['caf\\xe9.csv', 'caf\\xe9.csv.error.json']);
      const second = ws.run();
      expect(second.code).to.equal(0);
      expect(second.summary.quarantined).to.deep.equal([]);
    });
  });

  describe('a name near the 255-byte limit', () => {
    it('should quarantine a 251-byte name with a shortened .error.json naming the file', () => {
      const name = 'q'.repeat(247) + '.csv';
      ws.drop(name, BAD);
      const r = ws.run();
      expect(r.code).to.equal(3);
      expect(r.stderr).not.to.contain('failed');
      const files = ws.files('input/quarantine');
      expect(files).to.have.length(2);
      expect(files).to.include(name);
      const report = files.find((f) => f !== name)!;
      expect(report).to.match(/\.error\.json$/);
      expect(Buffer.byteLength(report)).to.be.at.most(255);
      expect(JSON.parse(ws.read(join('input', 'quarantine', report))).file).to.equal(name);
    });

    it('should archive a 255-byte name that clashes in the archive under a shortened free name', () => {
      const name = 'z'.repeat(251) + '.csv';
      ws.write(join('input', 'processed', name), 'already archived\n');
      ws.drop(name, GOOD);
      const first = ws.run();
      expect(first.code).to.equal(0);
      expect(first.stderr).not.to.contain('failed');
      expect(ws.files('input/processing')).to.deep.equal([]);
      const archived = ws.files('input/processed');
      expect(archived).to.have.length(2);
      const moved = archived.find((f) => f !== name)!;
      expect(Buffer.byteLength(moved)).to.be.at.most(255);
      expect(ws.read(join('input', 'processed', moved))).to.equal(GOOD);
    });
  });

  describe('a move that cannot happen', () => {
    it('should say once, with a code, that the file stays and why', () => {
      ws.write(join('input', 'quarantine'), 'a file where the quarantine folder should be\n');
      ws.drop('broken.csv', BAD);
      const r = ws.run();
      expect(r.code).to.equal(3);
      const lines = r.stderr.split('\n').filter((l) => l.includes('broken.csv') && l.includes('MOVE_FAILED'));
      expect(lines, r.stderr).to.have.length(1);
      expect(lines[0]).to.contain('input/quarantine').and.not.contain('the next run completes it');
      expect(ws.files('input/processing')).to.deep.equal(['broken.csv']);
    });
  });
});
