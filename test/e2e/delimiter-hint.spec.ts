import { expect } from 'chai';
import { demoYaml, TestWorkspace } from '../helpers/workspace.js';

/** The demo definition with these source settings over its own. */
const source = (settings: Record<string, unknown>): Record<string, unknown> => demoYaml({ source: settings });

describe('a header split with another delimiter (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  const cases: [string, string, string][] = [
    [',', 'id;description;timestamp\nk1;one;2021-01-01\n', ';'],
    [',', 'id\tdescription\ttimestamp\nk1\tone\t2021-01-01\n', '\\t'],
    [';', 'id,description,timestamp\nk1,one,2021-01-01\n', ','],
  ];
  for (const [declared, text, looks] of cases) {
    describe(`when the pipeline says "${declared}" and the header looks "${looks}"-delimited`, () => {
      it('should quarantine it with MISSING_COLUMN, naming the delimiter the header looks like and how to set it', () => {
        ws.writeDefinition('demo', source({ delimiter: declared }));
        ws.drop('f.csv', text);
        const { code, summary } = ws.run();
        expect(code).to.equal(3);
        const found = JSON.stringify(text.split('\n')[0]);
        expect(summary.quarantined).to.deep.equal([
          {
            file: 'f.csv',
            code: 'MISSING_COLUMN',
            message: `required columns "id", "timestamp" not found in the header (found: ${found}); the header looks "${looks}"-delimited but source.delimiter is "${declared}": set source.delimiter: "${looks}" (or auto)`,
          },
        ]);
      });
    });
  }

  describe('when the header is split right but lacks a column', () => {
    it('should give the plain MISSING_COLUMN message, without a delimiter hint', () => {
      ws.drop('f.csv', 'id,description\nk1,one\n');
      expect(ws.run().summary.quarantined.map((q) => q.message)).to.deep.equal([
        'required column "timestamp" not found in the header (found: "id", "description"); add it, or list the client\'s name under aliases',
      ]);
    });
  });

  describe('when validate meets such a file', () => {
    it('should show the same hint', () => {
      ws.drop('f.csv', 'id;description;timestamp\nk1;one;2021-01-01\n');
      const r = ws.cli('validate', 'demo');
      expect(r.code).to.equal(3);
      expect(r.stdout).to.contain('the header looks ";"-delimited but source.delimiter is ",": set source.delimiter: ";" (or auto)');
    });
  });
});
