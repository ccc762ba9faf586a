import { expect } from 'chai';
import type { FilePartial } from '../../../src/engine/FilePartial.js';
import { partitionOf } from '../../../src/engine/partitionOf.js';
import { RowRouter } from '../../../src/engine/RowRouter.js';
import type { ValidRow } from '../../../src/validation/Validator.js';

const row = (id: string, order: number, description: string, line: number): ValidRow => ({ key: id, order, values: [description, id, String(order)], line });

/** 300 rows over 120 keys (so a key comes several times), with descriptions of every length up to 40 bytes. */
const ROWS: ValidRow[] = Array.from({ length: 300 }, (_, i) => row(`key-${(i * 7) % 120}`, i % 13, 'x'.repeat(i % 41), i + 2));

/** What a part holds, as plain values (its views cover only its rows). */
function contents(part: FilePartial): unknown {
  return {
    count: part.count,
    hashes: [...part.hashes],
    orders: [...part.orders],
    lines: [...part.lines],
    keyLengths: [...part.keyLengths],
    rowLengths: [...part.rowLengths],
    data: Buffer.from(part.data).toString('latin1'),
    files: [...(part.files ?? [])],
  };
}

function route(spare?: () => FilePartial | undefined): FilePartial[] {
  const router = new RowRouter(2, 3, 0, spare);
  for (const r of ROWS) router.addRow(r);
  return router.finishSplit().parts;
}

/** A used partial's buffers: `rows` entries and `bytes` bytes of junk. */
function junk(rows: number, bytes: number): FilePartial {
  const fill = <T extends Uint32Array | Float64Array | Uint8Array>(a: T): T => a.fill(7 as never) as T;
  return {
    rows: 0,
    rejects: [],
    count: rows,
    hashes: fill(new Uint32Array(rows)),
    orders: fill(new Float64Array(rows)),
    lines: fill(new Uint32Array(rows)),
    keyLengths: fill(new Uint32Array(rows)),
    rowLengths: fill(new Uint32Array(rows)),
    data: fill(new Uint8Array(bytes)),
  };
}

describe('RowRouter', () => {
  it('should pass every row on, in file order, to the partition of its key, marked with its input', () => {
    const parts = route();
    expect(parts.map((p) => p.count).reduce((a, b) => a + b)).to.equal(ROWS.length);
    parts.forEach((part, p) => {
      for (let i = 0; i < part.count; i++) expect(partitionOf(part.hashes[i]!, 2)).to.equal(p);
      expect([...part.lines]).to.deep.equal([...part.lines].sort((a, b) => a - b));
      expect(new Set(part.files)).to.deep.equal(new Set([3]));
    });
  });

  it('should give the same parts when it writes over spare buffers, larger or smaller than it needs, as over fresh ones', () => {
    const fresh = route().map(contents);
    const spares = [junk(1000, 100_000), junk(3, 10)];
    expect(route(() => spares.pop()).map(contents)).to.deep.equal(fresh);
    const large = [junk(1000, 100_000), junk(1000, 100_000)];
    expect(route(() => large.pop()).map(contents)).to.deep.equal(fresh);
  });
});
