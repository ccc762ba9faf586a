import { expect } from 'chai';
import { definitionToDocument } from '../../../src/definition/definitionToDocument.js';
import { parseDefinition } from '../../../src/definition/parseDefinition.js';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { definitionHash } from '../../../src/snapshots/definitionHash.js';
import { demoYaml } from '../../helpers/workspace.js';

const parse = (doc: unknown) => parseDefinition(doc, 'pipelines/demo.yaml', '/ws/pipelines/demo.yaml');

function refused(doc: unknown): string {
  try {
    parse(doc);
  } catch (err) {
    expect(err).to.be.instanceOf(DroplineError);
    expect((err as DroplineError).code).to.equal('DEFINITION_INVALID');
    return (err as DroplineError).message;
  }
  return expect.fail('expected DEFINITION_INVALID');
}

describe('parseDefinition: expect', () => {
  it('should leave expect out when the file does', () => {
    expect(parse(demoYaml())).not.to.have.property('expect');
  });

  it('should read every and grace as durations and fill the volume band', () => {
    expect(parse(demoYaml({ expect: { every: '7d', grace: '36h' } })).expect).to.deep.equal({
      every: '7d',
      everyMs: 7 * 86_400_000,
      grace: '36h',
      graceMs: 36 * 3_600_000,
      volume: { min: 0.5, max: 2, runs: 8 },
    });
  });

  it('should read the volume band as given', () => {
    expect(parse(demoYaml({ expect: { volume: { min: 0.8, max: 1.25, runs: 4 } } })).expect).to.deep.equal({ volume: { min: 0.8, max: 1.25, runs: 4 } });
  });

  const errors: [string, unknown, string][] = [
    ['an every that is not a duration', { every: 'weekly' }, 'expect.every "weekly" is not a duration'],
    ['an unknown key', { evry: '7d' }, 'expect.evry is not a known key; did you mean "every"?'],
    ['a max below min', { volume: { min: 2, max: 1 } }, 'expect.volume.max (1) is below min (2)'],
    ['a fractional runs', { volume: { runs: 2.5 } }, 'expect.volume.runs must be a whole number'],
    ['a negative min', { volume: { min: -1 } }, 'expect.volume.min must be a number from 0'],
  ];
  for (const [when, expectation, message] of errors) {
    it(`should refuse ${when}, naming the key`, () => {
      expect(refused(demoYaml({ expect: expectation }))).to.contain(message);
    });
  }

  it('should be written back by definitionToDocument, as given', () => {
    expect(definitionToDocument(parse(demoYaml({ expect: { every: '2w' } }))).expect).to.deep.equal({ every: '2w', volume: { min: 0.5, max: 2, runs: 8 } });
  });

  it('should not change the definition hash snapshots record (it says nothing about the data)', () => {
    expect(definitionHash(parse(demoYaml({ expect: { every: '7d' } })))).to.equal(definitionHash(parse(demoYaml())));
  });
});
