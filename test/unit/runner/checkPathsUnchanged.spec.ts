import { expect } from 'chai';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { checkPathsUnchanged } from '../../../src/runner/checkPathsUnchanged.js';
import type { RecordedPaths, SnapshotManifest } from '../../../src/snapshots/SnapshotManifest.js';

const ACME: RecordedPaths = { drop: 'input/acme', archive: 'input/acme-done', output: 'output/acme/latest.csv' };
const head = (paths?: RecordedPaths): SnapshotManifest => ({ id: '20261125T214231123Z', ...(paths ? { paths } : {}) }) as SnapshotManifest;

describe(checkPathsUnchanged.name, () => {
  describe('when there is nothing to compare with', () => {
    const cases: [string, SnapshotManifest | null][] = [
      ['no snapshot yet', null],
      ['a newest snapshot that records no paths', head()],
    ];
    for (const [when, newest] of cases) it(`should pass for ${when}`, () => expect(checkPathsUnchanged('acme', newest, { ...ACME, drop: 'input/x' }, false)).to.equal(false));
  });

  it('should pass when the paths are the same', () => expect(checkPathsUnchanged('acme', head(ACME), { ...ACME }, false)).to.equal(false));

  describe('when a path differs', () => {
    it('should refuse with PATHS_CHANGED naming each old and new path and the way out', () => {
      const now = { drop: 'input/other', archive: 'input/acme-done', output: 'output/other/latest.csv' };
      expect(() => checkPathsUnchanged('clients/acme', head(ACME), now, false))
        .to.throw(
          DroplineError,
          /newest snapshot 20261125T214231123Z .*\(source\.path input\/acme -> input\/other, output\.path output\/acme\/latest\.csv -> output\/other\/latest\.csv\); nothing was changed\. .*--accept-paths/,
        )
        .with.property('code', 'PATHS_CHANGED');
    });

    it('should say a source without source.path has none', () => {
      expect(() => checkPathsUnchanged('acme', head(ACME), { drop: null, archive: null, output: ACME.output }, false)).to.throw(/source\.path input\/acme -> \(none\)/);
    });

    it('should pass and report the change when it is accepted', () => expect(checkPathsUnchanged('acme', head(ACME), { ...ACME, drop: 'input/x' }, true)).to.equal(true));
  });
});
