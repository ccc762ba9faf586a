import { expect } from 'chai';
import { expectCliError } from '../helpers/expectError.js';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

const MINE = csv([
  ['id', 'description', 'timestamp'],
  ['mine', 'my row', '2021-01-01'],
]);

describe('dropline init in an existing workspace (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
    ws.drop('mine.csv', MINE);
  });
  afterEach(() => ws.remove());

  it("should leave the existing pipeline's drop alone, so its table holds only its own rows", () => {
    const init = ws.cli('init', ws.root);
    expect(init.code, init.stderr).to.equal(0);
    expect(ws.files('input/processing')).to.deep.equal(['mine.csv']);
    const run = ws.run('demo');
    expect(run.code, run.stderr).to.equal(0);
    expect(ws.latest().map((r) => r.id)).to.deep.equal(['mine']);
  });

  it('should give its example its own folders, and the example should run there', () => {
    expect(ws.cli('init', ws.root).code).to.equal(0);
    const example = ws.run('example');
    expect(example.code, example.stderr).to.equal(0);
    expect(example.summary.files.processed).to.equal(1);
    expect(ws.latest('output/example/latest.csv')).to.have.length(2);
    expect(ws.run('demo').summary.rows.read).to.equal(1);
  });

  it('should skip an example whose folder an existing pipeline uses, and say so', () => {
    ws.writeDefinition('demo', demoYaml({ source: { path: 'input/example' } }));
    ws.write('input/example/mine.csv', MINE);
    const init = ws.cli('init', ws.root);
    expect(init.code, init.stderr).to.equal(0);
    expect(init.stdout).to.match(/skipped the example pipeline example: .*input\/example.*pipelines\/demo\.yaml/);
    expect(ws.files('input/example')).to.deep.equal(['mine.csv']);
    expect(ws.files('pipelines')).to.deep.equal(['demo.yaml', 'events.yaml']);
    expect(ws.run('demo').summary.rows.read).to.equal(1);
  });
});

describe('dropline init --team (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  it('should write dropline.yaml for team mode, name pg and pg-boss in package.json, and say what to do next', () => {
    const init = ws.cli('init', '--team', ws.root);
    expect(init.code, init.stderr).to.equal(0);
    expect(ws.read('dropline.yaml')).to.match(/^catalog:\n {2}type: postgres\n/m);
    const manifest = JSON.parse(ws.read('package.json')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).to.include.members(['dropline-cli', 'pg', 'pg-boss']);
    expect(init.stdout).to.match(/export DROPLINE_CATALOG_URL=postgres:\/\//);
    expect(init.stdout).to.match(/npx dropline worker --root /);
  });

  it('should keep a dropline.yaml already there, and a workspace without catalog: stays embedded', () => {
    ws.write('dropline.yaml', 'alerts: []\n');
    const init = ws.cli('init', '--team', '--json', ws.root);
    expect(init.code, init.stderr).to.equal(0);
    expect((JSON.parse(init.stdout) as { kept: string[] }).kept).to.include('dropline.yaml');
    expect(ws.read('dropline.yaml')).to.equal('alerts: []\n');
    ws.drop('a.csv', 'id,description,timestamp\n1,x,2021-01-01\n');
    expect(ws.run('demo').code).to.equal(0);
    expect(ws.files('snapshots/demo/manifests')).to.have.length(1);
  });

  it('should stop every command of a team workspace with one line naming the variable to set when it is unset', () => {
    expect(ws.cli('init', '--team', ws.root).code).to.equal(0);
    const run = ws.cliWith({ env: { DROPLINE_CATALOG_URL: undefined } }, 'run', 'example');
    expectCliError(run, {
      code: 'CATALOG_UNAVAILABLE',
      exit: 1,
      message: /^dropline\.yaml puts this workspace in team mode, and DROPLINE_CATALOG_URL is not set; export DROPLINE_CATALOG_URL=postgres:\/\//,
    });
    expect(ws.files('input/example'), 'nothing moved').to.have.length(1);
  });

  it('should name the setting of a dropline.yaml that is wrong', () => {
    ws.write('dropline.yaml', 'catalog:\n  type: postgres\n  leaseSeconds: soon\n');
    expectCliError(ws.cli('snapshots', 'demo'), { code: 'DEFINITION_INVALID', exit: 2, message: /^dropline\.yaml: catalog\.leaseSeconds must be a number of seconds/ });
  });
});
