import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { BrotliObject, OBJECT_BLOCK } from '../../../src/snapshots/BrotliObject.js';
import { inflateObject } from '../../../src/snapshots/inflateObject.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe(BrotliObject.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it('should write many blocks, more than are queued at once, as one Brotli stream in the order given', async () => {
    // Blocks of very different sizes, several past the queue's limit, each handed back (and overwritten) once written.
    const blocks = Array.from({ length: 40 }, (_, i) => Buffer.from(`block ${i}\n`.repeat(i % 3 === 0 ? 400_000 : 3)));
    const expected = Buffer.concat(blocks);
    expect(expected.length).to.be.greaterThan(16 * OBJECT_BLOCK);
    const object = await BrotliObject.create(join(tmp.dir, 'objects'));
    // Each block is overwritten as soon as the compressor says it has taken it: what it wrote must not change.
    let taken = 0;
    for (const block of blocks)
      await object.write(block, () => {
        taken++;
        block.fill(0x7a);
      });
    const sha256 = await object.finish();
    expect(taken, 'every block is handed back').to.equal(blocks.length);
    const name = await object.place(sha256);
    expect(name).to.equal(`${sha256}.csv.br`);
    expect(sha256).to.equal(createHash('sha256').update(expected).digest('hex'));
    expect(brotliDecompressSync(readFileSync(join(tmp.dir, 'objects', name))).equals(expected)).to.equal(true);
    expect(readdirSync(join(tmp.dir, 'objects'))).to.deep.equal([name]);
  });

  it('should leave nothing behind on abort, and keep an object of the same content it already has', async () => {
    const first = await BrotliObject.create(join(tmp.dir, 'objects'));
    await first.write(Buffer.from('a,1\n'));
    const name = await first.place(await first.finish());
    const before = readFileSync(join(tmp.dir, 'objects', name));
    const again = await BrotliObject.create(join(tmp.dir, 'objects'));
    await again.write(Buffer.from('a,1\n'));
    expect(await again.place(await again.finish())).to.equal(name);
    const dropped = await BrotliObject.create(join(tmp.dir, 'objects'));
    await dropped.write(Buffer.alloc(OBJECT_BLOCK, 0x61));
    await dropped.abort();
    expect(readdirSync(join(tmp.dir, 'objects'))).to.deep.equal([name]);
    expect(readFileSync(join(tmp.dir, 'objects', name)).equals(before)).to.equal(true);
  });

  it('should let a write waiting for the compressor go on abort, with an error, and leave no temp file', async () => {
    const object = await BrotliObject.create(join(tmp.dir, 'objects'));
    // Text compresses more slowly than it is given: the writes soon wait for the oldest of the blocks queued.
    const block = Buffer.from(Array.from({ length: 120_000 }, (_, i) => `${i},${(i * 7919) % 10007},row ${i}\n`).join('')).subarray(0, OBJECT_BLOCK);
    let written = 0;
    const writing = (async () => {
      for (let i = 0; i < 64; i++) {
        await object.write(block);
        written++;
      }
    })().then(
      () => null,
      (e: unknown) => e,
    );
    while (written < 30) await new Promise((resolve) => setTimeout(resolve, 1));
    await object.abort();
    const error = await writing;
    expect(error, 'the writes stop with an error').to.be.instanceOf(Error);
    expect(written).to.be.lessThan(64);
    expect(readdirSync(join(tmp.dir, 'objects'))).to.deep.equal([]);
  });
});

describe('inflateObject', () => {
  it('should read a Brotli object by its .csv.br name and a gzip one (stores written before) by its .csv.gz name', async () => {
    const tmp = makeTempDir();
    try {
      const text = Buffer.from('id,name\n1,"one, two"\n');
      const object = await BrotliObject.create(tmp.dir);
      await object.write(text);
      const name = await object.place(await object.finish());
      expect((await inflateObject(readFileSync(join(tmp.dir, name)), `changes/${name}`)).equals(text)).to.equal(true);
      expect((await inflateObject(gzipSync(text), 'changes/x.csv.gz')).equals(text)).to.equal(true);
      expect(
        await inflateObject(gzipSync(text), 'changes/x.csv.br').then(
          () => 'read',
          () => 'refused',
        ),
      ).to.equal('refused');
    } finally {
      tmp.remove();
    }
  });

  it('should read an object that inflates to many times its size whole (more than one output piece, joined)', async () => {
    // 12 MB of repeated lines compress about a thousandfold: far past the piece sized for the usual ratio.
    const text = Buffer.from('id,value\n' + '1,the same line again\n'.repeat(600_000));
    const packed = brotliCompressSync(text);
    expect(text.length / packed.length).to.be.greaterThan(16);
    expect((await inflateObject(packed, 'changes/x.csv.br')).equals(text)).to.equal(true);
    expect((await inflateObject(gzipSync(text), 'changes/x.csv.gz')).equals(text)).to.equal(true);
  });
});
