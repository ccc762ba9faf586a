import { expect } from 'chai';
import { join } from 'node:path';
import { BrotliObject } from '../../../src/snapshots/BrotliObject.js';
import { CHANGES_HEADER, recordPrefix } from '../../../src/snapshots/changesFormat.js';
import { ChangesetWriter } from '../../../src/snapshots/ChangesetWriter.js';
import { sha256 } from '../../../src/util/sha256.js';
import { readObject } from '../../helpers/readObject.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe(ChangesetWriter.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it('should hash the latest.csv its rows make and write their records, however the lines are laid out in the bytes told', async () => {
    const header = Buffer.from('id,name\n');
    const lines = Array.from({ length: 3000 }, (_, i) => `${i},${'n'.repeat(i % 7 === 0 ? 9000 : i % 50)}`);
    const writer = await ChangesetWriter.create(tmp.dir, header, 'S1');
    // Runs of consecutive lines in one buffer (long and short), lines alone in buffers of their own, and a run broken
    // by a line skipped (not changed), as an output's staging buffers and copies give them.
    const told: { line: string; file: string; fileLine: number }[] = [];
    // Line numbers of every width, on both sides of 2^31 (digits are written by integer division below it).
    const fileLine = (j: number): number => [j + 2, 10 ** (j % 13), 2 ** 31 - 2 + (j % 4), 4e9 + j][j % 4]!;
    let i = 0;
    while (i < lines.length) {
      const size = [1, 2, 40, 400][i % 4]!;
      const group = lines.slice(i, i + size);
      const bytes = Buffer.from('junk\n' + group.join('\n') + '\n' + 'tail');
      let at = 5;
      for (const [k, line] of group.entries()) {
        const length = Buffer.byteLength(line);
        if ((i + k) % 97 !== 5) {
          const file = `in ${(i + k) % 3}.csv`;
          writer.changed(bytes, at, at + length, file, fileLine(i + k));
          told.push({ line, file, fileLine: fileLine(i + k) });
        }
        at += length + 1;
      }
      if (writer.filled) await writer.drain();
      i += size;
    }
    const written = await writer.finish();
    expect(written.rows).to.equal(told.length);
    expect(written.latestSha256).to.equal(sha256(header.toString() + told.map((t) => t.line + '\n').join('')));
    const records = told.map((t) => `${recordPrefix('S1', t.file, t.fileLine, Buffer.byteLength(t.line))}${t.line}\n`).join('');
    expect((await readObject(join(tmp.dir, written.object))).toString('utf8')).to.equal(CHANGES_HEADER.toString('utf8') + header.toString() + records);
  });

  it('should fill the blocks the compressor has taken again instead of making a new one per block', async () => {
    // About 75 MB of records (36 blocks), every line different, so a block filled again too soon would show in the object.
    const header = Buffer.from('id,text\n');
    const writer = await ChangesetWriter.create(tmp.dir, header, 'S1');
    const seen = new Set<ArrayBufferLike>();
    let handed = 0;
    const write = BrotliObject.prototype.write;
    BrotliObject.prototype.write = function (this: BrotliObject, block: Buffer, taken?: () => void) {
      seen.add(block.buffer);
      handed++;
      return write.call(this, block, taken);
    };
    const lines: string[] = [];
    try {
      for (let i = 0; i < 200_000; i++) {
        const line = `${i},${String(i * 7919).repeat(40)}`;
        lines.push(line);
        const bytes = Buffer.from(line + '\n');
        writer.changed(bytes, 0, bytes.length - 1, 'in.csv', i + 2);
        if (writer.filled) await writer.drain();
      }
    } finally {
      BrotliObject.prototype.write = write;
    }
    const written = await writer.finish();
    expect(handed).to.be.greaterThan(25);
    expect(seen.size, 'blocks made').to.be.lessThan(handed / 2);
    const records = lines.map((line, i) => `${recordPrefix('S1', 'in.csv', i + 2, Buffer.byteLength(line))}${line}\n`).join('');
    expect((await readObject(join(tmp.dir, written.object))).toString('utf8') === CHANGES_HEADER.toString('utf8') + header.toString() + records).to.equal(true);
  });
});
