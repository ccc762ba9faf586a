import { expect } from 'chai';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

const HEADER = ['id', 'description', 'timestamp'];
const MOVED = { source: { type: 'directory', path: 'input/processing', pattern: '*.csv', archive: 'input/moved' } };

/**
 * clean and reset --reprocess move archived files back into the drop. When the
 * archive (or drop) the history's snapshots used is not where the definition
 * points now, they would find nothing there: the history would be gone and the
 * rebuild would come out without those files' rows, with exit 0.
 */
describe('clean and reset --reprocess when the archive moved (end to end)', () => {
  let ws: TestWorkspace;
  let first: string;
  beforeEach(() => {
    ws = new TestWorkspace();
    ws.drop('a.csv', csv([HEADER, ['1', 'a', '2024-01-01']]));
    expect(ws.run().code).to.equal(0);
    first = ws.files('snapshots/demo/manifests')[0]!.replace(/\.json$/, '');
    ws.drop('b.csv', csv([HEADER, ['2', 'b', '2024-01-01']]));
    expect(ws.run().code).to.equal(0);
    ws.writeDefinition('demo', demoYaml(MOVED));
  });
  afterEach(() => ws.remove());

  it('should refuse clean --yes with PATHS_CHANGED naming both archives, changing nothing', () => {
    const r = ws.cli('clean', 'demo', '--yes');
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stderr.trim()).to.match(/^error\[PATHS_CHANGED\]: pipeline demo: /);
    expect(r.stderr).to.contain('input/processed').and.contain('input/moved').and.contain('--accept-paths');
    expect(ws.files('snapshots/demo/manifests')).to.have.length(2);
    expect(ws.files('input/processed')).to.deep.equal(['a.csv', 'b.csv']);
    expect(ws.latest().map((row) => row.id)).to.deep.equal(['1', '2']);
  });

  it('should refuse it too after a reset recorded the new paths (older snapshots still archived elsewhere)', () => {
    expect(ws.cli('reset', 'demo', '--to', 'latest').code).to.equal(0);
    const r = ws.cli('clean', 'demo', '--yes');
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stderr).to.contain('error[PATHS_CHANGED]');
    expect(ws.files('input/processed')).to.deep.equal(['a.csv', 'b.csv']);
  });

  it('should rebuild everything once the files are where the definition says and the move is accepted', () => {
    ws.write('input/moved/a.csv', ws.read('input/processed/a.csv'));
    ws.write('input/moved/b.csv', ws.read('input/processed/b.csv'));
    const r = ws.cli('clean', 'demo', '--yes', '--accept-paths');
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('moved 2 processed file(s)');
    expect(ws.run().code).to.equal(0);
    expect(ws.latest().map((row) => row.id)).to.deep.equal(['1', '2']);
  });

  it('should refuse reset --reprocess with PATHS_CHANGED, changing nothing', () => {
    const r = ws.cli('reset', 'demo', '--to', first, '--reprocess');
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stderr).to.contain('error[PATHS_CHANGED]').and.contain('input/moved');
    expect(ws.files('snapshots/demo/manifests')).to.have.length(2);
    expect(ws.latest().map((row) => row.id)).to.deep.equal(['1', '2']);
  });

  it('should still let a plain reset run (it moves no files)', () => {
    const r = ws.cli('reset', 'demo', '--to', first);
    expect(r.code, r.stderr).to.equal(0);
    expect(ws.latest().map((row) => row.id)).to.deep.equal(['1']);
  });
});
