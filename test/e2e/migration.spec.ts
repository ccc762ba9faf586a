import { expect } from 'chai';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readObject } from '../helpers/readObject.js';
import { csv, TestWorkspace } from '../helpers/workspace.js';

/** A workspace the dropline before changesets wrote (snapshot format 1): two runs, plain gzipped copies in objects/. */
const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/format1-workspace', import.meta.url));
/** A workspace dropline 0.1 wrote before Brotli objects (format 2): two runs, a gzipped checkpoint and changesets in changes/. */
const FORMAT2 = fileURLToPath(new URL('../../../test/fixtures/format2-workspace', import.meta.url));

interface Manifest {
  id: string;
  format?: number;
  latest: { sha256: string; object: string; changes?: string[]; run?: string };
}

/** A fresh copy of `fixture` before each test (handed to `use`), removed after it; the snapshots' manifests, oldest first, as `show` prints them. */
function onFixture(fixture: string, use: (ws: TestWorkspace) => void): () => Manifest[] {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace({});
    cpSync(fixture, ws.root, { recursive: true });
    use(ws);
  });
  afterEach(() => ws.remove());
  return () => (JSON.parse(ws.cli('snapshots', 'demo', '--json').stdout) as { id: string }[]).map(({ id }) => JSON.parse(ws.cli('show', 'demo', id).stdout) as Manifest);
}

describe('a workspace of the first snapshot format (end to end)', function () {
  this.timeout(60_000);
  let ws: TestWorkspace;
  const manifests = onFixture(FIXTURE, (copy) => (ws = copy));

  it('reads its snapshots as they are, then keeps new runs as changesets on top of them', () => {
    const [first, second] = manifests();
    expect(first!.format).to.equal(undefined);
    const firstCsv = gunzipSync(readFileSync(join(ws.root, 'snapshots', 'demo', first!.latest.object))).toString();
    // Old snapshots: diff, history and explain read them; rows they hold have no recorded origin.
    const diff = JSON.parse(ws.cli('diff', 'demo', first!.id, second!.id, '--json').stdout) as { counts: Record<string, number> };
    expect(diff.counts).to.deep.equal({ added: 1, removed: 0, changed: 1 });
    expect((JSON.parse(ws.cli('history', 'demo', 'k1', '--json').stdout) as { change: string; file: string | null }[]).map((v) => [v.change, v.file])).to.deep.equal([
      ['insert', null],
      ['update', null],
    ]);

    // A new run writes its changeset, and a checkpoint merged from the old plain copy and it (checked against the new
    // latest.csv, since a plain copy records no key order): from then on, snapshots chain changesets as usual.
    ws.drop(
      'week3.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['k2', 'two again', '2021-01-15'],
        ['k5', 'five', '2021-01-15'],
      ]),
    );
    const run = ws.run();
    expect(run.code, run.stderr).to.equal(0);
    const third = manifests().at(-1)!;
    expect(third.format).to.equal(3);
    expect(third.latest.object).to.match(/^changes\/.*\.csv\.br$/);
    expect(third.latest.changes).to.deep.equal([]);
    expect(third.latest.run)
      .to.match(/^changes\//)
      .and.not.equal(third.latest.object);
    const thirdCsv = ws.read('output/latest.csv');
    expect(thirdCsv).to.equal(
      'id,description,timestamp,source_filename\nk1,second,2021-01-08,week2.csv\nk2,two again,2021-01-15,week3.csv\nk3,old three,2021-01-01,week1.csv\nk4,four,2021-01-08,week2.csv\nk5,five,2021-01-15,week3.csv\n',
    );
    const explained = JSON.parse(ws.cli('explain', 'demo', 'k2', '--json').stdout) as { source: { file: string; line: number; run: string } };
    expect(explained.source).to.include({ file: 'week3.csv', line: 2, run: third.id });
    const legacy = JSON.parse(ws.cli('explain', 'demo', 'k3', '--json').stdout) as { reason: string; losers: unknown[]; losersRead: boolean };
    expect(legacy.reason).to.match(/keeps no origin/);
    expect([legacy.losers, legacy.losersRead]).to.deep.equal([[], false]);

    // (Tables this small gzip to a few hundred bytes: maxChain would checkpoint every run.)
    ws.writeDefinition('demo', ws.read('pipelines/demo.yaml').replace('snapshots: { path: snapshots }', 'snapshots: { path: snapshots, maxChain: 100 }'));
    ws.drop(
      'week4.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['k1', 'one, fourth week', '2021-01-22'],
      ]),
    );
    expect(ws.run().code).to.equal(0);
    const fourth = manifests().at(-1)!;
    expect(fourth.latest.object).to.equal(third.latest.object);
    expect(fourth.latest.changes).to.deep.equal([fourth.latest.run]);

    // Resets to the old and the new snapshots are byte-identical to what they recorded.
    expect(ws.cli('reset', 'demo', '--to', first!.id).code).to.equal(0);
    expect(ws.read('output/latest.csv')).to.equal(firstCsv);
    expect(ws.cli('reset', 'demo', '--to', third.id).code).to.equal(0);
    expect(ws.read('output/latest.csv')).to.equal(thirdCsv);
  });

  it('prunes by mark and sweep: a kept snapshot keeps the checkpoint and changesets its chain needs, the rest goes', () => {
    ws.writeDefinition('demo', ws.read('pipelines/demo.yaml').replace('snapshots: { path: snapshots }', 'snapshots: { path: snapshots, maxChain: 100 }'));
    for (const [week, day] of [
      ['week3', '15'],
      ['week4', '22'],
    ]) {
      ws.drop(
        `${week}.csv`,
        csv([
          ['id', 'description', 'timestamp'],
          ['k2', `two in ${week}`, `2021-01-${day}`],
        ]),
      );
      expect(ws.run().code).to.equal(0);
    }
    const fourth = manifests().at(-1)!;
    ws.writeDefinition('demo', ws.read('pipelines/demo.yaml').replace('maxChain: 100 }', 'maxChain: 100, keep: 1 }'));
    expect(ws.cli('prune', 'demo').code).to.equal(0);
    expect(manifests().map((m) => m.id)).to.deep.equal([fourth.id]);
    expect(ws.files('snapshots/demo/objects'), 'the plain copies of the first format are no longer needed').to.deep.equal([]);
    // The fourth snapshot stands on the third's checkpoint: that stays, the third's own changeset goes.
    expect(
      ws
        .files('snapshots/demo/changes')
        .map((f) => `changes/${f}`)
        .sort(),
    ).to.deep.equal([fourth.latest.object, fourth.latest.run!].sort());
    const before = ws.read('output/latest.csv');
    expect(ws.cli('reset', 'demo', '--to', fourth.id).code).to.equal(0);
    expect(ws.read('output/latest.csv')).to.equal(before);
  });
});

