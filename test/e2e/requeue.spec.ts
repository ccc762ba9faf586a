import { appendFileSync, rmSync } from 'node:fs';
import { expect } from 'chai';
import { csv, TestWorkspace } from '../helpers/workspace.js';

const HEADER = ['id', 'description', 'timestamp'];

/** Two runs: a.csv (ids 1, 2), then b.csv (id 3); returns the first snapshot's id. */
function twoRuns(ws: TestWorkspace): string {
  ws.drop('a.csv', csv([HEADER, ['1', 'one', '2024-01-01'], ['2', 'two', '2024-01-01']]));
  const first = ws.run();
  ws.drop('b.csv', csv([HEADER, ['3', 'three', '2024-01-01']]));
  ws.run();
  return first.summary.snapshot!;
}

describe('moving archived files back (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  describe('clean --yes', () => {
    it('should move back an archived file whose bytes changed, name it, and let the rebuild hold its rows', () => {
      twoRuns(ws);
      appendFileSync(ws.path('input', 'processed', 'a.csv'), '4,four,2024-01-01\n');
      const clean = ws.cli('clean', 'demo', '--yes');
      expect(clean.code, clean.stderr).to.equal(0);
      expect(clean.stdout).to.contain('moved 2 processed file(s) back into the drop');
      expect(clean.stderr).to.match(/a\.csv.*changed since it was archived/);
      expect(ws.files('input/processing')).to.deep.equal(['a.csv', 'b.csv']);
      expect(ws.files('input/processed')).to.deep.equal([]);
      const { code } = ws.run();
      expect(code).to.equal(0);
      expect(ws.latest().map((r) => r.id)).to.deep.equal(['1', '2', '3', '4']);
    });

    it('should count only what it moved and name an archived file that is gone', () => {
      twoRuns(ws);
      rmSync(ws.path('input', 'processed', 'a.csv'));
      const clean = ws.cli('clean', 'demo', '--yes');
      expect(clean.code, clean.stderr).to.equal(0);
      expect(clean.stdout).to.contain('moved 1 processed file(s) back into the drop');
      expect(clean.stderr).to.match(/a\.csv.*not in the archive/);
      expect(ws.files('input/processing')).to.deep.equal(['b.csv']);
    });

    it('should find a file archived under a clash name by its content', () => {
      twoRuns(ws);
      ws.drop('a.csv', csv([HEADER, ['5', 'five', '2024-01-01']]));
      ws.run();
      expect(ws.files('input/processed')).to.deep.equal(['a.csv', 'a_2.csv', 'b.csv']);
      const clean = ws.cli('clean', 'demo', '--yes');
      expect(clean.stdout).to.contain('moved 3 processed file(s) back into the drop');
      expect(ws.files('input/processed')).to.deep.equal([]);
      ws.run();
      expect(ws.latest().map((r) => r.id)).to.deep.equal(['1', '2', '3', '5']);
    });
  });

  describe('reset --reprocess', () => {
    it('should move back an archived file whose bytes changed and name it', () => {
      const first = twoRuns(ws);
      appendFileSync(ws.path('input', 'processed', 'b.csv'), '4,four,2024-01-01\n');
      const reset = ws.cli('reset', 'demo', '--to', first, '--reprocess');
      expect(reset.code, reset.stderr).to.equal(0);
      expect(reset.stdout).to.contain('1 file(s) moved back into the drop');
      expect(reset.stderr).to.match(/b\.csv.*changed since it was archived/);
      expect(ws.files('input/processing')).to.deep.equal(['b.csv']);
      ws.run();
      expect(ws.latest().map((r) => r.id)).to.deep.equal(['1', '2', '3', '4']);
    });
  });
});
