import { STOP_FINDER_WASM } from './stopFinderWasm.js';

/** Bytes the finder takes at a time (its module's memory holds one window, then the offsets of its stops). */
export const STOP_WINDOW = 1 << 16;

interface StopFinderExports {
  memory: { buffer: ArrayBuffer };
  find(length: number, delimiter: number): number;
}

// The global of the JavaScript runtimes Node runs (this project's TypeScript libraries do not declare it); absent
// under `node --jitless`.
declare const WebAssembly:
  | {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object) => { exports: unknown };
    }
  | undefined;

let shared: StopFinder | null = null;

/**
 * Finds the bytes where an unquoted CSV value stops (the delimiter, LF, CR, a
 * quote) sixteen at a time, with WebAssembly SIMD (stopFinder.wat), so that
 * RecordScanner jumps from stop to stop instead of testing every byte in
 * JavaScript: a 1.57 MB input of the bench's rows in 0.4 ms against 1.9 ms.
 * Where WebAssembly is not there (`node --jitless`) or cannot compile it, a
 * loop finds the same stops. A thread has one (`shared`): it holds the window
 * of whoever scanned last (`owner`), so a scanner checks it still owns it.
 */
export class StopFinder {
  /** The thread's finder, made on first use. */
  static shared(): StopFinder {
    return (shared ??= new StopFinder());
  }

  /** The number of the scanner that scanned the window the finder holds (a number: the finder keeps no input alive). */
  owner = 0;
  private readonly find: ((length: number, delimiter: number) => number) | null = null;
  private readonly window: Uint8Array | null = null;
  /** The stops of the window last scanned, as offsets from its start, in order. */
  readonly stops: Int32Array;

  /** `wasm`: false for the loop (tests compare the two); the loop too where the module cannot be made. */
  constructor(wasm = true) {
    const exports = wasm ? instantiate() : null;
    if (exports === null) {
      this.stops = new Int32Array(STOP_WINDOW);
      return;
    }
    this.find = exports.find;
    this.window = new Uint8Array(exports.memory.buffer, 0, STOP_WINDOW);
    this.stops = new Int32Array(exports.memory.buffer, STOP_WINDOW, STOP_WINDOW);
  }

  /** Scans `bytes[from, from + length)` (length at most STOP_WINDOW) for stops, `delimiter` an ASCII byte; returns how many `stops` holds. */
  scan(owner: number, bytes: Uint8Array, from: number, length: number, delimiter: number): number {
    this.owner = owner;
    if (this.find !== null) {
      this.window!.set(bytes.subarray(from, from + length));
      return this.find(length, delimiter);
    }
    let count = 0;
    for (let i = 0; i < length; i++) {
      const b = bytes[from + i]!;
      if (b === delimiter || b === 10 || b === 13 || b === 34) this.stops[count++] = i;
    }
    return count;
  }
}

/** The module's exports, or null without WebAssembly (`node --jitless`) or where it fails to compile (no SIMD). */
function instantiate(): StopFinderExports | null {
  if (typeof WebAssembly === 'undefined') return null;
  try {
    return new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(STOP_FINDER_WASM, 'base64'))).exports as unknown as StopFinderExports;
  } catch {
    return null;
  }
}
