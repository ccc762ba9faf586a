import { expect } from 'chai';
import { join } from 'node:path';
import { tableToCsv } from '../../../src/csv/tableToCsv.js';
import { partsComparator } from '../../../src/merge/keyComparator.js';
import { ChangeRecords } from '../../../src/snapshots/ChangeRecords.js';
import { CHANGES_HEADER } from '../../../src/snapshots/changesFormat.js';
import type { KeyOrderSpec } from '../../../src/snapshots/KeyOrder.js';
import { SnapshotChain } from '../../../src/snapshots/SnapshotChain.js';
import { writeChangeset } from '../../../src/snapshots/writeChangeset.js';
import type { ChangedRow } from '../../../src/table/ChangedRow.js';
import { makeTempDir } from '../../helpers/tmp.js';
import { readObject } from '../../helpers/readObject.js';

/** A tiny seeded generator (mulberry32), so a failure names a seed that repeats it. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = ['a', 'b', 'ab', 'B', 'é', '\u{1F600}', '\uFFFD', 'x,y', 'say "hi"', 'two\nlines', ' ', 'Z', 'zz', '0', '10', '9'];

interface Shape {
  name: string;
  columns: string[];
  order: KeyOrderSpec;
  key: (rnd: () => number) => string[];
}

const SHAPES: Shape[] = [
  {
    name: 'a text key',
    columns: ['id', 'value', 'source_file'],
    order: { key: ['id'], numeric: [false] },
    key: (r) => [TEXTS[Math.floor(r() * TEXTS.length)]! + Math.floor(r() * 40)],
  },
  { name: 'a numeric key', columns: ['value', 'n', 'source_file'], order: { key: ['n'], numeric: [true] }, key: (r) => [String(Math.floor(r() * 400) - 200)] },
  {
    name: 'a composite key',
    columns: ['region', 'n', 'value', 'source_file'],
    order: { key: ['region', 'n'], numeric: [false, true] },
    key: (r) => [TEXTS[Math.floor(r() * TEXTS.length)]!, String(Math.floor(r() * 30))],
  },
];

/** Places key parts in a row of `shape`'s columns. */
function rowOf(shape: Shape, key: string[], value: string, file: string): string[] {
  const row = shape.columns.map(() => '');
  shape.order.key.forEach((k, i) => (row[shape.columns.indexOf(k)] = key[i]!));
  row[shape.columns.indexOf('value')] = value;
  row[shape.columns.length - 1] = file;
  return row;
}

const lineOf = (row: string[]): Uint8Array => {
  const csv = tableToCsv({ columns: ['x'], rows: [row] });
  return csv.subarray(2, csv.length - 1);
};

