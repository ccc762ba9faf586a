import { expect } from 'chai';
import { expectCliError } from '../helpers/expectError.js';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

const SINK_TYPO = 'pipelines/shop.yaml: sinks[0].type "sqllite" is not known; did you mean "sqlite"? (known: postgres, sqlite; or name your own class with sinks[0].module)';
const PASSWORD =
  'pipelines/shop.yaml: sinks[1].options.url holds a password written in the definition file; keep secrets out of it: leave url out and set DATABASE_URL in the environment (or with --set), which the sink reads (urlEnv)';
const OPTION_TYPO = 'pipelines/shop.yaml: sinks[2].options.tabel is not an option of this type; did you mean "table"? (options: path, table)';

/** The demo definition for pipeline `name`, with its own drop, archive and output so that it shares no folder with demo. */
function own(name: string, overrides: Record<string, Record<string, unknown> | unknown> = {}): Record<string, unknown> {
  const { source = {}, output = {}, ...rest } = overrides as { source?: Record<string, unknown>; output?: Record<string, unknown> };
  return demoYaml({
    name,
    source: { path: `input/${name}`, archive: `input/${name}-processed`, ...source },
    output: { path: `output/${name}/latest.csv`, ...output },
    ...rest,
  });
}

/** A pipeline whose three sinks each have a problem only building them finds: a type typo, a password in the file, an option typo. */
function shop(): Record<string, unknown> {
  return own('shop', {
    sinks: [{ type: 'sqllite' }, { type: 'postgres', options: { url: 'postgres://app:s3cret@127.0.0.1:5432/dw' } }, { type: 'sqlite', options: { tabel: 'x' } }],
  });
}

