import { expect } from 'chai';
import { writeBrokenDrop } from '../helpers/brokenDrop.js';
import { generatedDrop } from '../helpers/generatedDrop.js';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

/** Runs the same drop with the fast reader (parser: auto) and with csv-parse only; returns both workspaces. */
function both(fill: (ws: TestWorkspace) => void): [TestWorkspace, TestWorkspace] {
  const pair = (['auto', 'csv-parse'] as const).map((parser) => {
    const ws = new TestWorkspace({ demo: demoYaml({ source: { type: 'directory', path: 'input/processing', archive: 'input/processed', delimiter: 'auto', parser } }) });
    fill(ws);
    return ws;
  });
  return pair as [TestWorkspace, TestWorkspace];
}

describe('the fast path and the reference path (end to end)', () => {
  let fast: TestWorkspace;
  let reference: TestWorkspace;
  afterEach(() => {
    fast.remove();
    reference.remove();
  });

  it('should give byte-identical latest.csv and rejects on a drop of broken files', () => {
    [fast, reference] = both(writeBrokenDrop);
    const a = fast.run();
    const b = reference.run();
    expect(a.code).to.equal(b.code);
    expect(fast.read('output/latest.csv')).to.equal(reference.read('output/latest.csv'));
    expect(fast.read(a.summary.rejects!)).to.equal(reference.read(b.summary.rejects!));
    expect(a.summary.quarantined).to.deep.equal(b.summary.quarantined);
  });

  it('should give byte-identical results on a generated dirty drop', () => {
    const dirty = new TestWorkspace();
    dirty.cli('generate', 'demo', '--dirty', '--rows', '20000', '--files', '10', '--ids', '300', '--seed', '9');
    const files = dirty.files('input/processing').map((n) => [n, dirty.read(`input/processing/${n}`)] as const);
    dirty.remove();
    [fast, reference] = both((ws) => files.forEach(([n, c]) => ws.drop(n, c)));
    const a = fast.run();
    const b = reference.run();
    expect(a.summary.rows).to.deep.equal(b.summary.rows);
    expect(a.summary.rows.rejected).to.be.greaterThan(0);
    expect(fast.read('output/latest.csv')).to.equal(reference.read('output/latest.csv'));
    expect(fast.read(a.summary.rejects!)).to.equal(reference.read(b.summary.rejects!));
  });

  it('should give byte-identical results on clean generated data', () => {
    const drop = generatedDrop({ rows: 30000, files: 10, ids: 1000, seed: 4 });
    [fast, reference] = both((ws) => drop.forEach(([n, c]) => ws.drop(n, c)));
    fast.run();
    reference.run();
    expect(fast.read('output/latest.csv')).to.equal(reference.read('output/latest.csv'));
  });
});
