import { expect } from 'chai';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { resolveAsOf } from '../../../src/query/resolveAsOf.js';
import type { SnapshotManifest } from '../../../src/snapshots/SnapshotManifest.js';
import { expectDroplineError } from '../../helpers/expectError.js';

type Reader = Parameters<typeof resolveAsOf>[0];

function manifest(id: string, createdAt: string): SnapshotManifest {
  return { id, createdAt } as SnapshotManifest;
}

/** A reader over these manifests, in history order; get() answers SNAPSHOT_NOT_FOUND for an id it lacks, as stores do. */
function reader(manifests: SnapshotManifest[]): Reader {
  return {
    list: async () => manifests,
    head: async () => manifests.at(-1) ?? null,
    get: async (id) => {
      const found = manifests.find((m) => m.id === id);
      if (!found) throw new DroplineError('SNAPSHOT_NOT_FOUND', `pipeline demo has no snapshot ${id}`);
      return found;
    },
  };
}

const HISTORY = [
  manifest('20261124T100000000Z', '2026-11-24T10:00:00.000Z'),
  manifest('20261125T090000000Z', '2026-11-25T09:00:00.000Z'),
  manifest('20261125T213000000Z', '2026-11-25T21:30:00.000Z'),
  manifest('20261127T080000500Z', '2026-11-27T08:00:00.500Z'),
];

describe('resolveAsOf()', () => {
  const options = { pipeline: 'demo' };

  describe('when given a snapshot id or latest', () => {
    it('should answer the snapshot with that id', async () => {
      expect((await resolveAsOf(reader(HISTORY), '20261125T090000000Z', options)).id).to.equal('20261125T090000000Z');
    });

    it("should pass the store's SNAPSHOT_NOT_FOUND through for an id it does not hold", async () => {
      await expectDroplineError(() => resolveAsOf(reader(HISTORY), '20200101T000000000Z', options), {
        code: 'SNAPSHOT_NOT_FOUND',
        message: 'pipeline demo has no snapshot 20200101T000000000Z',
      });
    });

    it('should answer the newest for latest', async () => {
      expect((await resolveAsOf(reader(HISTORY), 'latest', options)).id).to.equal('20261127T080000500Z');
    });

    it('should say how to make the first snapshot when there is none', async () => {
      await expectDroplineError(() => resolveAsOf(reader([]), 'latest', options), {
        code: 'SNAPSHOT_NOT_FOUND',
        message: 'pipeline demo has no snapshots yet, so "latest" names none; make the first with: dropline run demo',
      });
    });
  });

  describe('when given a date', () => {
    const cases: [string, string][] = [
      ['2026-11-24', '20261124T100000000Z'],
      ['2026-11-25', '20261125T213000000Z'],
      ['2026-11-26', '20261125T213000000Z'],
      ['2026-11-27', '20261127T080000500Z'],
      ['2031-01-01', '20261127T080000500Z'],
    ];
    for (const [date, id] of cases) {
      it(`should answer the newest snapshot created by the end of ${date} (UTC): ${id}`, async () => {
        expect((await resolveAsOf(reader(HISTORY), date, options)).id).to.equal(id);
      });
    }

    it('should name the oldest snapshot and its time for a date before it', async () => {
      await expectDroplineError(() => resolveAsOf(reader(HISTORY), '2026-11-23', options), {
        code: 'SNAPSHOT_NOT_FOUND',
        message:
          'pipeline demo has no snapshot created on or before 2026-11-23 (UTC): its oldest, 20261124T100000000Z, was created at 2026-11-24T10:00:00.000Z; list them with: dropline snapshots demo',
      });
    });

    it('should say there are no snapshots yet when there are none', async () => {
      await expectDroplineError(() => resolveAsOf(reader([]), '2026-11-23', options), {
        code: 'SNAPSHOT_NOT_FOUND',
        message: 'pipeline demo has no snapshots yet, so "2026-11-23" names none; make the first with: dropline run demo',
      });
    });
  });

  describe('when given a date-time', () => {
    const cases: [string, string][] = [
      ['2026-11-25T09:00:00Z', '20261125T090000000Z'],
      ['2026-11-25T08:59:59.999Z', '20261124T100000000Z'],
      ['2026-11-25T10:00:00+01:00', '20261125T090000000Z'],
      ['2026-11-25T09:59:59+01:00', '20261124T100000000Z'],
      ['2026-11-27T08:00:00Z', '20261125T213000000Z'],
      ['2026-11-27T08:00:00.5Z', '20261127T080000500Z'],
      ['2026-11-25T21:30', '20261125T213000000Z'],
    ];
    for (const [instant, id] of cases) {
      it(`should answer the newest snapshot created at or before ${instant}: ${id}`, async () => {
        expect((await resolveAsOf(reader(HISTORY), instant, options)).id).to.equal(id);
      });
    }

    it('should name the instant in UTC when it is before the oldest snapshot', async () => {
      await expectDroplineError(() => resolveAsOf(reader(HISTORY), '2026-11-24T10:59:59.999+01:00', options), {
        code: 'SNAPSHOT_NOT_FOUND',
        message:
          'pipeline demo has no snapshot created at or before 2026-11-24T09:59:59.999Z: its oldest, 20261124T100000000Z, was created at 2026-11-24T10:00:00.000Z; list them with: dropline snapshots demo',
      });
    });

    it('should take the last in history order among those created by then when the clock stepped back', async () => {
      const stepped = [manifest('20261125T100000000Z', '2026-11-25T10:00:00.000Z'), manifest('20261125T100000001Z', '2026-11-25T09:00:00.000Z')];
      expect((await resolveAsOf(reader(stepped), '2026-11-25T09:30:00Z', options)).id).to.equal('20261125T100000001Z');
      expect((await resolveAsOf(reader(stepped), '2026-11-25T11:00:00Z', options)).id).to.equal('20261125T100000001Z');
    });
  });

  describe('when given anything else', () => {
    it('should refuse it with USAGE, naming the value, the accepted forms and how to list snapshots', async () => {
      await expectDroplineError(() => resolveAsOf(reader(HISTORY), 'yesterday', { pipeline: 'demo', what: '--as-of' }), {
        code: 'USAGE',
        message:
          '--as-of "yesterday" is not a snapshot id like 20261125T214231123Z, "latest", a date like 2026-11-25 (UTC) or a date-time like 2026-11-25T21:42:31Z; list them with: dropline snapshots demo',
      });
    });

    it('should refuse an impossible date the same way', async () => {
      await expectDroplineError(() => resolveAsOf(reader(HISTORY), '2026-02-30', options), { code: 'USAGE', message: /^"2026-02-30" is not a snapshot id like/ });
    });

    it('should use the code the caller asks for (SNAPSHOT_NOT_FOUND where malformed ids were refused so)', async () => {
      await expectDroplineError(() => resolveAsOf(reader(HISTORY), '../../x', { pipeline: 'demo', unknown: 'SNAPSHOT_NOT_FOUND' }), {
        code: 'SNAPSHOT_NOT_FOUND',
        message: /^"\.\.\/\.\.\/x" is not a snapshot id like .*; list them with: dropline snapshots demo$/,
      });
    });
  });
});