describe('dropline check (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => (ws = new TestWorkspace()));
  afterEach(() => ws.remove());

  it('should exit 0 and say so when every pipeline loads cleanly', () => {
    ws.writeDefinition('other', own('other', { sinks: [{ type: 'sqlite' }] }));
    const r = ws.cli('check');
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.equal('ok      demo (pipelines/demo.yaml)\nok      other (pipelines/other.yaml)\nall 2 pipeline(s) load cleanly\n');
  });

  it('should name every problem of every pipeline, one line each, and exit 2', () => {
    ws.writeDefinition('shop', shop());
    ws.writeDefinition('broken', own('broken', { source: { type: 'directroy' }, output: { path: '../elsewhere/latest.csv' } }));
    const r = ws.cli('check');
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stdout.split('\n')).to.deep.equal([
      'FAILED  broken (pipelines/broken.yaml): 2 problems',
      '  error[DEFINITION_INVALID]: pipelines/broken.yaml: source.type "directroy" is not known; did you mean "directory"? (known: directory, http, xlsx; or name your own class with source.module)',
      `  error[DEFINITION_INVALID]: pipelines/broken.yaml: output.path "../elsewhere/latest.csv" points outside the workspace ${ws.root}; use a path inside it`,
      'ok      demo (pipelines/demo.yaml)',
      'FAILED  shop (pipelines/shop.yaml): 3 problems',
      `  error[DEFINITION_INVALID]: ${SINK_TYPO}`,
      `  error[DEFINITION_INVALID]: ${PASSWORD}`,
      `  error[DEFINITION_INVALID]: ${OPTION_TYPO}`,
      '2 of 3 pipeline(s) have problems; fix them before running',
      '',
    ]);
    expect(r.stdout).not.to.contain('s3cret');
  });

  it('should name every place one definition breaks the rules, the error a run would meet first', () => {
    ws.writeDefinition('demo', { ...demoYaml({ source: { delimter: ';' }, validation: { badRows: 'drop' } }), descripton: 'x' });
    const r = ws.cli('check');
    expect(r.code, r.stderr).to.equal(2);
    const run = ws.cli('run', 'demo');
    expect(r.stdout.split('\n').slice(0, 5)).to.deep.equal([
      'FAILED  demo (pipelines/demo.yaml): 3 problems',
      `  ${run.stderr.trim()}`,
      '  error[DEFINITION_INVALID]: pipelines/demo.yaml: source.delimter is not a known key; did you mean "delimiter"? (known: type, path, pattern, caseSensitive, archive, delimiter, encoding, compression, parser, options, module, settle, retain)',
      '  error[DEFINITION_INVALID]: pipelines/demo.yaml: validation.badRows "drop" is not allowed (allowed: reject, fail)',
      '1 of 1 pipeline(s) have problems; fix them before running',
    ]);
    expect(run.stderr.trim()).to.equal(
      'error[DEFINITION_INVALID]: pipelines/demo.yaml: descripton is not a known key; did you mean "description"? (known: name, description, source, schema, output, snapshots, validation, plugins, sinks, alerts, engine, schedule, expect)',
    );
  });

  it('should name a sink asked for a history it cannot keep', () => {
    ws.write('sinks/note-sink.mjs', "import { BaseSink } from 'dropline-cli';\nexport default class NoteSink extends BaseSink { async write() {} }\n");
    const columns = { id: { type: 'string', required: true }, valid_from: 'string', timestamp: { type: 'date', required: true } };
    const sinks = [
      { type: 'note', module: 'sinks/note-sink.mjs', history: true },
      { type: 'sqlite', history: true },
      { type: 'sqlite', history: 'yes' },
    ];
    ws.writeDefinition('shop', own('shop', { schema: { columns }, sinks }));
    const r = ws.cli('check');
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stdout.split('\n').filter((l) => l.includes('shop'))).to.deep.equal([
      'FAILED  shop (pipelines/shop.yaml): 1 problem',
      '  error[DEFINITION_INVALID]: pipelines/shop.yaml: sinks[2].history must be true or false, got string "yes"',
    ]);
    ws.writeDefinition('shop', own('shop', { schema: { columns }, sinks: sinks.slice(0, 2) }));
    expect(
      ws
        .cli('check')
        .stdout.split('\n')
        .filter((l) => l.includes('shop')),
    ).to.deep.equal([
      'FAILED  shop (pipelines/shop.yaml): 2 problems',
      '  error[DEFINITION_INVALID]: pipelines/shop.yaml: sinks[0].history is true, but a sink of type note keeps no history (sqlite and postgres do); leave history out',
      '  error[DEFINITION_INVALID]: pipelines/shop.yaml: sinks[1].history is true, but the table has a column named valid_from, which the history table adds itself; rename that column or leave history out',
    ]);
  });

  it('should print {"pipelines": [...]} with --json', () => {
    ws.writeDefinition('shop', shop());
    ws.writeDefinition('unparsable', 'name: [\n');
    const r = ws.cli('check', '--json');
    expect(r.code, r.stderr).to.equal(2);
    const problems = (messages: string[]) => messages.map((message) => ({ code: 'DEFINITION_INVALID', message }));
    expect(JSON.parse(r.stdout)).to.deep.equal({
      pipelines: [
        { name: 'demo', file: 'pipelines/demo.yaml', ok: true, problems: [] },
        { name: 'shop', file: 'pipelines/shop.yaml', ok: false, problems: problems([SINK_TYPO, PASSWORD, OPTION_TYPO]) },
        {
          name: 'unparsable',
          file: 'pipelines/unparsable.yaml',
          ok: false,
          problems: [{ code: 'DEFINITION_INVALID', message: JSON.parse(r.stdout).pipelines[2].problems[0].message }],
        },
      ],
    });
    expect(JSON.parse(r.stdout).pipelines[2].problems[0].message).to.match(/^pipelines\/unparsable\.yaml:2: not valid YAML: /);
  });

  it('should report a plug-in the definition lists that does not load, and still check the others', () => {
    ws.writeDefinition('plugged', own('plugged', { plugins: ['plugins/missing.mjs'] }));
    const r = ws.cli('check', '--json');
    expect(r.code, r.stderr).to.equal(2);
    const plugged = (JSON.parse(r.stdout) as { pipelines: { name: string; problems: unknown[] }[] }).pipelines;
    expect(plugged.map((p) => p.name)).to.deep.equal(['demo', 'plugged']);
    expect(plugged[1]!.problems).to.deep.equal([
      { code: 'PLUGIN_INVALID', message: `pipelines/plugged.yaml: plugins "plugins/missing.mjs" does not exist (looked for ${ws.path('plugins', 'missing.mjs')})` },
    ]);
  });

  it('should name pipelines that share a folder, as commands that change things refuse them', () => {
    ws.writeDefinition('twin', demoYaml({ name: 'twin' }));
    const r = ws.cli('check', '--json');
    expect(r.code, r.stderr).to.equal(2);
    const [demo, twin] = (JSON.parse(r.stdout) as { pipelines: { problems: { code: string; message: string }[] }[] }).pipelines;
    expect(demo!.problems).to.have.length(1);
    expect(demo!.problems[0]!.message).to.match(/^pipelines\/demo\.yaml: output\.path "output\/latest\.csv" is also the output\.path of pipelines\/twin\.yaml/);
    expect(twin!.problems[0]!.message).to.match(/^pipelines\/twin\.yaml: output\.path "output\/latest\.csv" is also the output\.path of pipelines\/demo\.yaml/);
  });

  it('should leave templates out: they are checked through the pipelines that extend them', () => {
    ws.writeDefinition('base', 'template: true\nsource: { type: directroy }\n');
    const r = ws.cli('check');
    expect(r.code, r.stdout).to.equal(0);
    expect(r.stdout).not.to.contain('base');
  });

  it('should connect to nothing and write nothing', () => {
    ws.writeDefinition('shop', own('shop', { sinks: [{ type: 'sqlite' }] }));
    ws.drop(
      'a.csv',
      csv([
        ['id', 'description', 'timestamp'],
        ['a', 'x', '2021-01-01'],
      ]),
    );
    expect(ws.cli('check').code).to.equal(0);
    expect(ws.files('.')).to.deep.equal(['input', 'pipelines']);
    expect(ws.files('input/processing')).to.deep.equal(['a.csv']);
  });
});

describe('dropline validate checks sinks (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => (ws = new TestWorkspace({ shop: shop() })));
  afterEach(() => ws.remove());

  it('should refuse a sink typo, as run does, naming it', () => {
    expectCliError(ws.cli('validate', 'shop'), { code: 'DEFINITION_INVALID', message: SINK_TYPO, exit: 2 });
  });

  it('should refuse a password written in the file', () => {
    ws.writeDefinition('shop', own('shop', { sinks: [{ type: 'sqlite' }, { type: 'postgres', options: { url: 'postgres://app:s3cret@127.0.0.1:5432/dw' } }] }));
    expectCliError(ws.cli('validate', 'shop'), { code: 'DEFINITION_INVALID', message: PASSWORD, exit: 2 });
  });
});
