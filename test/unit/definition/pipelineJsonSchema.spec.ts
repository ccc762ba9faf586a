import { expect } from 'chai';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { DefinitionLoader } from '../../../src/definition/DefinitionLoader.js';
import { pipelineJsonSchema } from '../../../src/definition/toJsonSchema.js';
import { Workspace } from '../../../src/workspace/Workspace.js';
import { demoYaml, REPO_ROOT, TestWorkspace } from '../../helpers/workspace.js';

type Doc = Record<string, unknown>;

const schema = pipelineJsonSchema();
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);

/** demoYaml without a source/schema/... section, for files that take it from a base. */
function without(doc: Doc, ...keys: string[]): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !keys.includes(k)));
}

/** Whether the real loader (YAML, extends, variables, parseDefinition) accepts `doc` as pipelines/demo.yaml, with `base` as pipelines/base.yaml. */
async function loaderAccepts(doc: Doc, base?: Doc): Promise<boolean> {
  const ws = new TestWorkspace({ demo: doc, ...(base ? { base } : {}) });
  try {
    await new DefinitionLoader(new Workspace(ws.root), {}).load('demo');
    return true;
  } catch {
    return false;
  } finally {
    ws.remove();
  }
}

const columns = (demoYaml().schema as Doc).columns as Doc;

/** [what, the file, the base it extends (if any), whether it is valid]: the schema and the loader must agree. */
const AGREE: [string, Doc, Doc | undefined, boolean][] = [
  ['the demo definition', demoYaml(), undefined, true],
  ['columns written as their type alone', demoYaml({ schema: { columns: { id: 'string', description: 'string', timestamp: 'date' } } }), undefined, true],
  ['a composite key', demoYaml({ schema: { key: ['id', 'description'] } }), undefined, true],
  ['no name (the file name is used)', without(demoYaml(), 'name'), undefined, true],
  ['retention and sinks with options', demoYaml({ snapshots: { keep: 3, maxAge: '30d' }, sinks: [{ type: 'sqlite', options: { table: 't' } }] }), undefined, true],
  ['an http source without a path', demoYaml({ source: { type: 'http', path: null, options: { urls: ['http://x/a.csv'] } } }), undefined, true],
  ['keys left empty (null) take their defaults', demoYaml({ description: null, validation: { headers: null, badRows: null } }), undefined, true],
  ['a ${variable} filled from vars:', { ...demoYaml({ name: '${CLIENT}' }), vars: { CLIENT: 'demo' } }, undefined, true],
  ['a file that extends a base holding the required keys', { extends: 'base.yaml', description: 'child' }, { ...without(demoYaml(), 'name'), template: true }, true],
  ['validation settings', demoYaml({ validation: { headers: { threshold: 0.5 }, extraColumns: 'keep', badRows: 'fail', rejects: 'out/r', quarantine: 'in/q' } }), undefined, true],
  [
    'a column with every setting',
    demoYaml({ schema: { columns: { ...columns, amount: { type: 'number', required: false, faker: 'finance.amount', aliases: ['amt'], thousands: ',' } } } }),
    undefined,
    true,
  ],
  ['how the drop is read', demoYaml({ source: { caseSensitive: true, encoding: 'windows-1252', compression: 'none' } }), undefined, true],
  [
    'alerts by url and by urlEnv',
    demoYaml({
      alerts: [
        { type: 'webhook', url: 'https://x.example/h', retries: 0 },
        { type: 'webhook', urlEnv: 'HOOK' },
      ],
    }),
    undefined,
    true,
  ],
  ['an alert with both url and urlEnv', demoYaml({ alerts: [{ type: 'webhook', url: 'https://x.example/h', urlEnv: 'HOOK' }] }), undefined, false],
  ['an alert with neither url nor urlEnv', demoYaml({ alerts: [{ type: 'webhook' }] }), undefined, false],
  ['an alert of an unknown type', demoYaml({ alerts: [{ type: 'email', urlEnv: 'HOOK' }] }), undefined, false],
  ['an unknown top-level key', { ...demoYaml(), sources: {} }, undefined, false],
  ['an encoding that is not offered', demoYaml({ source: { encoding: 'ebcdic' } }), undefined, false],
  ['caseSensitive: "no"', demoYaml({ source: { caseSensitive: 'no' } }), undefined, false],
  ['a typo in source', demoYaml({ source: { typ: 'directory' } }), undefined, false],
  ['no schema', without(demoYaml(), 'schema'), undefined, false],
  ['no output', without(demoYaml(), 'output'), undefined, false],
  ['a column type that does not exist', demoYaml({ schema: { columns: { ...columns, note: { type: 'text' } } } }), undefined, false],
  ['a column without a type', demoYaml({ schema: { columns: { ...columns, note: { required: true } } } }), undefined, false],
  ['an unknown column setting', demoYaml({ schema: { columns: { ...columns, note: { type: 'string', size: 3 } } } }), undefined, false],
  ['a threshold above 1', demoYaml({ validation: { headers: { threshold: 1.5 } } }), undefined, false],
  ['an extraColumns policy that does not exist', demoYaml({ validation: { extraColumns: 'ignore' } }), undefined, false],
  ['a directory source without a path', demoYaml({ source: { type: 'directory', path: null } }), undefined, false],
  ['a directory source with a blank path', demoYaml({ source: { type: 'directory', path: ' ' } }), undefined, false],
  ['keep: 0', demoYaml({ snapshots: { keep: 0 } }), undefined, false],
  ['keep: 1.5', demoYaml({ snapshots: { keep: 1.5 } }), undefined, false],
  ['maxAge: "30 days"', demoYaml({ snapshots: { maxAge: '30 days' } }), undefined, false],
  ['maxAge: 0d', demoYaml({ snapshots: { maxAge: '0d' } }), undefined, false],
  ['sinks as a mapping', demoYaml({ sinks: { type: 'sqlite' } }), undefined, false],
  ['a sink setting outside options', demoYaml({ sinks: [{ type: 'sqlite', table: 't' }] }), undefined, false],
  ['a sink without a type', demoYaml({ sinks: [{ options: {} }] }), undefined, false],
  ['an empty key list', demoYaml({ schema: { key: [] } }), undefined, false],
  ['no columns', demoYaml({ schema: { columns: {} } }), undefined, false],
  ['a name with a space', demoYaml({ name: 'bad name' }), undefined, false],
  ['a delimiter that is not offered', demoYaml({ source: { delimiter: ':' } }), undefined, false],
  ['required: "yes"', demoYaml({ schema: { columns: { ...columns, note: { type: 'string', required: 'yes' } } } }), undefined, false],
  ['extends: 3', { ...demoYaml(), extends: 3 }, undefined, false],
  ['vars as a list', { ...demoYaml(), vars: ['a'] }, undefined, false],
];

