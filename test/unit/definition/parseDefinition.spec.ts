import { expect } from 'chai';
import { parseDefinition } from '../../../src/definition/parseDefinition.js';
import { DroplineError } from '../../../src/errors/DroplineError.js';
import { demoYaml } from '../../helpers/workspace.js';

function parse(doc: unknown) {
  return parseDefinition(doc, 'pipelines/demo.yaml', '/ws/pipelines/demo.yaml');
}

/** The DroplineError a call throws (fails the test if it does not throw one). */
function thrown(fn: () => unknown): DroplineError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(DroplineError);
    return err as DroplineError;
  }
  expect.fail('expected a DroplineError');
}

function withSchema(change: (schema: Record<string, unknown>) => void): Record<string, unknown> {
  const doc = demoYaml();
  change(doc.schema as Record<string, unknown>);
  return doc;
}

describe('parseDefinition', () => {
  describe('when the definition is the documented demo', () => {
    it('should fill the defaults', () => {
      const d = parse(demoYaml());
      expect(d.schema.key).to.deep.equal(['id']);
      expect(d.schema.columns.map((c) => [c.name, c.type, c.required])).to.deep.equal([
        ['id', 'string', true],
        ['description', 'string', false],
        ['timestamp', 'date', true],
      ]);
      expect(d.source).to.deep.include({ delimiter: ',', pattern: '*.csv', caseSensitive: false, encoding: 'utf-8', compression: 'auto' });
      expect(d.validation).to.deep.equal({ headerThreshold: 0.8, extraColumns: 'drop', badRows: 'reject', rejects: 'output/rejects', quarantine: 'input/quarantine' });
    });

    it('should leave source.settle off unless it is set', () => {
      expect(parse(demoYaml()).source).not.to.have.property('settleMs');
    });

    it('should read source.settle as a duration, seconds included', () => {
      expect(parse(demoYaml({ source: { settle: '30s' } })).source).to.deep.include({ settle: '30s', settleMs: 30_000 });
    });

    it('should read source.retain as durations', () => {
      const d = parse(demoYaml({ source: { retain: { compress: '7d', delete: '52w' } } }));
      expect(d.source.retain).to.deep.equal({ compress: '7d', compressMs: 7 * 86_400_000, delete: '52w', deleteMs: 52 * 604_800_000 });
    });

    it('should leave source.retain out unless it is set', () => {
      expect(parse(demoYaml()).source).not.to.have.property('retain');
    });

    it('should accept a list of names as a composite key', () => {
      const d = parse(withSchema((s) => (s.key = ['id', 'description'])));
      expect(d.schema.key).to.deep.equal(['id', 'description']);
    });
  });

  const errors: [string, () => unknown, string][] = [
    ['an unknown top-level key', () => ({ ...demoYaml(), sauce: 1 }), 'pipelines/demo.yaml: sauce is not a known key; did you mean "source"?'],
    [
      'a missing schema',
      () => {
        const d = demoYaml();
        delete d.schema;
        return d;
      },
      'pipelines/demo.yaml: schema is required',
    ],
    ['a key that is not a column', () => withSchema((s) => (s.key = 'uuid')), 'schema.key names "uuid", which is not in schema.columns (columns: id, description, timestamp)'],
    [
      'a string timestamp',
      () => withSchema((s) => ((s.columns as Record<string, unknown>).timestamp = { type: 'string' })),
      'a timestamp must be one of date, datetime, integer, number',
    ],
    ['a threshold above 1', () => demoYaml({ validation: { headers: { threshold: 2 } } }), 'validation.headers.threshold must be a number from 0 to 1, got number 2'],
    [
      'an unknown extraColumns policy',
      () => demoYaml({ validation: { extraColumns: 'ignore' } }),
      'validation.extraColumns "ignore" is not allowed (allowed: drop, keep, quarantine)',
    ],
    ['a lineage column that clashes with the schema', () => demoYaml({ output: { path: 'o.csv', lineage: 'id' } }), 'output.lineage "id" is already a schema column'],
    [
      'an unknown timezone',
      () => withSchema((s) => ((s.columns as Record<string, unknown>).timestamp = { type: 'datetime', timezone: 'Mars/Olympus' })),
      'schema.columns.timestamp.timezone "Mars/Olympus" cannot be used',
    ],
    [
      'a date format without a day',
      () => withSchema((s) => ((s.columns as Record<string, unknown>).timestamp = { type: 'date', format: 'YY-MM' })),
      'schema.columns.timestamp.format "YY-MM" cannot be used',
    ],
    ['an archive that is the drop folder', () => demoYaml({ source: { type: 'directory', path: 'in', archive: './in' } }), 'source.archive "./in" is the drop folder itself'],
    ['a maxAge that is not a duration', () => demoYaml({ snapshots: { maxAge: 'a month' } }), 'snapshots.maxAge "a month" is not a duration'],
    [
      'a pattern picomatch cannot compile',
      () => demoYaml({ source: { type: 'directory', path: 'in', pattern: '[a-' } }),
      'pipelines/demo.yaml: source.pattern "[a-" is not a valid pattern: missing closing "]"',
    ],
    [
      'a caseSensitive that is not a boolean',
      () => demoYaml({ source: { type: 'directory', path: 'in', caseSensitive: 'yes' } }),
      'source.caseSensitive must be true or false, got string "yes"',
    ],
    [
      'an unknown encoding',
      () => demoYaml({ source: { type: 'directory', path: 'in', encoding: 'utf8' } }),
      'source.encoding "utf8" is not allowed; did you mean "utf-8"? (allowed: utf-8, utf-16le, utf-16be, windows-1252, latin1, auto)',
    ],
    ['an unknown compression', () => demoYaml({ source: { type: 'directory', path: 'in', compression: 'zip' } }), 'source.compression "zip" is not allowed (allowed: auto, none)'],
    [
      'a settle that is not a duration',
      () => demoYaml({ source: { settle: 'soon' } }),
      'source.settle "soon" is not a duration; write a whole number and a unit, e.g. 30s, 5m or 1h',
    ],
    ['a retain that is not a duration', () => demoYaml({ source: { retain: { compress: 'weekly' } } }), 'source.retain.compress "weekly" is not a duration'],
    ['an unknown key under retain', () => demoYaml({ source: { retain: { remove: '1d' } } }), 'source.retain.remove is not a known key'],
    [
      'a retain on a source with no archive of its own',
      () => demoYaml({ source: { type: 'http', retain: { delete: '365d' } } }),
      'source.retain applies to the archive of a directory source; source.type is "http"',
    ],
    ['a document that is not a mapping', () => 'just text', 'pipelines/demo.yaml: must be a mapping'],
  ];
  for (const [when, doc, message] of errors) {
    describe(`when it has ${when}`, () => {
      it('should refuse it with DEFINITION_INVALID naming the file, the key and what is allowed', () => {
        const err = thrown(() => parse(doc()));
        expect(err.code).to.equal('DEFINITION_INVALID');
        expect(err.message).to.contain(message);
      });
    });
  }
});
