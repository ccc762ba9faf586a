import { expect } from 'chai';
import { FolderSyncs } from '../../../src/util/FolderSyncs.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe(FolderSyncs.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  describe('.add()', () => {
    it('should keep a folder given as text and again as bytes once', () => {
      const syncs = new FolderSyncs();
      syncs.add(tmp.dir);
      syncs.add(Buffer.from(tmp.dir));
      expect(syncs.pending()).to.deep.equal([tmp.dir]);
    });
  });

  describe('.flush()', () => {
    it('should leave nothing pending', () => {
      const syncs = new FolderSyncs();
      syncs.add(tmp.dir);
      syncs.flush();
      expect(syncs.pending()).to.deep.equal([]);
    });
  });
});
