import { expect } from 'chai';
import { publishOrigins } from '../../../src/sinks/publishOrigins.js';
import type { PipelineSnapshots } from '../../../src/snapshots/SnapshotStore.js';
import { manifest } from '../../helpers/publishContext.js';

const HEAD = manifest('20210302T000000000Z', 'run', '20210301T000000000Z', 2);
const HELD = { columns: ['id', 'v'], rows: [['a', '1']], origins: [{ snapshot: HEAD.id, file: 'f.csv', line: 2 }] };

/** A store whose RowFinder holds HELD as the run's changeset, counting the reads. */
function store(reads: string[], withOrigins = true): PipelineSnapshots {
  const finder = {
    find: async () => [],
    runChanges: async () => (reads.push('run'), HELD),
    ...(withOrigins ? { origins: async () => (reads.push('all'), HELD.origins) } : {}),
  };
  return { rows: () => finder } as unknown as PipelineSnapshots;
}

describe('publishOrigins', () => {
  it("should give the run's origins only for the rows its changeset holds, reading each once and only when asked", async () => {
    const reads: string[] = [];
    const given = publishOrigins(store(reads), HEAD, { since: HEAD.parent!, rows: [['a', '1']] });
    expect(reads).to.deep.equal([]);
    expect(await given.changes!.origins!()).to.deep.equal(HELD.origins);
    expect(await given.changes!.origins!()).to.deep.equal(HELD.origins);
    expect(await given.origins!()).to.deep.equal(HELD.origins);
    expect(reads).to.deep.equal(['run', 'all']);
    const other = publishOrigins(store([]), HEAD, { since: HEAD.parent!, rows: [['a', '2']] });
    expect(await other.changes!.origins!()).to.equal(null);
  });

  it('should give no origins without a snapshot or a store that can say', () => {
    const changes = { since: HEAD.parent!, rows: [['a', '1']] };
    expect(publishOrigins(store([]), null, changes)).to.deep.equal({ changes });
    expect(publishOrigins({} as PipelineSnapshots, HEAD, undefined)).to.deep.equal({});
    expect(publishOrigins(store([], false), HEAD, undefined)).to.deep.equal({});
  });
});
