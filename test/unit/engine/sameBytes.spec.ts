import { expect } from 'chai';
import { sameBytes, sameView } from '../../../src/engine/sameBytes.js';

const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

describe('sameBytes and sameView', () => {
  it('should tell equal byte ranges from ranges differing at any byte, at any offsets and lengths (words and the bytes after them)', () => {
    let seed = 5;
    const next = (n: number): number => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
    let differing = 0;
    for (let round = 0; round < 2000; round++) {
      const length = next(41);
      const a = new Uint8Array(64);
      const b = new Uint8Array(64);
      const aAt = next(20);
      const bAt = next(20);
      for (let i = 0; i < length; i++) a[aAt + i] = b[bAt + i] = next(256);
      const at = next(length + 1);
      // Half the rounds change one byte (in the words or in the tail), and the range no longer matches.
      const changed = round % 2 === 1 && at < length;
      if (changed) b[bAt + at] = (b[bAt + at]! + 1 + next(255)) % 256;
      if (changed) differing++;
      const what = `length ${length}, offsets ${aAt}/${bAt}${changed ? `, byte ${at} changed` : ''}`;
      expect(sameBytes(a, aAt, b, bAt, length), what).to.equal(!changed);
      expect(sameView(view(a), aAt, view(b), bAt, length), what).to.equal(!changed);
    }
    expect(differing).to.be.above(500);
  });

  it("should read a view of part of a buffer from the view's own start", () => {
    const whole = Uint8Array.from([9, 9, 9, 1, 2, 3, 4, 5]);
    expect(sameView(view(whole.subarray(3)), 0, view(Uint8Array.from([1, 2, 3, 4, 5])), 0, 5)).to.equal(true);
    expect(sameView(view(whole.subarray(2)), 0, view(Uint8Array.from([1, 2, 3, 4, 5])), 0, 5)).to.equal(false);
  });
});
