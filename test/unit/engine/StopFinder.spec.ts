import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { STOP_WINDOW, StopFinder } from '../../../src/engine/StopFinder.js';
import { random } from './randomScanCase.js';

describe('StopFinder', () => {
  for (const [name, make] of [
    ['with WebAssembly', () => StopFinder.shared()],
    ['without (node --jitless)', () => new StopFinder(false)],
  ] as const) {
    it(`should find every delimiter, LF, CR and quote of a window, in order, whatever the bytes around them and the length (${name})`, () => {
      const next = random(11);
      const finder = make();
      const owner = 41;
      for (let i = 0; i < 200; i++) {
        // Lengths around the 16-byte blocks and up to a whole window; stop bytes often, any other byte too.
        const length = i < 40 ? i : Math.floor(next() * (STOP_WINDOW + 1));
        const from = Math.floor(next() * 64);
        const bytes = Uint8Array.from({ length: from + length + 16 }, () => (next() < 0.3 ? [44, 10, 13, 34, 59, 9][Math.floor(next() * 6)]! : Math.floor(next() * 256)));
        const delimiter = [44, 59, 9, 124][i % 4]!;
        const expected: number[] = [];
        for (let k = 0; k < length; k++) if ([delimiter, 10, 13, 34].includes(bytes[from + k]!)) expected.push(k);
        const count = finder.scan(owner, bytes, from, length, delimiter);
        expect([...finder.stops.subarray(0, count)], `case ${i}: ${length} bytes from ${from}`).to.deep.equal(expected);
        expect(finder.owner).to.equal(owner);
      }
    });
  }

  it('should run the module stopFinder.wat compiles to (scripts/buildWasm.mjs --check)', () => {
    // Throws (exit 1, naming the file to regenerate) when stopFinderWasm.ts is not what the .wat compiles to.
    const script = fileURLToPath(new URL('../../../../scripts/buildWasm.mjs', import.meta.url));
    execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' });
  });
});
