import { expect } from 'chai';
import { ChunkWriter } from '../../../src/engine/ChunkWriter.js';
import { viewOf } from '../../../src/engine/copyBytes.js';

describe(ChunkWriter.name, () => {
  const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
  const ready = (out: ChunkWriter): Buffer[] => {
    const chunks = out.ready;
    out.ready = [];
    return chunks;
  };

  it('should fill a staging buffer handed back again, once, and keep chunks that were not handed back as they are', () => {
    const out = new ChunkWriter(4);
    const chunk = (text: string): Buffer => {
      out.write(bytes(text), 0, 4);
      out.flush();
      return ready(out)[0]!;
    };
    const first = chunk('abcd');
    const second = chunk('efgh');
    out.recycle(first);
    out.recycle(first); // twice: still one buffer to fill, not two sharing it
    // The buffer being filled when it came back goes out first; then the one handed back; then a new one.
    const third = chunk('ijkl');
    const fourth = chunk('mnop');
    const fifth = chunk('qrst');
    expect([third, fourth, fifth].map((c) => c.buffer === first.buffer)).to.deep.equal([false, true, false]);
    expect([second, third, fourth, fifth].map((c) => c.toString('latin1'))).to.deep.equal(['efgh', 'ijkl', 'mnop', 'qrst']);
  });

  it('should not take back a view of the bytes it was given (a long run goes out as one)', () => {
    const out = new ChunkWriter(4);
    const long = Buffer.alloc(1 << 16, 0x61);
    out.write(long, 0, long.length);
    const views = ready(out);
    expect(views.every((v) => v.buffer === long.buffer)).to.equal(true);
    for (const v of views) out.recycle(v);
    out.write(bytes('wxyz'), 0, 4);
    out.flush();
    expect(ready(out)[0]!.buffer).to.not.equal(long.buffer);
    expect(long.every((b) => b === 0x61)).to.equal(true);
  });

  it('should write from a DataView what write writes from the bytes, across chunk ends and into recycled buffers, a long run as views', () => {
    const text = Buffer.from(Array.from({ length: 300 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(''), 'latin1');
    const pieces = [
      [0, 3],
      [3, 10],
      [10, 11],
      [11, 90],
      [90, 300],
    ] as const;
    const viaBytes = new ChunkWriter(16);
    const viaView = new ChunkWriter(16);
    const view = viewOf(text);
    const written: Buffer[][] = [[], []];
    for (let round = 0; round < 3; round++) {
      for (const [from, to] of pieces) {
        viaBytes.write(text, from, to);
        viaView.writeView(view, from, to);
      }
      for (const [i, out] of [viaBytes, viaView].entries()) {
        out.flush();
        const chunks = ready(out);
        written[i]!.push(Buffer.concat(chunks));
        // Filled again in the next round: a DataView kept over a buffer handed back must still write into it.
        for (const chunk of chunks) out.recycle(chunk);
      }
    }
    expect(written[1]!.map((b) => b.toString('latin1'))).to.deep.equal(written[0]!.map((b) => b.toString('latin1')));
    expect(written[1]![0]!.toString('latin1')).to.equal(text.toString('latin1'));
    expect(viaView.position).to.equal(3 * text.length);
    const long = Buffer.alloc(1 << 16, 0x62);
    viaView.writeView(viewOf(long), 0, long.length);
    expect(ready(viaView).every((v) => v.buffer === long.buffer)).to.equal(true);
  });
});