describe('a workspace of snapshot format 2, gzipped changesets (end to end)', function () {
  this.timeout(60_000);
  let ws: TestWorkspace;
  const manifests = onFixture(FORMAT2, (copy) => (ws = copy));

  it('reads its gzipped objects, chains Brotli changesets on them, checkpoints across both and resets to either', async () => {
    const [first, second] = manifests();
    expect([first!.format, second!.format]).to.deep.equal([2, 2]);
    expect(second!.latest.object).to.match(/\.csv\.gz$/);
    const firstCsv = 'id,description,timestamp,source_filename\nk1,first,2021-01-01,week1.csv\nk2,"two, with comma",2021-01-02,week1.csv\nk3,old three,2021-01-01,week1.csv\n';
    expect((await readObject(join(ws.root, 'snapshots', 'demo', first!.latest.run!))).toString()).to.include(firstCsv.split('\n')[1]);
    const secondCsv = ws.read('output/latest.csv');
    const diff = JSON.parse(ws.cli('diff', 'demo', first!.id, second!.id, '--json').stdout) as { counts: Record<string, number> };
    expect(diff.counts).to.deep.equal({ added: 1, removed: 0, changed: 1 });
    const old = JSON.parse(ws.cli('explain', 'demo', 'k1', '--json').stdout) as { source: { file: string; line: number; run: string } };
    expect(old.source).to.include({ file: 'week2.csv', line: 2, run: second!.id });

    // A run on top: its changeset is Brotli, chained on the gzipped checkpoint (maxChain keeps the chain going).
    ws.writeDefinition('demo', ws.read('pipelines/demo.yaml').replace('snapshots: { path: snapshots }', 'snapshots: { path: snapshots, maxChain: 100 }'));
    ws.drop(
      'week3.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['k2', 'two again', '2021-01-15'],
      ]),
    );
    expect(ws.run().code).to.equal(0);
    const third = manifests().at(-1)!;
    expect(third.format).to.equal(3);
    expect(third.latest.object).to.equal(second!.latest.object);
    expect(third.latest.changes).to.have.length(1);
    expect(third.latest.changes![0]).to.match(/^changes\/.*\.csv\.br$/);
    const thirdCsv = ws.read('output/latest.csv');
    expect(thirdCsv).to.equal(secondCsv.replace('k2,"two, with comma",2021-01-02,week1.csv', 'k2,two again,2021-01-15,week3.csv'));
    expect(ws.cli('history', 'demo', 'k2', '--json').code).to.equal(0);

    // A checkpoint merged from the gzipped one and the Brotli changesets (checkpointEvery: 1 forces it).
    ws.writeDefinition('demo', ws.read('pipelines/demo.yaml').replace('maxChain: 100 }', 'maxChain: 100, checkpointEvery: 1 }'));
    ws.drop(
      'week4.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['k9', 'nine', '2021-01-22'],
      ]),
    );
    expect(ws.run().code).to.equal(0);
    const fourth = manifests().at(-1)!;
    expect(fourth.latest.object).to.match(/^changes\/.*\.csv\.br$/);
    expect(fourth.latest.changes).to.deep.equal([]);
    const fourthCsv = ws.read('output/latest.csv');
    expect(fourthCsv).to.equal(thirdCsv + 'k9,nine,2021-01-22,week4.csv\n');

    for (const [target, expected] of [
      [first!, firstCsv],
      [third, thirdCsv],
      [fourth, fourthCsv],
    ] as const) {
      expect(ws.cli('reset', 'demo', '--to', target.id).code).to.equal(0);
      expect(ws.read('output/latest.csv')).to.equal(expected);
    }
  });
});
