import { expect } from 'chai';
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
