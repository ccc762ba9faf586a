import { expect } from 'chai';
import { mkdirSync, realpathSync } from 'node:fs';
import { makeTempDir } from '../helpers/tmp.js';
import { TestWorkspace } from '../helpers/workspace.js';

describe('workspace discovery (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace();
  });
  afterEach(() => ws.remove());

  describe('when run from a subdirectory of a workspace', () => {
    it('should find the pipelines of the nearest folder above holding pipelines/', () => {
      mkdirSync(ws.path('input', 'processing'), { recursive: true });
      const r = ws.cliWith({ cwd: ws.path('input', 'processing') }, 'list', '--json');
      expect(r.code, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout)).to.deep.equal([{ name: 'demo', description: 'test pipeline' }]);
    });

    it("should resolve the definition's paths against that folder, not the current directory", () => {
      mkdirSync(ws.path('output'), { recursive: true });
      ws.cliWith({ cwd: ws.path('output') }, 'generate', 'demo', '--rows', '20', '--files', '2', '--ids', '5', '--seed', '1');
      const r = ws.cliWith({ cwd: ws.path('output') }, 'run', 'demo', '--json');
      expect(r.code, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout)).to.deep.include({ latest: { rows: 5, inserted: 5, updated: 0, path: 'output/latest.csv' } });
      expect(ws.latest()).to.have.length(5);
      expect(ws.files('input/processed')).to.have.length(2);
    });

    it('should take the nearest workspace when one is nested in another', () => {
      mkdirSync(ws.path('nested', 'pipelines'), { recursive: true });
      mkdirSync(ws.path('nested', 'deeper'), { recursive: true });
      const r = ws.cliWith({ cwd: ws.path('nested', 'deeper') }, 'list', '--json');
      expect(r.code, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout)).to.deep.equal([]);
    });
  });

  describe('when no folder above holds pipelines/', () => {
    let empty: { dir: string; remove: () => void };
    beforeEach(() => {
      empty = makeTempDir('dropline-nows-');
    });
    afterEach(() => empty.remove());

    it('should fail list with WORKSPACE_NOT_FOUND (exit 2), saying to run init or pass --root', () => {
      const r = ws.cliWith({ cwd: empty.dir }, 'list');
      expect(r.code).to.equal(2);
      expect(r.stdout).to.equal('');
      expect(r.stderr).to.equal(
        `error[WORKSPACE_NOT_FOUND]: no dropline workspace here: neither ${realpathSync(empty.dir)} nor any folder above it holds pipelines/; create one with: dropline init, or name one with --root <dir>\n`,
      );
    });

    for (const args of [
      ['run', 'demo'],
      ['generate', 'demo'],
      ['snapshots', 'demo'],
      ['serve', '--port', '0'],
    ]) {
      it(`should fail ${args[0]} the same way`, () => {
        const r = ws.cliWith({ cwd: empty.dir }, ...args);
        expect(r.code).to.equal(2);
        expect(r.stderr).to.match(/^error\[WORKSPACE_NOT_FOUND\]: /);
      });
    }

    it('should still let init make a workspace in the current directory', () => {
      const r = ws.cliWith({ cwd: empty.dir }, 'init');
      expect(r.code, r.stderr).to.equal(0);
      const listed = ws.cliWith({ cwd: empty.dir }, 'list', '--json');
      expect(JSON.parse(listed.stdout).map((p: { name: string }) => p.name)).to.include('example');
    });

    it('should not look further when --root is given', () => {
      const r = ws.cliWith({ cwd: ws.path('pipelines') }, 'list', '--json', '--root', empty.dir);
      expect(r.code, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout)).to.deep.equal([]);
    });
  });
});
