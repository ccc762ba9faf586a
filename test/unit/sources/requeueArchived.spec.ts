import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { requeueArchived } from '../../../src/sources/requeueArchived.js';
import { sha256 } from '../../../src/util/sha256.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe(requeueArchived.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let drop: string;
  let archive: string;
  let warnings: string[];
  const warn = (message: string, file: string): void => void warnings.push(`${file}: ${message}`);
  const archived = (name: string, content: string): void => writeFileSync(join(archive, name), content);
  beforeEach(() => {
    tmp = makeTempDir();
    drop = join(tmp.dir, 'drop');
    archive = join(tmp.dir, 'archive');
    mkdirSync(drop);
    mkdirSync(archive);
    warnings = [];
  });
  afterEach(() => tmp.remove());

  describe('when every file is archived as ingested', () => {
    it('should move each back under its ledger name, silently', async () => {
      archived('a.csv', 'A');
      archived('a_2.csv', 'A2');
      const moved = await requeueArchived(
        archive,
        drop,
        [
          { name: 'a.csv', sha256: sha256('A') },
          { name: 'a.csv', sha256: sha256('A2') },
        ],
        { warn },
      );
      expect(moved).to.deep.equal(['a.csv', 'a.csv']);
      expect(readdirSync(drop).sort()).to.deep.equal(['a.csv', 'a_2.csv']);
      expect(warnings).to.deep.equal([]);
    });
  });

  describe('when an archived file changed', () => {
    it('should move it back as it is and warn naming it', async () => {
      archived('a.csv', 'A plus more');
      const moved = await requeueArchived(archive, drop, [{ name: 'a.csv', sha256: sha256('A') }], { warn });
      expect(moved).to.deep.equal(['a.csv']);
      expect(readdirSync(archive)).to.deep.equal([]);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.match(/^a\.csv: a\.csv changed since it was archived/);
    });
  });

  describe('when an archived file is gone', () => {
    it('should warn naming it and not count it', async () => {
      const moved = await requeueArchived(archive, drop, [{ name: 'a.csv', sha256: sha256('A') }], { warn }, { label: 'input/processed' });
      expect(moved).to.deep.equal([]);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('is not in the archive input/processed');
    });
  });

  describe('when the file is already back in the drop', () => {
    it('should pass it over silently', async () => {
      writeFileSync(join(drop, 'a.csv'), 'A');
      expect(await requeueArchived(archive, drop, [{ name: 'a.csv', sha256: sha256('A') }], { warn })).to.deep.equal([]);
      expect(warnings).to.deep.equal([]);
    });
  });

  describe('when everything is asked for (clean) and the archive holds files no entry names', () => {
    it('should move those back too, so the archive ends empty', async () => {
      archived('a.csv', 'A');
      archived('pruned.csv', 'P');
      const moved = await requeueArchived(archive, drop, [{ name: 'a.csv', sha256: sha256('A') }], { warn }, { everything: true });
      expect(moved).to.deep.equal(['a.csv', 'pruned.csv']);
      expect(readdirSync(archive)).to.deep.equal([]);
      expect(readdirSync(drop).sort()).to.deep.equal(['a.csv', 'pruned.csv']);
    });

    it('should leave them where they are without it', async () => {
      archived('pruned.csv', 'P');
      expect(await requeueArchived(archive, drop, [], { warn })).to.deep.equal([]);
      expect(readdirSync(archive)).to.deep.equal(['pruned.csv']);
    });
  });
});
