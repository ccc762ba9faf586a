import { expect } from 'chai';
import { parseDefinition } from '../../../src/definition/parseDefinition.js';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { demoYaml } from '../../helpers/workspace.js';

const parse = (doc: unknown) => parseDefinition(doc, 'pipelines/demo.yaml', '/ws/pipelines/demo.yaml');

function thrown(fn: () => unknown): DroplineError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(DroplineError);
    return err as DroplineError;
  }
  expect.fail('expected a DroplineError');
}

describe('parseDefinition (sinks)', () => {
  describe('when sinks are listed', () => {
    it('should keep type, module and options as written', () => {
      const d = parse(
        demoYaml({ sinks: [{ type: 'sqlite' }, { type: 'postgres', options: { url: '${DATABASE_URL}', schema: 'dw' } }, { type: 'mine', module: 'sinks/mine.ts' }] }),
      );
      expect(d.sinks).to.deep.equal([
        { type: 'sqlite', options: {} },
        { type: 'postgres', options: { url: '${DATABASE_URL}', schema: 'dw' } },
        { type: 'mine', module: 'sinks/mine.ts', options: {} },
      ]);
    });

    it('should keep history: true, and leave history out when false (the definition hashes as before)', () => {
      const d = parse(
        demoYaml({
          sinks: [
            { type: 'sqlite', history: true },
            { type: 'sqlite', history: false },
          ],
        }),
      );
      expect(d.sinks).to.deep.equal([
        { type: 'sqlite', options: {}, history: true },
        { type: 'sqlite', options: {} },
      ]);
    });
  });

  describe('when there are none', () => {
    it('should leave sinks out', () => expect(parse(demoYaml())).not.to.have.property('sinks'));
  });

  const errors: [string, unknown, string][] = [
    ['sinks is a mapping', { type: 'sqlite' }, 'pipelines/demo.yaml: sinks must be a list of sinks'],
    ['a sink has no type', [{ options: {} }], 'pipelines/demo.yaml: sinks[0].type is required'],
    [
      'a sink has an unknown key',
      [{ type: 'sqlite', path: 'x.sqlite' }],
      "sinks[0].path is not a known key (known: type, module, options, history); a sink's settings go under options:, e.g. options: { path: ... }",
    ],
    ['options is not a mapping', [{ type: 'sqlite', options: 'x' }], 'sinks[0].options must be a mapping'],
    ['history is not true or false', [{ type: 'sqlite', history: 'yes' }], 'pipelines/demo.yaml: sinks[0].history must be true or false, got string "yes"'],
  ];
  for (const [when, sinks, message] of errors) {
    describe(`when ${when}`, () => {
      it('should refuse the definition naming the key', () => {
        const err = thrown(() => parse(demoYaml({ sinks })));
        expect(err.code).to.equal('DEFINITION_INVALID');
        expect(err.message).to.contain(message);
      });
    });
  }
});
