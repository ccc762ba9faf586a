import { expect } from 'chai';
import { definitionError } from '../../../src/errors/definitionError.js';

describe('definitionError', () => {
  it('should say the file, the key and the problem, with code DEFINITION_INVALID', () => {
    const error = definitionError('pipelines/acme.yaml', 'source.options.url', 'must be a string, got 3', 'acme');
    expect(error.code).to.equal('DEFINITION_INVALID');
    expect(error.message).to.equal('pipelines/acme.yaml: source.options.url must be a string, got 3');
    expect(error.context).to.deep.equal({ file: 'pipelines/acme.yaml', key: 'source.options.url', pipeline: 'acme' });
  });

  describe('when the key is empty (the document as a whole)', () => {
    it('should leave the key out of the message and the context', () => {
      const error = definitionError('pipelines/acme.yaml', '', 'must be a mapping of keys to values');
      expect(error.message).to.equal('pipelines/acme.yaml: must be a mapping of keys to values');
      expect(error.context.key).to.equal(undefined);
    });
  });
});
