import { expect } from 'chai';
import { formatProgress, progressReporter } from '../../../src/cli/progressReporter.js';
import type { ProgressEvent } from '../../../src/util/ProgressHook.js';

/** A fake stderr: what was written, and whether it says it is a terminal. */
function fakeStderr(interactive: boolean) {
  const written: string[] = [];
  return { written, io: { out: () => undefined, err: (t: string) => void written.push(t), interactive } };
}

const CLEAR = '\r\x1b[2K';
const read = (done: number, rows: number): ProgressEvent => ({ pipeline: 'demo', phase: 'read', done, total: 50, unit: 'files', rows });

describe('progressReporter', () => {
  let t: number;
  const clock = () => t;
  beforeEach(() => {
    t = 0;
  });

  describe('when stderr is not a terminal', () => {
    it('should write nothing, however long the command and whatever the events', () => {
      const { written, io } = fakeStderr(false);
      const p = progressReporter(io, clock);
      for (t = 0; t < 10_000; t += 500) p.onProgress(read(t / 500, t * 10));
      p.clear();
      expect(written).to.deep.equal([]);
    });
  });

  describe('when stderr is a terminal', () => {
    it('should stay silent during the first second', () => {
      const { written, io } = fakeStderr(true);
      const p = progressReporter(io, clock);
      p.onProgress(read(0, 0));
      t = 999;
      p.onProgress(read(3, 6000));
      p.clear();
      expect(written).to.deep.equal([]);
    });

    it('should redraw one line with phase, percent and rate, measured from the start of the phase', () => {
      const { written, io } = fakeStderr(true);
      const p = progressReporter(io, clock);
      p.onProgress(read(0, 0));
      t = 2000;
      p.onProgress(read(23, 46_000));
      expect(written).to.deep.equal([`${CLEAR}demo: read 46% (23/50 files), 46,000 rows, 23,000 rows/s`]);
    });

    it('should redraw at most every 100 ms within a phase, but always on a new phase and at 100%', () => {
      const { written, io } = fakeStderr(true);
      const p = progressReporter(io, clock);
      t = 1000;
      p.onProgress(read(1, 100));
      t = 1050;
      p.onProgress(read(2, 200)); // too soon
      t = 1100;
      p.onProgress(read(3, 300));
      t = 1120;
      p.onProgress(read(50, 400)); // done: drawn at once
      p.onProgress({ pipeline: 'demo', phase: 'write', done: 0, total: 400, unit: 'rows' }); // new phase: drawn at once
      expect(written.map((w) => w.replace(CLEAR, '').split(',')[0])).to.deep.equal([
        'demo: read 2% (1/50 files)',
        'demo: read 6% (3/50 files)',
        'demo: read 100% (50/50 files)',
        'demo: write 0% (0/400 rows)',
      ]);
    });

    it("should cut the line to the terminal's width", () => {
      const { written, io } = fakeStderr(true);
      const p = progressReporter({ ...io, columns: 20 }, clock);
      t = 1500;
      p.onProgress(read(3, 6000));
      expect(written).to.deep.equal([`${CLEAR}demo: read 6% (3/50`]);
    });

    it('should clear the line once, and only when one is drawn', () => {
      const { written, io } = fakeStderr(true);
      const p = progressReporter(io, clock);
      p.clear();
      expect(written).to.deep.equal([]);
      t = 1500;
      p.onProgress(read(3, 6000));
      p.clear();
      p.clear();
      expect(written.slice(1)).to.deep.equal([CLEAR]);
    });
  });
});

describe('formatProgress', () => {
  const cases: [string, ProgressEvent, number, string][] = [
    ['files with rows', read(23, 46_000), 2, 'demo: read 46% (23/50 files), 46,000 rows, 23,000 rows/s'],
    ['a phase without a total', { pipeline: 'demo', phase: 'merge', done: 0, total: null, unit: 'rows', rows: 1_000_000 }, 4, 'demo: merge 1,000,000 rows, 250,000 rows/s'],
    ['a phase at its start', { pipeline: 'demo', phase: 'write', done: 0, total: 400, unit: 'rows' }, 0, 'demo: write 0% (0/400 rows)'],
    ["a rate in the phase's unit", { pipeline: 'x/y', phase: 'generate', done: 30_000, total: 100_000, unit: 'rows' }, 3, 'x/y: generate 30% (30,000/100,000 rows), 10,000 rows/s'],
    ['nothing to do', { pipeline: 'demo', phase: 'read', done: 0, total: 0, unit: 'files' }, 1, 'demo: read'],
  ];
  for (const [when, event, seconds, line] of cases) {
    it(`should show ${when} as "${line}"`, () => {
      expect(formatProgress(event, seconds)).to.equal(line);
    });
  }
});
