import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { readInPieces } from '../../../src/util/readInPieces.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe('readInPieces', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  const content = (size: number): Buffer => {
    const bytes = Buffer.allocUnsafe(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 7 + (i >>> 12)) & 0xff;
    return bytes;
  };

  /** Reads `asked` bytes of a file of `size`: what was read, and the pieces handed over (copied as they came). */
  async function read(size: number, asked: number): Promise<{ bytes: Buffer; pieces: Buffer[]; length: number }> {
    const path = join(tmp.dir, 'file');
    writeFileSync(path, content(size));
    const handle = await open(path, 'r');
    try {
      const bytes = Buffer.alloc(asked);
      const pieces: Buffer[] = [];
      const length = await readInPieces(handle, bytes, asked, async (piece) => {
        await new Promise((resolve) => setImmediate(resolve)); // the next pieces' reads go on meanwhile
        pieces.push(Buffer.from(piece));
      });
      return { bytes, pieces, length };
    } finally {
      await handle.close();
    }
  }

  for (const [what, size] of [
    ['empty', 0],
    ['smaller than a piece', 1000],
    ['many pieces, the last one short', 9 * (4 << 20) + 17],
  ] as const) {
    it(`should read every byte of a file that is ${what}, handing the pieces over in file order`, async () => {
      const { bytes, pieces, length } = await read(size, size);
      expect(length).to.equal(size);
      expect(bytes.equals(content(size))).to.equal(true);
      expect(Buffer.concat(pieces).equals(content(size))).to.equal(true);
    });
  }

  it('should stop where a file ends that is shorter than asked, and say how much it read', async () => {
    const size = 2 * (4 << 20) + 5;
    const { bytes, pieces, length } = await read(size, 6 * (4 << 20));
    expect(length).to.equal(size);
    expect(bytes.subarray(0, size).equals(content(size))).to.equal(true);
    expect(Buffer.concat(pieces).equals(content(size))).to.equal(true);
  });
});
