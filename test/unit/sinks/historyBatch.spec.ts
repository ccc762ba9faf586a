import { expect } from 'chai';
import { historyBatch } from '../../../src/sinks/historyBatch.js';
import type { PublishContext } from '../../../src/sinks/Sink.js';
import type { RowOrigin } from '../../../src/snapshots/ChangeRecords.js';
import type { SnapshotManifest } from '../../../src/snapshots/SnapshotManifest.js';
import { demoDefinition } from '../../helpers/definitions.js';
import { manifest } from '../../helpers/publishContext.js';

const OLD = { ...manifest('20210301T000000000Z', 'run', null, 1), createdAt: '2021-03-01T00:00:01.000Z' };
const NOW = { ...manifest('20210305T000000000Z', 'run', OLD.id, 3), createdAt: '2021-03-05T00:00:00.000Z' };
const ROWS = [
  ['a', 'one', '2021-01-01'],
  ['b', 'two', '2021-01-01'],
  ['c', 'three', '2021-01-01'],
  ['d', 'four', '2021-01-01'],
];
/** Origins: a snapshot the store still lists, one it pruned (known by its id), none, and one that is not an id. */
const ORIGINS: RowOrigin[] = [
  { snapshot: OLD.id, file: 'a.csv', line: 2 },
  { snapshot: '20210302T101010500Z', file: 'b, "q".csv', line: 9 },
  { snapshot: '', file: '', line: 0 },
  { snapshot: 'elsewhere', file: 'd.csv', line: 4 },
];

function context(origins: RowOrigin[] | null, snapshot: SnapshotManifest | null = NOW): PublishContext {
  return {
    definition: demoDefinition(),
    snapshot,
    table: { columns: ['id', 'description', 'timestamp'], rows: ROWS },
    snapshots: [OLD, NOW],
    previous: undefined,
    origins: async () => origins,
  };
}

describe('historyBatch', () => {
  it('should start each version of a first publish when the snapshot its origin names was made, else at the publish', async () => {
    const batch = await historyBatch(context(ORIGINS), { scope: 'all', rows: ROWS, width: 3, first: true, now: new Date(0) });
    expect(batch.at).to.equal(NOW.createdAt);
    expect(batch.rows.map((r) => r.slice(3))).to.deep.equal([
      [OLD.createdAt, 'a.csv', '2'],
      ['2021-03-02T10:10:10.500Z', 'b, "q".csv', '9'],
      ['', '', ''],
      ['', 'd.csv', '4'],
    ]);
    expect(batch.rows.map((r) => r.slice(0, 3))).to.deep.equal(ROWS);
  });

  it('should start every version at the publish once the history holds versions', async () => {
    const batch = await historyBatch(context(ORIGINS), { scope: 'all', rows: ROWS, width: 3, first: false, now: new Date(0) });
    expect(batch.rows.map((r) => r[3])).to.deep.equal(['', '', '', '']);
    expect(batch.rows[1]!.slice(4)).to.deep.equal(['b, "q".csv', '9']);
  });

  it('should take no origin at all when they do not pair with the rows, and the publish time after a clean', async () => {
    const batch = await historyBatch(context(ORIGINS.slice(1), null), { scope: 'all', rows: ROWS, width: 3, first: true, now: new Date('2021-04-01T00:00:00Z') });
    expect(batch.at).to.equal('2021-04-01T00:00:00.000Z');
    expect(batch.rows.map((r) => r.slice(3))).to.deep.equal(ROWS.map(() => ['', '', '']));
  });

  it("should read the run's origins for its rows, and pad a short row to the table's width", async () => {
    const run: PublishContext = { ...context(null), changes: { since: OLD.id, rows: [['e', 'five']], origins: async () => [{ snapshot: NOW.id, file: 'e.csv', line: 3 }] } };
    const batch = await historyBatch(run, { scope: 'changes', rows: [['e', 'five']], width: 3, first: false, now: new Date(0) });
    expect(batch).to.deep.equal({ at: NOW.createdAt, scope: 'changes', rows: [['e', 'five', '', '', 'e.csv', '3']] });
  });
});
