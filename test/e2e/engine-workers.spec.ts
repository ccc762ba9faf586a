import { expect } from 'chai';
import { availableParallelism } from 'node:os';
import { csv, TestWorkspace } from '../helpers/workspace.js';

const HEADER = ['id', 'description', 'timestamp'];

/** An input of `rows` rows over ids `<prefix>0..`, each line about 70 bytes. */
function input(prefix: string, rows: number, day: string): string {
  return csv([HEADER, ...Array.from({ length: rows }, (_, i) => [`${prefix}${i}`, `a description long enough to pass a few bytes ${i}`, day])]);
}

/**
 * A run of `ws`'s demo pipeline by the byte engine (`--engine auto`, also under `npm run test:reference`, which sets
 * DROPLINE_ENGINE=reference: this is the byte engine's own behaviour), on worker threads for inputs of 4 KB or more (the
 * default line, 1 MB in a run over 16 MB, moved for a small test).
 */
function runOnWorkers(ws: TestWorkspace): { log: string; whole: number; merged: number } {
  const r = ws.cliWithEnv({ DROPLINE_WORKER_BYTES: '4096' }, 'run', 'demo', '--verbose', '--engine', 'auto');
  expect(r.code, r.stderr).to.equal(0);
  const log = r.stdout + r.stderr;
  const counts = /merge: (\d+) key partitions? taken whole from the worker threads, (\d+) merged on the main thread/.exec(log);
  expect(counts, log).to.not.equal(null);
  return { log, whole: Number(counts![1]), merged: Number(counts![2]) };
}

// The byte engine's workers each reduce one key partition over every input; the main thread takes the partitions
// whole, unless it merged an input itself first: then it merged every partition row by row. A small input among
// large ones (the sample file `dropline init` leaves in a drop of 10M generated rows) made that run 16 s and 1.6 GB
// instead of about 8 s and 1.2 GB.
describe('the byte engine on worker threads (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(function () {
    if (availableParallelism() < 2) {
      console.log('      (skipped: one core here, so the byte engine starts no worker threads)');
      this.skip();
    }
    ws = new TestWorkspace();
    ws.drop('b-large.csv', input('k', 400, '2021-02-01'));
    ws.drop('c-large.csv', input('m', 400, '2021-02-02'));
  });
  afterEach(() => ws?.remove());

  it('should scan a small input on the workers once they run, so the main thread merges no partition row by row', () => {
    ws.drop('a-small.csv', input('k', 3, '2021-03-01'));
    const { whole, merged } = runOnWorkers(ws);
    expect(whole).to.be.greaterThan(0);
    expect(merged).to.equal(0);
    // And the table is the one the rule gives: a-small's three rows are the latest for k0-k2.
    const latest = ws.latest();
    expect(latest).to.have.length(800);
    expect(latest.filter((row) => row.source_filename === 'a-small.csv').map((row) => row.id)).to.deep.equal(['k0', 'k1', 'k2']);
  });

  it('should merge the winners of an input the reference reader reads after the partitions, not merge every partition row by row', () => {
    // A quote inside an unquoted field: the byte scanner leaves the input to the reference reader, on the main thread.
    ws.drop('d-odd.csv', 'id,description,timestamp\nk5,a 6" pipe,2021-03-01\n');
    const { log, whole, merged } = runOnWorkers(ws);
    expect(log).to.match(/d-odd\.csv.*read by the reference reader|read by the reference reader.*d-odd\.csv/);
    expect(whole).to.be.greaterThan(0);
    expect(merged).to.equal(0);
    const latest = ws.latest();
    expect(latest).to.have.length(800);
    expect(latest.find((row) => row.id === 'k5')).to.include({ description: 'a 6" pipe', source_filename: 'd-odd.csv' });
  });
});
