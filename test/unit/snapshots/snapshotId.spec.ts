import { expect } from 'chai';
import { formatSnapshotId, isSnapshotId, nextSnapshotId } from '../../../src/snapshots/snapshotId.js';

describe('nextSnapshotId', () => {
  const t = new Date('2026-11-25T21:42:31.123Z');

  it('should format UTC time to the millisecond', () => {
    expect(formatSnapshotId(t)).to.equal('20261125T214231123Z');
  });

  describe('when two snapshots fall in the same millisecond', () => {
    it('should still give a later, distinct id', () => {
      const first = nextSnapshotId(t, null);
      const second = nextSnapshotId(t, first);
      expect(second > first).to.equal(true);
      expect(second).to.equal('20261125T214231124Z');
    });
  });

  describe('when the clock stepped back', () => {
    it('should sort after the last id', () => {
      expect(nextSnapshotId(new Date('2020-01-01T00:00:00Z'), '20261125T214231123Z')).to.equal('20261125T214231124Z');
    });
  });

  const ids: [string, boolean][] = [
    ['20261125T214231123Z', true],
    ['../../etc/passwd', false],
    ['20261125T214231123Z/x', false],
    ['latest', false],
  ];
  for (const [id, ok] of ids) {
    it(`should ${ok ? 'accept' : 'refuse'} "${id}" as an id`, () => expect(isSnapshotId(id)).to.equal(ok));
  }
});
