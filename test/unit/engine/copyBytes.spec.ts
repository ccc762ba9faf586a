import { expect } from 'chai';
import { copyBytes, copyView, viewOf } from '../../../src/engine/copyBytes.js';
import { copyKeyAndRow } from '../../../src/engine/copyKeyAndRow.js';

/** 600 bytes that differ from their neighbours, in a buffer of their own at a byte offset, as a pooled Buffer's are. */
function source(): Uint8Array {
  const bytes = new Uint8Array(new ArrayBuffer(613), 13, 600);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 255;
  return bytes;
}

describe('copyBytes and copyView', () => {
  it('should copy exactly the bytes asked, every length from 0 to past the native hand-over, at odd offsets, and touch nothing around them', () => {
    const from = source();
    for (const copy of ['copyBytes', 'copyView'] as const) {
      for (let length = 0; length <= 300; length++) {
        for (const [start, at] of [
          [0, 0],
          [3, 5],
          [17, 1],
          [250, 291],
        ] as const) {
          const into = new Uint8Array(new ArrayBuffer(620), 9, 600).fill(0xee);
          if (copy === 'copyBytes') copyBytes(from, start, into, at, length);
          else copyView(viewOf(from), start, viewOf(into), at, length);
          const want = new Uint8Array(600).fill(0xee);
          want.set(from.subarray(start, start + length), at);
          expect(Buffer.from(into).equals(Buffer.from(want)), `${copy}: ${length} bytes from ${start} to ${at}`).to.equal(true);
        }
      }
    }
  });

  it('should refuse a copy past the end of the target view, as the native copy does, instead of writing beyond it', () => {
    const backing = new Uint8Array(400);
    const into = viewOf(backing.subarray(0, 32));
    for (const length of [3, 8, 300]) expect(() => copyView(viewOf(source()), 0, into, 30, length), `${length} bytes`).to.throw(RangeError);
    // Nor read past the end of the source view.
    const shortSource = viewOf(source().subarray(0, 280));
    expect(() => copyView(shortSource, 0, viewOf(new Uint8Array(600)), 0, 300)).to.throw(RangeError);
    expect(backing.subarray(32).every((b) => b === 0)).to.equal(true);
  });

  it('should pack key then row alike whether the key is a field of the row (copied inside the target) or lies elsewhere', () => {
    const input = source();
    // Another view of the same buffer at another offset: its key is not in the row's coordinates, so it is copied as it is.
    const shifted = new Uint8Array(input.buffer, input.byteOffset + 5, 590);
    const other = source().map((b) => b ^ 0x5a);
    for (const keyLength of [4, 17, 36, 200]) {
      for (const [key, keyStart] of [
        [input, 120],
        [input, 40],
        [shifted, 115],
        [other, 120],
      ] as const) {
        const data = new Uint8Array(new ArrayBuffer(700), 11, 680).fill(0xee);
        const next = copyKeyAndRow(viewOf(key), keyStart, keyLength, viewOf(input), 100, 300, data, viewOf(data), 7);
        const want = new Uint8Array(680).fill(0xee);
        want.set(key.subarray(keyStart, keyStart + keyLength), 7);
        want.set(input.subarray(100, 400), 7 + keyLength);
        expect(next).to.equal(7 + keyLength + 300);
        expect(Buffer.from(data).equals(Buffer.from(want)), `a ${keyLength}-byte key at ${keyStart} of ${key === input ? 'the row' : 'another view'}`).to.equal(true);
      }
    }
  });
});
