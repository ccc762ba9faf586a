import { expect } from 'chai';
import { ruleProblems } from '../../../src/definition/ruleProblems.js';
import { demoYaml } from '../../helpers/workspace.js';

const keys = (doc: unknown): (string | undefined)[] => ruleProblems(doc, 'pipelines/demo.yaml').map((p) => p.context.key);

describe('ruleProblems', () => {
  describe('when a definition breaks the rules in several places', () => {
    it('should name each place, in the order of the rules', () => {
      const doc = {
        ...demoYaml({
          source: { delimter: ';' },
          schema: { columns: { id: 'strng', timestamp: { type: 'date', requird: true } } },
          validation: { badRows: 'drop', headers: { threshold: 2 } },
          snapshots: { keep: 0 },
          sinks: [{ type: 'sqlite', table: 'x' }, { options: {} }],
        }),
        descripton: 'x',
      };
      expect(keys(doc)).to.deep.equal([
        'descripton',
        'source.delimter',
        'schema.columns.id.type',
        'schema.columns.timestamp.requird',
        'snapshots.keep',
        'validation.headers.threshold',
        'validation.badRows',
        'sinks[0].table',
        'sinks[1].type',
      ]);
    });

    it('should word each problem as the loader does', () => {
      const [problem] = ruleProblems(demoYaml({ sinks: [{ type: 'sqlite', table: 'x' }] }), 'pipelines/demo.yaml');
      expect(problem!.code).to.equal('DEFINITION_INVALID');
      expect(problem!.message).to.equal(
        "pipelines/demo.yaml: sinks[0].table is not a known key (known: type, module, options, history); a sink's settings go under options:, e.g. options: { table: ... }",
      );
    });
  });

  describe('when required sections are missing', () => {
    it('should name each of them', () => {
      expect(keys({ name: 'demo' })).to.deep.equal(['source', 'schema', 'output']);
    });
  });

  describe('when a definition keeps to the rules', () => {
    it('should find nothing, leaving what relates keys to each other to the loader', () => {
      expect(keys(demoYaml())).to.deep.equal([]);
      expect(keys(demoYaml({ schema: { key: 'not-a-column' } }))).to.deep.equal([]);
    });
  });
});
