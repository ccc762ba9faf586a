import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

interface Manifest {
  id: string;
  latest: { sha256: string; object: string; changes: string[]; run: string };
}

const HEADER = ['id', 'description', 'timestamp'];

/** Week w: updates ids w..w+4 and adds two new ones; 60 rows in the first week. */
function week(w: number): string {
  const rows = w === 0 ? Array.from({ length: 60 }, (_, i) => [`id${String(i).padStart(3, '0')}`, `start ${i}`, '2021-01-01']) : [];
  for (let i = 0; i < 5; i++) rows.push([`id${String(w * 5 + i).padStart(3, '0')}`, `week ${w}`, `2021-02-${String(w + 1).padStart(2, '0')}`]);
  rows.push([`new${w}a`, `new in week ${w}`, '2021-02-01'], [`new${w}b`, `new in week ${w}, "quoted"`, '2021-02-01']);
  return csv([HEADER, ...rows]);
}

describe('snapshots as checkpoints and changesets (end to end)', function () {
  this.timeout(120_000);
  let ws: TestWorkspace;
  const manifests = (): Manifest[] =>
    (JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout) as { id: string }[]).map(({ id }) => JSON.parse(ws.cli('show', 'demo', id).stdout) as Manifest);
  const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

  beforeEach(() => {
    // A checkpoint after at most 3 changesets; maxChain out of the way (tables this small gzip to a few hundred bytes).
    ws = new TestWorkspace({ demo: demoYaml({ snapshots: { path: 'snapshots', checkpointEvery: 3, maxChain: 100 } }) });
  });
  afterEach(() => ws.remove());

  it('chains changesets between checkpoints, resets to every snapshot byte for byte, and prunes by mark and sweep', () => {
    const written: string[] = [];
    for (let w = 0; w < 8; w++) {
      ws.drop(`week${w}.csv`, week(w));
      expect(ws.run().code).to.equal(0);
      written.push(ws.read('output/latest.csv'));
    }
    const all = manifests();
    // The first run's changeset is its checkpoint; then 3 changesets; the next run writes a checkpoint, and so on.
    expect(all.map((m) => m.latest.changes.length)).to.deep.equal([0, 1, 2, 0, 1, 2, 0, 1]);
    expect(all[0]!.latest.object).to.equal(all[0]!.latest.run);
    expect(all[1]!.latest.object).to.equal(all[0]!.latest.object);
    expect(all[3]!.latest.object).not.to.equal(all[0]!.latest.object);
    expect(all[2]!.latest.changes).to.deep.equal([all[1]!.latest.run, all[2]!.latest.run]);
    // Each changeset holds that run's 7 rows (ids updated and new), whatever the table's size.
    const changeset = readFileSync(join(ws.root, 'snapshots', 'demo', all[5]!.latest.run));
    expect(changeset.length).to.be.below(readFileSync(join(ws.root, 'snapshots', 'demo', all[3]!.latest.object)).length);

    // A diff of adjacent snapshots (from the later one's changeset) says what the full tables say.
    const adjacent = JSON.parse(ws.cli('diff', 'demo', all[4]!.id, all[5]!.id, '--json').stdout) as { counts: Record<string, number>; changed: { key: string[] }[] };
    expect(adjacent.counts).to.deep.equal({ added: 2, removed: 0, changed: 5 });
    expect(adjacent.changed.map((c) => c.key[0])).to.deep.equal(['id025', 'id026', 'id027', 'id028', 'id029']);

    for (const [i, m] of all.entries()) {
      const r = ws.cli('reset', 'demo', '--to', m.id);
      expect(r.code, r.stderr).to.equal(0);
      expect(ws.read('output/latest.csv'), `reset to run ${i + 1}`).to.equal(written[i]);
      expect(sha(written[i]!)).to.equal(m.latest.sha256);
    }

    // Keep the 2 newest (two resets): they name the checkpoint and changesets of runs 1 and 8; the rest goes.
    ws.writeDefinition('demo', demoYaml({ snapshots: { path: 'snapshots', checkpointEvery: 3, maxChain: 100, keep: 2 } }));
    expect(ws.cli('prune', 'demo').code).to.equal(0);
    const kept = manifests();
    expect(kept).to.have.length(2);
    const named = new Set(kept.flatMap((m) => [m.latest.object, ...m.latest.changes, m.latest.run]));
    const onDisk = ws.files('snapshots/demo/changes').map((f) => `changes/${f}`);
    expect(onDisk.sort()).to.deep.equal([...named].sort());
    for (const m of kept) {
      expect(ws.cli('reset', 'demo', '--to', m.id).code).to.equal(0);
      expect(sha(ws.read('output/latest.csv'))).to.equal(m.latest.sha256);
    }
  });

  it('refuses a damaged changeset with STATE_CORRUPT naming it, and changes nothing', () => {
    for (let w = 0; w < 2; w++) {
      ws.drop(`week${w}.csv`, week(w));
      expect(ws.run().code).to.equal(0);
    }
    const [first, second] = manifests();
    ws.write(join('snapshots', 'demo', second!.latest.run), Buffer.from('not gzip'));
    expect(ws.cli('reset', 'demo', '--to', first!.id).code).to.equal(0);
    const before = ws.read('output/latest.csv');
    const count = manifests().length;
    const r = ws.cli('reset', 'demo', '--to', second!.id);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(new RegExp(`^error\\[STATE_CORRUPT\\]: .*${second!.latest.run.replace(/\./g, '\\.')}: snapshot ${second!.id} content is missing or damaged`));
    expect(ws.read('output/latest.csv')).to.equal(before);
    expect(manifests()).to.have.length(count);
  });
});
