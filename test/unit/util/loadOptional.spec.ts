import { expect } from 'chai';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { loadOptional } from '../../../src/util/loadOptional.js';

describe('loadOptional', () => {
  describe('when the package is installed', () => {
    it('should return the module', async () => {
      const yaml = await loadOptional<typeof import('yaml')>('yaml', 'a test');
      expect(yaml.stringify({ a: 1 })).to.equal('a: 1\n');
    });
  });

  describe('when the package is not installed', () => {
    it('should throw MISSING_PACKAGE naming the feature and the command that installs it', async () => {
      const err = await loadOptional('dropline-no-such-package', 'the xlsx source').then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(DroplineError);
      expect(err).to.deep.include({ code: 'MISSING_PACKAGE', message: 'the xlsx source needs dropline-no-such-package: npm install dropline-no-such-package' });
      expect((err as DroplineError).exitCode).to.equal(1);
    });
  });

  describe('when the package is there but fails to load', () => {
    it('should rethrow its own error, not call it missing', async () => {
      const err = await loadOptional('data:text/javascript,throw new Error("broken install")', 'a test').then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).not.to.be.instanceOf(DroplineError);
      expect((err as Error).message).to.equal('broken install');
    });
  });
});
