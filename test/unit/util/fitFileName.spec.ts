import { expect } from 'chai';
import { fitFileName, NAME_MAX } from '../../../src/util/fitFileName.js';

describe(fitFileName.name, () => {
  describe('when stem and suffix fit in 255 bytes', () => {
    it('should join them unchanged', () => expect(fitFileName(Buffer.from('a.csv'), '.error.json').toString()).to.equal('a.csv.error.json'));
  });

  describe('when they do not', () => {
    const long = Buffer.from('q'.repeat(251) + '.csv');
    it('should cut the stem to fit exactly 255 bytes, keeping the suffix', () => {
      const name = fitFileName(long, '.error.json');
      expect(name.length).to.equal(NAME_MAX);
      expect(name.toString()).to.match(/^q+~[0-9a-f]{8}\.error\.json$/);
    });

    it('should give two long stems that share a beginning different names', () => {
      const other = Buffer.from('q'.repeat(251) + '.tsv');
      expect(fitFileName(long, '.error.json').equals(fitFileName(other, '.error.json'))).to.equal(false);
    });

    it('should not cut inside a UTF-8 character', () => {
      const name = fitFileName(Buffer.from('é'.repeat(200)), '.error.json');
      expect(name.length).to.be.at.most(NAME_MAX);
      expect(Buffer.from(name.toString()).equals(name)).to.equal(true);
      expect(name.toString()).not.to.contain('\ufffd');
    });
  });
});
