import { expect } from 'chai';
import type { PipelineDefinition } from '../../../src/definition/PipelineDefinition.js';
import type { Table } from '../../../src/table/Table.js';
import { TABLE_CACHE_SIZE, TableCache } from '../../../src/query/TableCache.js';
import type { SnapshotManifest } from '../../../src/snapshots/SnapshotManifest.js';
import type { SnapshotStore } from '../../../src/snapshots/SnapshotStore.js';
import { demoDefinition } from '../../helpers/definitions.js';

/** A store whose readTable counts its calls and can be told to fail once. */
function countingStore(): { store: SnapshotStore; reads: string[]; failNext: () => void } {
  const reads: string[] = [];
  let fail = false;
  const readTable = async (m: SnapshotManifest): Promise<Table> => {
    reads.push(m.id);
    if (fail) {
      fail = false;
      throw new Error('disk hiccup');
    }
    return { columns: ['id', 'v'], rows: [[m.id, m.latest.sha256]] };
  };
  const store = { open: (_d: PipelineDefinition) => ({ readTable }) } as unknown as SnapshotStore;
  return { store, reads, failNext: () => (fail = true) };
}

const manifest = (id: string, sha = `sha-${id}`): SnapshotManifest => ({ id, latest: { sha256: sha } }) as SnapshotManifest;

describe('TableCache', () => {
  const definition = demoDefinition();
  let fake: ReturnType<typeof countingStore>;
  let cache: TableCache;
  beforeEach(() => {
    fake = countingStore();
    cache = new TableCache(fake.store);
  });

  describe('.snapshot()', () => {
    it('should read a snapshot once however often it is asked for', async () => {
      for (let i = 0; i < 5; i++) await cache.snapshot(definition, manifest('s1'));
      expect(fake.reads).to.deep.equal(['s1']);
    });

    it('should share one read between concurrent requests', async () => {
      await Promise.all([cache.snapshot(definition, manifest('s1')), cache.snapshot(definition, manifest('s1'))]);
      expect(fake.reads).to.deep.equal(['s1']);
    });

    it('should index the columns', async () => {
      const cached = await cache.snapshot(definition, manifest('s1'));
      expect([...cached.columnIndex]).to.deep.equal([
        ['id', 0],
        ['v', 1],
      ]);
    });

    it('should share the entry of snapshots with the same content', async () => {
      await cache.snapshot(definition, manifest('s1', 'same'));
      await cache.snapshot(definition, manifest('s2', 'same'));
      expect(fake.reads).to.deep.equal(['s1']);
    });

    it(`should keep at most ${TABLE_CACHE_SIZE} tables, dropping the least recently used`, async () => {
      for (let i = 0; i <= TABLE_CACHE_SIZE; i++) await cache.snapshot(definition, manifest(`s${i}`));
      await cache.snapshot(definition, manifest(`s${TABLE_CACHE_SIZE}`));
      await cache.snapshot(definition, manifest('s0'));
      expect(fake.reads).to.have.length(TABLE_CACHE_SIZE + 2);
      expect(fake.reads.at(-1)).to.equal('s0');
    });

    it('should not keep a failed read, so the next request tries again', async () => {
      fake.failNext();
      let failed = false;
      await cache.snapshot(definition, manifest('s1')).catch(() => (failed = true));
      const table = await cache.snapshot(definition, manifest('s1'));
      expect(failed).to.equal(true);
      expect(table.table.rows).to.have.length(1);
      expect(fake.reads).to.deep.equal(['s1', 's1']);
    });
  });
});
