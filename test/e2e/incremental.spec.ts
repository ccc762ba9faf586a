import { expect } from 'chai';
import { readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

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

  // A previous latest.csv with other columns than the run writes is merged by the reference engine: the byte
  // engine once went on without it, and the table lost every previous row with exit 0.
  for (const [what, change] of [
    ['the schema gains a column', { schema: { ...(demoYaml().schema as object), columns: { ...(demoYaml().schema as { columns: object }).columns, extra: { type: 'string' } } } }],
    ['lineage is turned off', { output: { path: 'output/latest.csv' } }],
  ] as const) {
    it(`should keep every previous row when ${what} between runs`, () => {
      once.drop('a.csv', 'id,description,timestamp\na1,first,2021-03-01\nb2,second,2021-02-28\n');
      expect(once.run().code).to.equal(0);
      once.writeDefinition('demo', demoYaml(change));
      once.drop('b.csv', 'id,description,timestamp,extra\nc3,third,2021-03-02,x\na1,newer,2021-03-03,y\n');
      const second = once.run();
      expect(second.code, second.stderr).to.equal(0);
      expect(second.summary.latest).to.include({ rows: 3, inserted: 1, updated: 1 });
      expect(once.latest().map((r) => `${r.id}:${r.description}`)).to.deep.equal(['a1:newer', 'b2:second', 'c3:third']);
    });
  }

  // latest.csv is read while its hash is checked (on a thread of its own when it is large): a file changed in place,
  // with its size and time kept so that its stamp still vouches for it, must not reach the next table.
  it('should merge into the snapshot, not into a latest.csv changed in place with its size and time kept', () => {
    for (const ws of [once, twice]) {
      const g = ws.cli('generate', 'demo', '--seed', '11', '--rows', '150000', '--ids', '60000', '--files', '2');
      expect(g.code, g.stderr).to.equal(0);
      expect(ws.run().code).to.equal(0);
    }
    const path = twice.path('output', 'latest.csv');
    const before = statSync(path);
    expect(before.size).to.be.greaterThan(4 << 20);
    const bytes = readFileSync(path);
    const at = bytes.indexOf(',', bytes.length >> 1) + 1;
    bytes.write(bytes[at] === 0x58 ? 'Y' : 'X', at, 'latin1');
    writeFileSync(path, bytes);
    utimesSync(path, before.atime, before.mtime);
    const rows = once.latest().length;
    for (const ws of [once, twice]) {
      ws.drop('late.csv', `id,description,timestamp\n${once.latest()[7]!.id},late,2030-01-01\nnew-1,fresh,2030-01-01\n`);
      const run = ws.run();
      expect(run.code, run.stderr).to.equal(0);
      expect(run.summary.latest).to.include({ rows: rows + 1, inserted: 1, updated: 1 });
    }
    expect(twice.read('output/latest.csv')).to.equal(once.read('output/latest.csv'));
  });
});
