import { expect } from 'chai';
import { progressReporter } from '../../../src/cli/progressReporter.js';

function io(interactive: boolean) {
  const written: string[] = [];
  return { written, io: { out: () => undefined, err: (t: string) => void written.push(t), interactive } };
}

describe('progressReporter', () => {
  const progress = { filesDone: 3, filesTotal: 50, rowsRead: 6000 };

  describe('when stderr is not a terminal', () => {
    it('should print nothing, however long the run', () => {
      let t = 0;
      const { written, io: target } = io(false);
      const p = progressReporter(target, () => t);
      t = 5000;
      p.onProgress(progress);
      p.done();
      expect(written).to.deep.equal([]);
    });
  });

  describe('when stderr is a terminal', () => {
    it('should stay silent during the first second', () => {
      let t = 0;
      const { written, io: target } = io(true);
      const p = progressReporter(target, () => t);
      t = 999;
      p.onProgress(progress);
      p.done();
      expect(written).to.deep.equal([]);
    });

    it('should show files and rows after a second and clear the line when done', () => {
      let t = 0;
      const { written, io: target } = io(true);
      const p = progressReporter(target, () => t);
      t = 1500;
      p.onProgress(progress);
      p.done();
      expect(written[0]).to.contain('files 3/50, rows 6000');
      expect(written.at(-1)).to.equal('\r\x1b[2K');
    });
  });
});
