import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeTempDir } from '../helpers/tmp.js';
import { csv, demoYaml, REPO_ROOT, TestWorkspace } from '../helpers/workspace.js';

/** A definition whose source is a user module. */
function customSource(module: string, options: Record<string, unknown> = {}): Record<string, unknown> {
  return demoYaml({ source: { type: 'mine', module, options } });
}

const RECORDS_SOURCE_JS = `
import { BaseSource } from 'dropline-cli';
export default class RecordsSource extends BaseSource {
  static options = { rows: { type: 'integer', required: true, description: 'how many rows to make' }, label: { type: 'string', default: 'made' } };
  async listInputs() { return [{ name: 'generated-' + this.context.options.rows, location: 'memory' }]; }
  async read() {
    const records = [];
    for (let i = 0; i < this.context.options.rows; i++) records.push({ id: 'k' + i, description: this.context.options.label, timestamp: '2021-01-0' + (1 + (i % 9)) });
    return { kind: 'records', records };
  }
}
`;

describe('extending dropline (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => (ws = new TestWorkspace()));
  afterEach(() => ws.remove());

  describe('init', () => {
    it('should scaffold a workspace whose CSV and custom JSON-lines pipelines run as generated', () => {
      const tmp = makeTempDir();
      try {
        const init = ws.cli('init', tmp.dir);
        expect(init.code, init.stderr).to.equal(0);
        const other = new TestWorkspace({});
        const run = (pipeline: string) => other.cli('run', pipeline, '--json', '--root', tmp.dir);
        const events = run('events');
        expect(events.code, events.stderr).to.equal(0);
        expect(JSON.parse(events.stdout)).to.deep.include({
          snapshot: JSON.parse(events.stdout).snapshot,
          files: { processed: 2, quarantined: 0, skipped: 0, waiting: [], ignored: [] },
        });
        const latest = other.cli('show', 'events', 'latest', '--root', tmp.dir);
        expect(JSON.parse(latest.stdout).latest.rows).to.equal(3);
        expect(run('example').code).to.equal(0);
        other.remove();
      } finally {
        tmp.remove();
      }
    });

    it('should write a package.json that depends on dropline-cli, and say to install it so npx dropline runs it', () => {
      const tmp = makeTempDir();
      try {
        const init = ws.cli('init', tmp.dir);
        expect(init.code, init.stderr).to.equal(0);
        const own = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
        expect(JSON.parse(readFileSync(join(tmp.dir, 'package.json'), 'utf8'))).to.deep.include({ type: 'module', dependencies: { 'dropline-cli': `^${own.version}` } });
        expect(init.stdout).to.contain(`npm install dropline-cli --prefix ${tmp.dir}`);
      } finally {
        tmp.remove();
      }
    });

    it('should never overwrite a file that is already there', () => {
      ws.write('pipelines/example.yaml', 'mine\n');
      const r = ws.cli('init', ws.root);
      expect(r.stdout).to.contain('kept: pipelines/example.yaml');
      expect(ws.read('pipelines/example.yaml')).to.equal('mine\n');
    });
  });

  describe('a source class in a user module', () => {
    it('should load a .mjs module, inject its validated options and merge what it reads', () => {
      ws.write('sources/records.mjs', RECORDS_SOURCE_JS);
      ws.writeDefinition('demo', customSource('sources/records.mjs', { rows: 12 }));
      const { code, summary } = ws.run();
      expect(code).to.equal(0);
      expect(summary.rows.read).to.equal(12);
      expect(ws.latest()).to.have.length(12);
      expect(ws.latest()[0]).to.deep.include({ description: 'made', source_filename: 'generated-12' });
    });

    it('should still resolve imports of "dropline", the package\'s former name', () => {
      ws.write('sources/records.mjs', RECORDS_SOURCE_JS.replace("from 'dropline-cli'", "from 'dropline'"));
      ws.writeDefinition('demo', customSource('sources/records.mjs', { rows: 2 }));
      const { code, stderr } = ws.run();
      expect(code, stderr).to.equal(0);
      expect(ws.latest()).to.have.length(2);
    });

    it('should load a .ts module without a build step', () => {
      ws.write('package.json', '{ "type": "module" }');
      ws.write(
        'sources/records.ts',
        RECORDS_SOURCE_JS.replace('static options =', "static override options: import('dropline-cli').OptionsSchema =").replace(
          /async (listInputs|read)\(\)/g,
          'protected async $1(): Promise<any>',
        ),
      );
      ws.writeDefinition('demo', customSource('sources/records.ts', { rows: 3, label: 'typed' }));
      const { code, stderr } = ws.run();
      expect(code, stderr).to.equal(0);
      expect(ws.latest().map((r) => r.description)).to.deep.equal(['typed', 'typed', 'typed']);
    });

    const refusals: [string, () => void, RegExp][] = [
      [
        'a missing required option',
        () => ws.writeDefinition('demo', customSource('sources/records.mjs')),
        /^error\[DEFINITION_INVALID\]: pipelines\/demo\.yaml: source\.options\.rows is required: how many rows to make$/m,
      ],
      [
        'an unknown option',
        () => ws.writeDefinition('demo', customSource('sources/records.mjs', { rows: 1, lable: 'x' })),
        /source\.options\.lable is not an option of this type; did you mean "label"\? \(options: rows, label\)/,
      ],
      ['an option of the wrong type', () => ws.writeDefinition('demo', customSource('sources/records.mjs', { rows: 'ten' })), /source\.options\.rows must be a integer, got "ten"/],
      [
        'a module that does not exist',
        () => ws.writeDefinition('demo', customSource('sources/nope.mjs')),
        /^error\[PLUGIN_INVALID\]: pipelines\/demo\.yaml: source\.module "sources\/nope\.mjs" does not exist/m,
      ],
      [
        'a module that fails to load',
        () => {
          ws.write('sources/broken.mjs', 'export default class {');
          ws.writeDefinition('demo', customSource('sources/broken.mjs'));
        },
        /^error\[PLUGIN_INVALID\]: pipelines\/demo\.yaml: source\.module "sources\/broken\.mjs" failed to load: /m,
      ],
      [
        'a class that is not a Source',
        () => {
          ws.write('sources/notone.mjs', 'export default class NotOne { list() {} }');
          ws.writeDefinition('demo', customSource('sources/notone.mjs'));
        },
        /class NotOne does not implement Source \(missing: open, acknowledge, quarantine\); extend BaseSource from "dropline-cli"/,
      ],
    ];
    for (const [when, arrange, message] of refusals) {
      it(`should refuse ${when} with the file and the reason, exit 2`, () => {
        ws.write('sources/records.mjs', RECORDS_SOURCE_JS);
        arrange();
        const r = ws.cli('run', 'demo');
        expect(r.code).to.equal(2);
        expect(r.stderr).to.match(message);
        expect(r.stderr).not.to.contain('    at ');
      });
    }
  });

  describe('a plug-in module', () => {
    const PLUGIN = `
import { appendFileSync } from 'node:fs';
import { ContainerModule, TOKENS, injectable } from 'dropline-cli';
const log = (line) => appendFileSync(new URL('./hooks.log', import.meta.url), line + '\\n');
class FirstWins {
  begin(definition, previous) {
    const rows = new Map((previous?.rows ?? []).map((r) => [r[0], r]));
    return {
      apply(row, columns, source) { if (!rows.has(row.key)) rows.set(row.key, [...row.values, source]); },
      finish() { return { table: { columns: [...definition.schema.columns.map((c) => c.name), 'source_filename'], rows: [...rows.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1)) }, inserted: rows.size, updated: 0 }; },
    };
  }
}
export default new ContainerModule(({ bind, rebind }) => {
  rebind(TOKENS.Merger).toConstantValue(new FirstWins());
  bind(TOKENS.BeforeRunHook).toConstantValue({ beforeRun: (c) => log('beforeRun ' + c.inputs.join(' ')) });
  bind(TOKENS.AfterFileHook).toConstantValue({ afterFile: (c) => log('afterFile ' + c.file + ' ' + c.outcome + ' ' + c.rows) });
  bind(TOKENS.AfterFileHook).toConstantValue({ afterFile: (c) => log('afterFile(second) ' + c.file) });
  bind(TOKENS.AfterCommitHook).toConstantValue({ afterCommit: (c) => log('afterCommit ' + (c.snapshot ? 'snapshot' : 'none') + ' ' + c.summary.rows.read) });
  bind(TOKENS.OnErrorHook).toConstantValue({ onError: (c) => log('onError ' + c.error.message) });
});
`;
    beforeEach(() => {
      ws.write('dropline.plugins.mjs', PLUGIN);
      ws.drop(
        'a.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['x', 'first', '2021-01-01'],
          ['x', 'newer', '2021-02-01'],
        ]),
      );
      ws.drop(
        'b.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['y', 'only', '2021-01-01'],
        ]),
      );
    });

    it('should replace a stage: the plug-in merger keeps the first row instead of the newest', () => {
      expect(ws.run().code).to.equal(0);
      expect(ws.latest().map((r) => [r.id, r.description])).to.deep.equal([
        ['x', 'first'],
        ['y', 'only'],
      ]);
    });

    it('should fire the lifecycle hooks in order, several bound to one point', () => {
      ws.run();
      expect(ws.read('hooks.log').trim().split('\n')).to.deep.equal([
        'beforeRun a.csv b.csv',
        'afterFile a.csv processed 2',
        'afterFile(second) a.csv',
        'afterFile b.csv processed 1',
        'afterFile(second) b.csv',
        'afterCommit snapshot 3',
      ]);
    });

    it('should call onError hooks when a run fails', () => {
      ws.writeDefinition('demo', demoYaml({ validation: { badRows: 'fail' } }));
      ws.drop('c.csv', 'id,description,timestamp\nz,bad,2021-13-45\n');
      expect(ws.cli('run', 'demo').code).to.equal(1);
      expect(ws.read('hooks.log')).to.match(/^onError .*2021-13-45/m);
    });

    it('should add a source type that definitions name by type', () => {
      ws.write('sources/records.mjs', RECORDS_SOURCE_JS);
      ws.write(
        'dropline.plugins.mjs',
        `import { ContainerModule, TOKENS } from 'dropline-cli';\nimport Records from './sources/records.mjs';\nexport default new ContainerModule(({ bind }) => { bind(TOKENS.SourceType).toConstantValue({ type: 'records', source: Records }); });\n`,
      );
      ws.writeDefinition('demo', demoYaml({ source: { type: 'records', options: { rows: 2 } } }));
      expect(ws.run().summary.rows.read).to.equal(2);
      ws.writeDefinition('demo', demoYaml({ source: { type: 'recrods', options: { rows: 2 } } }));
      expect(ws.cli('run', 'demo').stderr).to.contain('source.type "recrods" is not known; did you mean "records"? (known: directory, http, records, xlsx');
    });
  });

  describe('templated definitions', () => {
    beforeEach(() => {
      const base = demoYaml({ template: true, description: 'client ${CLIENT}', source: { type: 'directory', path: 'input/${CLIENT}', archive: 'input/${CLIENT}-done' } });
      delete base.name;
      ws.writeDefinition('clients/base', base);
      ws.writeDefinition('clients/acme', { extends: 'base.yaml', vars: { CLIENT: 'acme' }, output: { path: 'output/${CLIENT}/latest.csv' } });
    });

    it('should merge the base under the overrides, fill variables and run from the resolved paths', () => {
      ws.write(
        'input/acme/a.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['k', 'v', '2021-01-01'],
        ]),
      );
      const r = ws.cli('run', 'clients/acme', '--json');
      expect(r.code, r.stderr).to.equal(0);
      expect(ws.latest('output/acme/latest.csv')).to.deep.equal([{ id: 'k', description: 'v', timestamp: '2021-01-01', source_filename: 'a.csv' }]);
      expect(ws.files('input/acme-done')).to.deep.equal(['a.csv']);
    });

    it('should let --set beat vars:, in show-definition', () => {
      const shown = (args: string[], env: Record<string, string> = {}) => {
        const r = ws.cli('show-definition', 'clients/acme', ...args, ...Object.entries(env).flatMap(([k, v]) => ['--set', `${k}=${v}`]));
        expect(r.code, r.stderr).to.equal(0);
        return parse(r.stdout) as { name: string; description: string; source: { path: string }; validation: { badRows: string } };
      };
      const plain = shown([]);
      expect(plain).to.deep.include({ name: 'clients/acme', description: 'client acme' });
      expect(plain.source.path).to.equal('input/acme');
      expect(plain.validation.badRows).to.equal('reject');
      expect(shown([], { CLIENT: 'globex' }).source.path).to.equal('input/globex');
    });

    it('should list pipelines but not templates', () => {
      expect(JSON.parse(ws.cli('list', '--json').stdout).map((p: { name: string }) => p.name)).to.deep.equal(['clients/acme', 'demo']);
    });

    it('should name a variable that is not set, and how to set it', () => {
      ws.writeDefinition('clients/nobody', { extends: 'base.yaml' });
      const r = ws.cli('run', 'clients/nobody');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(
        /^error\[DEFINITION_INVALID\]: pipelines\/clients\/nobody\.yaml: description uses \$\{CLIENT\}, which is not set; set it in the environment, under vars:, or with --set CLIENT=value/m,
      );
    });

    it('should refuse an extends cycle, naming the chain', () => {
      writeFileSync(ws.path('pipelines/clients/base.yaml'), 'extends: acme.yaml\n');
      const r = ws.cli('run', 'clients/acme');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain('makes a cycle');
    });

    it('should refuse to run a template', () => {
      const r = ws.cli('run', 'clients/base');
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain('is a template (template: true)');
    });
  });
});

describe('a custom .ts source that meets a bad input (end to end)', () => {
  it('should quarantine that input and merge the rest, as docs/custom-sources.md promises', () => {
    const tmp = makeTempDir();
    const ws = new TestWorkspace({});
    try {
      expect(ws.cli('init', tmp.dir).code).to.equal(0);
      writeFileSync(`${tmp.dir}/input/events/events_2021-03-03.jsonl`, 'not json\n');
      const r = ws.cli('run', 'events', '--json', '--root', tmp.dir);
      expect(r.code, r.stderr).to.equal(3);
      const summary = JSON.parse(r.stdout) as { files: unknown; quarantined: { file: string; code: string }[] };
      expect(summary.files).to.deep.equal({ processed: 2, quarantined: 1, skipped: 0, waiting: [], ignored: [] });
      expect(summary.quarantined[0]).to.deep.include({ file: 'events_2021-03-03.jsonl', code: 'UNREADABLE' });
    } finally {
      ws.remove();
      tmp.remove();
    }
  });
});