describe('SnapshotChain: a checkpoint and changesets make each snapshot byte for byte', () => {
  const tmp = makeTempDir();
  after(() => tmp.remove());

  for (const shape of SHAPES) {
    for (let seed = 1; seed <= 12; seed++) {
      it(`with ${shape.name}, seed ${seed}: every snapshot's latest.csv, a checkpoint of it, and each row's origin`, async () => {
        const rnd = random(seed * 7919 + shape.name.length);
        const compare = partsComparator(shape.order.numeric);
        const keyIndexes = shape.order.key.map((k) => shape.columns.indexOf(k));
        const keyOf = (row: string[]) => keyIndexes.map((i) => row[i]!);
        const table = new Map<string, { row: string[]; origin: string }>();
        const header = Buffer.from(shape.columns.join(',') + '\n');
        const lists: ChangeRecords[] = [];
        const dir = join(tmp.dir, `${shape.name.replace(/ /g, '-')}-${seed}`);
        for (let run = 0; run < 6; run++) {
          const snapshot = `2026010${run}T000000000Z`;
          const changes = new Map<string, ChangedRow & { row: string[] }>();
          const count = run === 0 ? 30 : Math.floor(rnd() * 12);
          for (let c = 0; c < count; c++) {
            const key = shape.key(rnd);
            const file = rnd() < 0.2 ? 'a, "quoted" file.csv' : `drop_${run}.csv`;
            const row = rowOf(shape, key, `v${run}.${c}${rnd() < 0.1 ? '\r\nwith break' : ''}`, file);
            changes.set(JSON.stringify(key), { row, line: lineOf(row), file, fileLine: c + 2 });
            table.set(JSON.stringify(key), { row, origin: `${snapshot}|${file}|${c + 2}` });
          }
          const sorted = [...changes.values()].sort((a, b) => compare(keyOf(a.row), keyOf(b.row)));
          const written = await writeChangeset(dir, header, snapshot, sorted);
          lists.push(ChangeRecords.parse(await readObject(join(dir, written.object))));
          const chain = new SnapshotChain(lists, shape.order);
          const expected = [...table.values()].sort((a, b) => compare(keyOf(a.row), keyOf(b.row)));
          const csv = tableToCsv({ columns: shape.columns, rows: expected.map((e) => e.row) });
          expect(chain.latest().equals(csv), `run ${run}`).to.equal(true);
          expect(
            chain.origins().map((o) => Object.values(o).join('|')),
            `origins after run ${run}`,
          ).to.deep.equal(expected.map((e) => e.origin));
          if (run === 0) expect(written.latestSha256).to.equal((await import('../../../src/util/sha256.js')).sha256(csv));
          // A checkpoint of the chain holds the same table, and every row's origin.
          const checkpoint = ChangeRecords.parse(Buffer.concat([...chain.checkpoint(CHANGES_HEADER)]));
          expect(chain.sha256()).to.equal((await import('../../../src/util/sha256.js')).sha256(csv));
          const alone = new SnapshotChain([checkpoint], shape.order);
          expect(alone.latest().equals(csv)).to.equal(true);
          expect(expected.map((_, i) => Object.values(checkpoint.origin(i)).join('|'))).to.deep.equal(expected.map((e) => e.origin));
        }
      });
    }
  }

  it('reads a plain latest.csv (the first format) as a checkpoint without origins, and applies changesets to it', async () => {
    const plain = Buffer.from('id,value\n"a,1",x\nb,"two\nlines"\nc,z\n');
    const base = ChangeRecords.ofLatestCsv(plain);
    expect(base.count).to.equal(3);
    expect(base.origin(1)).to.deep.equal({ snapshot: '', file: '', line: 0 });
    const dir = join(tmp.dir, 'plain');
    const row = ['bb', 'new'];
    const written = await writeChangeset(dir, base.header, '20260101T000000000Z', [{ line: lineOf(row), file: 'f.csv', fileLine: 7 }]);
    const delta = ChangeRecords.parse(await readObject(join(dir, written.object)));
    const chain = new SnapshotChain([base, delta], { key: ['id'], numeric: [false] });
    expect(chain.latest().toString()).to.equal('id,value\n"a,1",x\nb,"two\nlines"\nbb,new\nc,z\n');
    const blank = { snapshot: '', file: '', line: 0 };
    expect(chain.origins()).to.deep.equal([blank, blank, { snapshot: '20260101T000000000Z', file: 'f.csv', line: 7 }, blank]);
  });

  it('refuses bytes that are not a changes object, naming what is wrong', () => {
    expect(() => ChangeRecords.parse(Buffer.from('id,value\n'))).to.throw(/header of a changes object/);
    const cut = Buffer.concat([CHANGES_HEADER, Buffer.from('id\n2026,f,1,10,abc\n')]);
    expect(() => ChangeRecords.parse(cut)).to.throw(/record 1 has a wrong length/);
    for (const length of ['', '3x', '"3"', '-3'])
      expect(() => ChangeRecords.parse(Buffer.concat([CHANGES_HEADER, Buffer.from(`id\n2026,f,1,${length},abc\n`)]))).to.throw(/record 1 has a wrong length/);
  });

  it('reads every record of an object whose records grow longer as it goes (its arrays sized from the first ones, then again)', () => {
    const lines: string[] = [];
    const records = Array.from({ length: 5000 }, (_, i) => {
      const body = i < 1500 ? `k${i},x` : `k${i},"${'long value, '.repeat(1 + (i % 40))}\nsecond line"`;
      lines.push(body);
      const file = i % 3 === 0 ? '"a, ""quoted"" file.csv"' : 'plain.csv';
      return `2026,${file},${i + 2},${Buffer.byteLength(body)},${body}\n`;
    });
    const parsed = ChangeRecords.parse(Buffer.concat([CHANGES_HEADER, Buffer.from('id,value\n' + records.join(''))]));
    expect(parsed.count).to.equal(5000);
    expect(Array.from({ length: 5000 }, (_, i) => parsed.body(i).toString())).to.deep.equal(lines);
    expect(parsed.origin(4998)).to.deep.equal({ snapshot: '2026', file: 'a, "quoted" file.csv', line: 5000 });
    expect(parsed.origin(4999)).to.deep.equal({ snapshot: '2026', file: 'plain.csv', line: 5001 });
  });
});