/** What only the loader checks, because it relates keys to each other or runs code: the schema lets these pass. */
const LOADER_ONLY: [string, Doc][] = [
  ['a key that is not a column', demoYaml({ schema: { key: 'nope' } })],
  ['a timestamp column of type string', demoYaml({ schema: { timestamp: 'description' } })],
  ['a lineage column that is already a column', demoYaml({ output: { lineage: 'description' } })],
  ['a date format that does not compile', demoYaml({ schema: { columns: { ...columns, day: { type: 'date', format: 'DD.QQ' } } } })],
  ['an archive that is the drop itself', demoYaml({ source: { archive: 'input/processing' } })],
];

describe('pipelineJsonSchema', () => {
  describe('when a document is checked by the schema and by the loader', () => {
    for (const [what, doc, base, valid] of AGREE) {
      it(`should find ${what} ${valid ? 'valid' : 'invalid'} in both`, async () => {
        expect(validate(doc), `schema on ${stringify(doc)}: ${JSON.stringify(validate.errors)}`).to.equal(valid);
        expect(await loaderAccepts(doc, base), 'loader').to.equal(valid);
      });
    }
  });

  describe('when the problem relates keys to each other', () => {
    for (const [what, doc] of LOADER_ONLY) {
      it(`should leave ${what} to the loader`, async () => {
        expect(validate(doc), JSON.stringify(validate.errors)).to.equal(true);
        expect(await loaderAccepts(doc)).to.equal(false);
      });
    }
  });

  describe('schema/pipeline.schema.json', () => {
    it('should be what the build wrote from the rules, and shipped in the package', () => {
      expect(JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'pipeline.schema.json'), 'utf8'))).to.deep.equal(schema);
      expect((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { files: string[] }).files).to.include('schema');
    });

    it('should describe every key an editor completes', () => {
      const properties = (schema.properties ?? {}) as Record<string, { description?: string }>;
      expect(Object.keys(properties)).to.deep.equal([
        'extends',
        'vars',
        'template',
        'name',
        'description',
        'source',
        'schema',
        'output',
        'snapshots',
        'validation',
        'plugins',
        'sinks',
        'alerts',
        'engine',
        'schedule',
        'expect',
      ]);
      for (const [key, p] of Object.entries(properties)) expect(p.description, key).to.be.a('string').and.not.equal('');
    });
  });
});
