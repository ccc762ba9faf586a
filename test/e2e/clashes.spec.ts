import { expect } from 'chai';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

const ROWS = csv([
  ['id', 'description', 'timestamp'],
  ['1', 'one', '2021-01-01'],
  ['2', 'two', '2021-01-02'],
  ['3', 'three', '2021-01-03'],
]);

describe('pipelines that share folders (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
    ws.drop('a.csv', ROWS);
    expect(ws.cli('run', 'demo').code).to.equal(0);
  });
  afterEach(() => ws.remove());

  describe('when a copy of demo.yaml keeps its output path', () => {
    beforeEach(() => {
      ws.writeDefinition('demo2', demoYaml({ name: 'demo2', source: { path: 'input/processing2' } }));
      ws.write(
        'input/processing2/b.csv',
        csv([
          ['id', 'description', 'timestamp'],
          ['9', 'nine', '2021-01-01'],
        ]),
      );
    });

    it('should refuse to run either one with DEFINITION_INVALID naming both files, changing nothing', () => {
      const before = ws.read('output/latest.csv');
      for (const pipeline of ['demo2', 'demo']) {
        const r = ws.cli('run', pipeline);
        expect(r.code, pipeline).to.equal(2);
        expect(r.stderr.trim()).to.match(
          /^error\[DEFINITION_INVALID\]: pipelines\/demo2?\.yaml: output\.path "output\/latest\.csv" is also the output\.path of pipelines\/demo2?\.yaml/,
        );
        expect(r.stderr).to.contain('pipelines/demo.yaml').and.to.contain('pipelines/demo2.yaml');
        expect(r.stderr).to.match(/and 1 more clash\(es\): source\.archive "input\/processed" is also the source\.archive of/);
      }
      expect(ws.read('output/latest.csv')).to.equal(before);
      expect(ws.latest()).to.have.length(3);
      expect(ws.files('input/processing2')).to.deep.equal(['b.csv']);
      expect(ws.files('snapshots')).to.deep.equal(['demo']);
    });

    it('should show the clash in list', () => {
      const r = ws.cli('list', '--json');
      expect(r.code).to.equal(0);
      const listed = JSON.parse(r.stdout) as { name: string; error?: string }[];
      expect(listed.map((p) => p.name)).to.deep.equal(['demo', 'demo2']);
      for (const p of listed) expect(p).to.have.property('description', 'test pipeline');
      for (const p of listed) expect(p.error).to.match(/^error\[DEFINITION_INVALID\]: .*output\.path "output\/latest\.csv" is also the output\.path of/);
    });

    it('should run both once each has its own output', () => {
      ws.writeDefinition('demo2', demoYaml({ name: 'demo2', source: { path: 'input/processing2', archive: 'input/processed2' }, output: { path: 'output/demo2/latest.csv' } }));
      expect(ws.cli('run', 'demo2').code).to.equal(0);
      expect(ws.latest()).to.have.length(3);
      expect(ws.latest('output/demo2/latest.csv').map((r) => r.id)).to.deep.equal(['9']);
    });
  });

  const clashes: [string, Record<string, unknown>, RegExp][] = [
    [
      'the same drop',
      { source: { path: 'input/processing' }, output: { path: 'output/other.csv' } },
      /source\.path "input\/processing" is also the source\.path of pipelines\/demo\.yaml/,
    ],
    [
      'its drop is the archive of another',
      { source: { path: 'input/processed', archive: 'input/other-done' }, output: { path: 'output/other.csv' } },
      /source\.path "input\/processed" is also the source\.archive of pipelines\/demo\.yaml/,
    ],
    [
      'its output inside the drop of another',
      { source: { path: 'input/other' }, output: { path: 'input/processing/latest.csv' } },
      /output\.path "input\/processing\/latest\.csv" is inside the source\.path of pipelines\/demo\.yaml/,
    ],
    [
      'its rejects inside the drop of another',
      { source: { path: 'input/other' }, output: { path: 'output/other.csv' }, validation: { rejects: 'input/processing/rejects' } },
      /validation\.rejects "input\/processing\/rejects" is inside the source\.path of pipelines\/demo\.yaml/,
    ],
    [
      'the snapshot folder of another',
      { source: { path: 'input/other' }, output: { path: 'output/other.csv' }, snapshots: { path: '.' }, name: 'snapshots/demo' },
      /snapshots\.path "\." makes the snapshot folder snapshots\/demo, which is also the snapshot folder of pipelines\/demo\.yaml/,
    ],
  ];
  for (const [when, overrides, message] of clashes) {
    it(`should refuse a pipeline with ${when}`, () => {
      const name = typeof overrides.name === 'string' ? overrides.name : 'other';
      ws.writeDefinition(name, demoYaml({ ...overrides, name: name.split('/').at(-1) }));
      const r = ws.cli('run', name);
      expect(r.code).to.equal(2);
      expect(r.stderr.trim()).to.match(/^error\[DEFINITION_INVALID\]: /);
      expect(r.stderr).to.match(message);
    });
  }

  it("should refuse a pipeline whose snapshot folder holds another's (clean would remove it)", () => {
    ws.writeDefinition('demo/extra', demoYaml({ name: 'extra', source: { path: 'input/extra' }, output: { path: 'output/extra.csv' } }));
    const r = ws.cli('clean', 'demo', '--yes');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(
      /snapshots\.path "snapshots" makes the snapshot folder snapshots\/demo, which holds the snapshot folder snapshots\/demo\/extra of pipelines\/demo\/extra\.yaml/,
    );
    expect(ws.latest()).to.have.length(3);
  });

  it('should not count a template (template: true) as a pipeline', () => {
    ws.writeDefinition('base', { ...demoYaml(), name: undefined, template: true });
    const r = ws.cli('run', 'demo');
    expect(r.code, r.stderr).to.equal(0);
  });

  it('should let a pipeline keep its archive inside its own drop', () => {
    ws.writeDefinition('demo', demoYaml({ source: { path: 'input/processing', archive: 'input/processing/done' } }));
    ws.drop('b.csv', ROWS);
    const r = ws.cli('run', 'demo', '--accept-paths');
    expect(r.code, r.stderr).to.equal(0);
  });

  // Quarantined files would land back in the drop: each run would read one again and set it aside under a new name.
  it('should refuse a quarantine that is the drop itself', () => {
    ws.writeDefinition('demo', demoYaml({ validation: { quarantine: 'input/processing' } }));
    ws.drop('bad.csv', 'id,description\n1,x\n');
    const r = ws.cli('run', 'demo');
    expect(r.code).to.equal(2);
    expect(r.stderr.trim()).to.match(/^error\[DEFINITION_INVALID\]: pipelines\/demo\.yaml: validation\.quarantine "input\/processing" is the drop/);
    expect(ws.files('input/processing')).to.deep.equal(['bad.csv']);
  });
});
