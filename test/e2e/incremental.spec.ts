import { expect } from 'chai';
import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkspace } from '../helpers/workspace.js';

describe('dropline run, incrementally (end to end)', () => {
  let once: TestWorkspace;
  let twice: TestWorkspace;
  beforeEach(() => {
    once = new TestWorkspace();
    twice = new TestWorkspace();
  });
  afterEach(() => {
    once.remove();
    twice.remove();
  });

  it('should give the same latest.csv for 25 files then 25 more as for one run of all 50', () => {
    for (const ws of [once, twice]) {
      const g = ws.cli('generate', 'demo', '--seed', '7', '--rows', '20000', '--ids', '500');
      expect(g.code, g.stderr).to.equal(0);
    }
    const drop = twice.path('input', 'processing');
    const names = readdirSync(drop).sort();
    expect(names).to.have.length(50);
    const held = twice.path('held');
    twice.write('held/.keep', '');
    for (const n of names.slice(25)) renameSync(join(drop, n), join(held, n));
    expect(twice.run().summary.files.processed).to.equal(25);
    for (const n of names.slice(25)) renameSync(join(held, n), join(drop, n));
    const second = twice.run().summary;
    expect(second.files.processed).to.equal(25);
    expect(second.latest.updated).to.be.greaterThan(0);

    const all = once.run().summary;
    expect(all.files.processed).to.equal(50);
    expect(twice.read('output/latest.csv')).to.equal(once.read('output/latest.csv'));
    expect(once.latest()).to.have.length(500);
  });
});
