import { expect } from 'chai';
import { ChunkWriter } from '../../../src/engine/ChunkWriter.js';

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
});
