import { expect } from 'chai';
import { listedBytes, scansOnWorker, workerBytes, workerRoute } from '../../../src/engine/workerBytes.js';

const MB = 1 << 20;

describe('workerBytes', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.DROPLINE_WORKER_BYTES;
    delete process.env.DROPLINE_WORKER_BYTES;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.DROPLINE_WORKER_BYTES;
    else process.env.DROPLINE_WORKER_BYTES = saved;
  });

  it('should scan every input of a run of at most 16 MB on the main thread', () => {
    const from = workerBytes(16 * MB);
    expect(scansOnWorker(16 * MB, 0, from)).to.equal(false);
    expect(scansOnWorker(8 * MB, 8 * MB, from)).to.equal(false);
  });

  it('should scan inputs of 1 MB or more of a larger run on the workers, and smaller ones once 16 MB were read', () => {
    const from = workerBytes(16 * MB + 1);
    expect(from).to.equal(MB);
    expect(scansOnWorker(MB, 0, from)).to.equal(true);
    expect(scansOnWorker(MB - 1, 0, from)).to.equal(false);
    expect(scansOnWorker(MB - 1, 16 * MB, from)).to.equal(true);
  });

  it('should count a run with an input of no listed size as large (a source that does not list sizes)', () => {
    expect(listedBytes([{ size: MB }, { size: 2 * MB }])).to.equal(3 * MB);
    expect(workerBytes(listedBytes([{ size: MB }, {}]))).to.equal(MB);
  });

  it('should start the workers before the first input of a large run and then send them every input, small ones too', () => {
    const pool = { started: false, start: () => void (pool.started = true) };
    const onWorker = workerRoute(pool, [{ size: 100 }, { size: 20 * MB }]);
    expect(pool.started).to.equal(true);
    expect(onWorker(100)).to.equal(true);
  });

  it('should start no worker for a small run, and send a source without sizes to them from its first input of 1 MB on', () => {
    const small = { started: false, start: () => void (small.started = true) };
    expect(workerRoute(small, [{ size: 100 }, { size: 2 * MB }])(2 * MB)).to.equal(false);
    expect(small.started).to.equal(false);
    const unlisted = { started: false, start: () => void (unlisted.started = true) };
    const onWorker = workerRoute(unlisted, [{}, {}, {}]);
    expect(unlisted.started).to.equal(false);
    expect(onWorker(100)).to.equal(false);
    expect(onWorker(MB)).to.equal(true);
    unlisted.started = true; // as the pool's first scan does
    expect(onWorker(100)).to.equal(true);
    expect(workerRoute(null, [{ size: 20 * MB }])(20 * MB)).to.equal(false);
  });

  it('should follow DROPLINE_WORKER_BYTES whatever the size of the run, and refuse a value that is not a number', () => {
    process.env.DROPLINE_WORKER_BYTES = '0';
    expect(scansOnWorker(10, 0, workerBytes(10))).to.equal(true);
    process.env.DROPLINE_WORKER_BYTES = '2MB';
    expect(() => workerBytes(10)).to.throw(/DROPLINE_WORKER_BYTES is "2MB"/);
  });
});
