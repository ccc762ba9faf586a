import { expect } from 'chai';
import { csv, demoYaml, TestWorkspace } from '../helpers/workspace.js';

const ROWS = csv([
  ['id', 'description', 'timestamp'],
  ['1', 'one', '2021-01-01'],
  ['2', 'two', '2021-01-02'],
]);

describe('failures around the commit point (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
    ws.drop('a.csv', ROWS);
  });
  afterEach(() => ws.remove());

  describe('when output.path names a folder', () => {
    for (const path of ['output', 'output/']) {
      it(`should refuse "${path}" at load with DEFINITION_INVALID, committing nothing`, () => {
        ws.write('output/.keep', '');
        ws.writeDefinition('demo', demoYaml({ output: { path } }));
        const r = ws.cli('run', 'demo');
        expect(r.code).to.equal(2);
        expect(r.stderr.trim()).to.match(
          /^error\[DEFINITION_INVALID\]: pipelines\/demo\.yaml: output\.path "output\/?" is a folder; name the file latest\.csv is written to, e.g\. output\/latest\.csv$/,
        );
        expect(ws.files('snapshots/demo/manifests')).to.deep.equal([]);
        expect(ws.files('input/processing')).to.deep.equal(['a.csv']);
      });
    }
  });

  describe('when a step after the commit point fails', () => {
    /** A plug-in hook that makes latest.csv's path a folder once the run holds the lock (after the load checks). */
    const FOLDER_AT_LATEST = `
import { mkdirSync } from 'node:fs';
import { ContainerModule, TOKENS } from 'dropline';
export default new ContainerModule(({ bind }) => {
  bind(TOKENS.BeforeRunHook).toConstantValue({ beforeRun: () => mkdirSync(new URL('./output/latest.csv/', import.meta.url), { recursive: true }) });
});
`;
    it('should exit 5 with the error code and say the snapshot is committed and what to run next', () => {
      ws.write('dropline.plugins.mjs', FOLDER_AT_LATEST);
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(5);
      const [id] = ws.files('snapshots/demo/manifests').map((f) => f.replace(/\.json$/, ''));
      expect(id).to.match(/^\d{8}T\d{9}Z$/);
      expect(r.stderr.trim()).to.match(
        new RegExp(
          `^error\\[NOT_WRITABLE\\]: cannot write in ${ws.path('output')}: a folder stands where a file should be \\(EISDIR\\); move that folder away, or choose another file name; the snapshot ${id} of pipeline demo is committed, but the command did not finish; fix the cause and run: dropline run demo`,
        ),
      );
    });

    it('should exit 5 when an afterCommit hook fails', () => {
      ws.write(
        'dropline.plugins.mjs',
        `
import { ContainerModule, TOKENS } from 'dropline';
export default new ContainerModule(({ bind }) => {
  bind(TOKENS.AfterCommitHook).toConstantValue({ afterCommit: () => { throw new Error('hook broke'); } });
});
`,
      );
      const r = ws.cli('run', 'demo');
      expect(r.code).to.equal(5);
      expect(r.stderr).to.match(/^error\[INTERNAL\]: hook broke; the snapshot \d{8}T\d{9}Z of pipeline demo is committed/);
      expect(ws.latest()).to.have.length(2);
      expect(ws.files('input/processed')).to.deep.equal(['a.csv']);
    });
  });
});
