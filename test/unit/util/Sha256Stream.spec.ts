import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Sha256Stream } from '../../../src/util/Sha256Stream.js';
import { makeTempDir } from '../../helpers/tmp.js';

const expected = (pieces: Uint8Array[]): string => {
  const hash = createHash('sha256');
  for (const piece of pieces) hash.update(piece);
  return hash.digest('hex');
};

/** `size` bytes of a pattern that tells pieces and positions apart. */
const bytes = (size: number, seed: number, shared = false): Uint8Array => {
  const out = shared ? new Uint8Array(new SharedArrayBuffer(size)) : new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 131 + seed * 7 + (i >>> 11)) & 0xff;
  return out;
};

describe(Sha256Stream.name, () => {
  for (const [what, sizes] of [
    ['nothing', []],
    ['a few small pieces (hashed on the calling thread)', [0, 1, 1000, 65_536]],
    ['pieces that go past 4 MB, some longer than a slot of the ring', [3 << 20, 100, (1 << 20) + 1, 5 << 20, 7]],
    ['more bytes than the ring holds, so updates wait for slots', Array.from({ length: 12 }, () => 3 << 20)],
  ] as const) {
    it(`should give the SHA-256 of ${what}`, async () => {
      const pieces = sizes.map((size, i) => bytes(size, i));
      const stream = new Sha256Stream();
      for (const piece of pieces) await stream.update(piece);
      expect(await stream.digest()).to.equal(expected(pieces));
    });
  }

  it('should hash what update was given, not what the bytes became after it resolved', async () => {
    const piece = bytes(6 << 20, 1);
    const copy = Uint8Array.from(piece);
    const stream = new Sha256Stream();
    await stream.update(piece);
    piece.fill(0);
    const small = bytes(10, 2);
    const smallCopy = Uint8Array.from(small);
    const inline = new Sha256Stream();
    await inline.update(small);
    small.fill(0);
    expect(await stream.digest()).to.equal(expected([copy]));
    expect(await inline.digest()).to.equal(expected([smallCopy]));
  });

  it('should hash shared bytes kept as they are, in order with copied ones', async () => {
    const pieces = [bytes(100, 1), bytes(6 << 20, 2, true), bytes(3 << 20, 3), bytes(2 << 20, 4, true), bytes(5, 5, true)];
    const stream = new Sha256Stream();
    for (const [i, piece] of pieces.entries()) await (i % 2 === 1 ? stream.keep(piece) : stream.update(piece));
    expect(await stream.digest()).to.equal(expected(pieces));
  });

  it('should keep streams hashed at once apart, and go on after one is given up', async () => {
    const a = [bytes(5 << 20, 1), bytes(3 << 20, 2)];
    const b = [bytes(6 << 20, 3), bytes(1, 4)];
    const first = new Sha256Stream();
    const second = new Sha256Stream();
    const dropped = new Sha256Stream();
    await dropped.update(bytes(5 << 20, 9));
    await Promise.all([first.update(a[0]!), second.update(b[0]!)]);
    dropped.abort();
    await Promise.all([second.update(b[1]!), first.update(a[1]!)]);
    expect(await Promise.all([first.digest(), second.digest()])).to.deep.equal([expected(a), expected(b)]);
  });

  it('should not keep a process alive once nothing waits on the hash thread', () => {
    const module = fileURLToPath(new URL('../../../src/util/Sha256Stream.js', import.meta.url));
    const script = `
      const { Sha256Stream } = await import(${JSON.stringify(module)});
      const stream = new Sha256Stream();
      await stream.update(new Uint8Array(6 << 20).fill(7));
      console.log(await stream.digest());
      await new Sha256Stream().update(new Uint8Array(6 << 20)); // never digested
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000, encoding: 'utf8' });
    expect(out.trim()).to.equal(expected([new Uint8Array(6 << 20).fill(7)]));
  });

  describe('writing the bytes to a file as well', () => {
    let tmp: ReturnType<typeof makeTempDir>;
    beforeEach(() => (tmp = makeTempDir()));
    afterEach(() => tmp.remove());

    for (const [what, sizes] of [
      ['a small file (written at the digest)', [10, 1000]],
      ['a large one (written by the hash thread, in order)', [3 << 20, 7, (1 << 20) + 5, 5 << 20]],
    ] as const) {
      it(`should write every byte, in order, by the time the digest is known: ${what}`, async () => {
        const pieces = sizes.map((size, i) => bytes(size, i));
        const path = join(tmp.dir, 'out');
        const fd = openSync(path, 'w');
        try {
          const stream = new Sha256Stream(fd, 1 << 20); // flushed to disk every 1 MB on the way
          for (const piece of pieces) await stream.update(piece);
          expect(await stream.digest()).to.equal(expected(pieces));
        } finally {
          closeSync(fd);
        }
        expect(readFileSync(path).equals(Buffer.concat(pieces))).to.equal(true);
      });
    }

    it('should fail with the error of the write that failed (its code kept), and write nothing after an abort', async () => {
      const path = join(tmp.dir, 'read-only');
      writeFileSync(path, '');
      const fd = openSync(path, 'r');
      try {
        const stream = new Sha256Stream(fd);
        const failed = await (async () => {
          for (let i = 0; i < 8; i++) await stream.update(bytes(1 << 20, i));
          return stream.digest();
        })().then(
          () => null,
          (err: NodeJS.ErrnoException) => err,
        );
        expect(failed).to.include({ code: 'EBADF', syscall: 'write' });
        await stream.abort();
      } finally {
        closeSync(fd);
      }
      expect(readFileSync(path).length).to.equal(0);
    });
  });
});
