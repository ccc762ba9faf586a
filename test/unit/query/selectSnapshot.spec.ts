import { expect } from 'chai';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { selectSnapshot } from '../../../src/query/selectSnapshot.js';
import type { SnapshotManifest } from '../../../src/snapshots/SnapshotManifest.js';
import { expectDroplineError } from '../../helpers/expectError.js';

const FIRST = '20261124T100000000Z';
const SECOND = '20261125T100000000Z';

/** Resolves ids, `latest` (SECOND) and two dates; records what it was asked. */
function resolver(): { resolve: (reference: string) => Promise<SnapshotManifest>; asked: string[] } {
  const names: Record<string, string> = { [FIRST]: FIRST, [SECOND]: SECOND, latest: SECOND, '2026-11-24': FIRST, '2026-11-25': SECOND };
  const asked: string[] = [];
  return {
    asked,
    resolve: async (reference) => {
      asked.push(reference);
      const id = names[reference];
      if (id === undefined) throw new DroplineError('SNAPSHOT_NOT_FOUND', `no snapshot ${reference}`);
      return { id } as SnapshotManifest;
    },
  };
}

describe('selectSnapshot()', () => {
  describe('without a cursor', () => {
    const cases: [Parameters<typeof selectSnapshot>[1], string][] = [
      [{}, SECOND],
      [{ snapshot: FIRST }, FIRST],
      [{ asOf: '2026-11-24' }, FIRST],
      [{ snapshot: FIRST, asOf: FIRST }, FIRST],
      [{ snapshot: FIRST, asOf: '2026-11-24' }, FIRST],
      [{ snapshot: 'latest', asOf: '2026-11-25' }, SECOND],
    ];
    for (const [selection, id] of cases) {
      it(`should answer ${id} for ${JSON.stringify(selection)}`, async () => {
        expect((await selectSnapshot(resolver().resolve, selection)).id).to.equal(id);
      });
    }

    it('should refuse snapshot and as_of that name different snapshots, naming both', async () => {
      await expectDroplineError(() => selectSnapshot(resolver().resolve, { snapshot: 'latest', asOf: '2026-11-24' }), {
        code: 'USAGE',
        message: `snapshot=latest names snapshot ${SECOND} but as_of=2026-11-24 names ${FIRST}; give one of them`,
      });
    });
  });

  describe('with a cursor', () => {
    it("should stay on the cursor's snapshot when the selection says latest or nothing", async () => {
      for (const selection of [{}, { snapshot: 'latest' }, { asOf: 'latest' }]) {
        expect((await selectSnapshot(resolver().resolve, selection, FIRST)).id).to.equal(FIRST);
      }
    });

    it("should answer the snapshot a date names when it is the cursor's", async () => {
      expect((await selectSnapshot(resolver().resolve, { asOf: '2026-11-24' }, FIRST)).id).to.equal(FIRST);
    });

    it('should refuse another snapshot id without looking it up', async () => {
      const r = resolver();
      await expectDroplineError(() => selectSnapshot(r.resolve, { snapshot: '20200101T000000000Z' }, FIRST), {
        code: 'USAGE',
        message: `cursor belongs to snapshot ${FIRST}, not 20200101T000000000Z; page one snapshot at a time`,
      });
      expect(r.asked).to.deep.equal([]);
    });

    it('should refuse a date that names another snapshot, saying which', async () => {
      await expectDroplineError(() => selectSnapshot(resolver().resolve, { asOf: '2026-11-25' }, FIRST), {
        code: 'USAGE',
        message: `cursor belongs to snapshot ${FIRST}, not 2026-11-25 (${SECOND}); page one snapshot at a time`,
      });
    });
  });
});
