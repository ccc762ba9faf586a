import { expect } from 'chai';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { csv, TestWorkspace } from '../helpers/workspace.js';

/** The README's clients example: a template and one client that extends it. */
const BASE = `template: true
description: Weekly drop from \${CLIENT}
source: { type: directory, path: "input/\${CLIENT}", archive: "input/\${CLIENT}-done" }
schema:
  key: id
  timestamp: timestamp
  columns:
    id: { type: string, required: true }
    timestamp: { type: date, required: true }
output: { path: "output/\${CLIENT}/latest.csv" }
`;
const ACME = 'extends: base.yaml\nvars: { CLIENT: acme }\n';

describe('variables and recorded paths (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => {
    ws = new TestWorkspace({ 'clients/base': BASE, 'clients/acme': ACME });
    ws.write(
      'input/acme/a.csv',
      csv([
        ['id', 'timestamp'],
        ['a1', '2021-01-01'],
        ['a2', '2021-01-02'],
      ]),
    );
    ws.write(
      'input/other/o.csv',
      csv([
        ['id', 'timestamp'],
        ['OTHER', '2021-01-01'],
      ]),
    );
  });
  afterEach(() => ws.remove());

  const manifests = (): string[] => ws.files('snapshots/clients/acme/manifests');
  const ids = (rows: Record<string, string>[]): string[] => rows.map((r) => r.id!);

  describe('when the environment sets a name the definition sets under vars:', () => {
    it("should use the definition's own value, not the environment's", () => {
      const r = ws.cliWithEnv({ CLIENT: 'other' }, 'run', 'clients/acme');
      expect(r.code, r.stderr).to.equal(0);
      expect(ids(ws.latest('output/acme/latest.csv'))).to.deep.equal(['a1', 'a2']);
      expect(ws.files('output')).to.deep.equal(['acme']);
      expect(ws.files('input/other')).to.deep.equal(['o.csv']);
    });
  });

  describe('when no vars: sets a name', () => {
    it('should fill it from the environment', () => {
      ws.writeDefinition('clients/acme', 'extends: base.yaml\n');
      const r = ws.cliWithEnv({ CLIENT: 'acme' }, 'run', 'clients/acme');
      expect(r.code, r.stderr).to.equal(0);
      expect(ids(ws.latest('output/acme/latest.csv'))).to.deep.equal(['a1', 'a2']);
    });
  });

  describe('when --set changes where an existing history reads and writes', () => {
    beforeEach(() => expect(ws.cli('run', 'clients/acme').code).to.equal(0));

    it('should refuse with PATHS_CHANGED naming the old and new paths, changing nothing', () => {
      const before = ws.read('output/acme/latest.csv');
      const r = ws.cli('run', 'clients/acme', '--set', 'CLIENT=other');
      expect(r.code).to.equal(2);
      expect(r.stderr.trim()).to.match(/^error\[PATHS_CHANGED\]: pipeline clients\/acme: /);
      for (const path of ['input/acme', 'input/other', 'input/acme-done', 'input/other-done', 'output/acme/latest.csv', 'output/other/latest.csv'])
        expect(r.stderr).to.contain(path);
      expect(r.stderr).to.contain('--accept-paths');
      expect(manifests()).to.have.length(1);
      expect(ws.read('output/acme/latest.csv')).to.equal(before);
      expect(ws.files('output/other')).not.to.include('latest.csv');
      expect(ws.files('input/other')).to.deep.equal(['o.csv']);
    });

    it('should run with --accept-paths and record the new paths, so the next run is not refused', () => {
      const r = ws.cli('run', 'clients/acme', '--set', 'CLIENT=other', '--accept-paths');
      expect(r.code, r.stderr).to.equal(0);
      expect(ids(ws.latest('output/other/latest.csv'))).to.deep.equal(['OTHER', 'a1', 'a2']);
      const newest = JSON.parse(ws.read(`snapshots/clients/acme/manifests/${manifests().at(-1)!}`)) as { paths: unknown };
      expect(newest.paths).to.deep.equal({ drop: 'input/other', archive: 'input/other-done', output: 'output/other/latest.csv' });
      expect(ws.cli('run', 'clients/acme', '--set', 'CLIENT=other').code).to.equal(0);
    });

    it('should record an accepted change even when the new drop is empty', () => {
      ws.write('input/empty/.keep', '');
      const r = ws.cli('run', 'clients/acme', '--set', 'CLIENT=empty', '--accept-paths', '--json');
      expect(r.code, r.stderr).to.equal(0);
      expect(manifests()).to.have.length(2);
      expect(ids(ws.latest('output/empty/latest.csv'))).to.deep.equal(['a1', 'a2']);
      const again = ws.cli('run', 'clients/acme', '--set', 'CLIENT=empty');
      expect(again.code, again.stderr).to.equal(0);
      expect(manifests()).to.have.length(2);
    });

    it('should not refuse when the newest snapshot records no paths (made by an older dropline), and record them from the next commit', () => {
      const file = ws.path('snapshots/clients/acme/manifests', manifests()[0]!);
      const { paths: _p, ...old } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify(old, null, 2) + '\n');
      ws.write(
        'input/acme/b.csv',
        csv([
          ['id', 'timestamp'],
          ['a3', '2021-01-03'],
        ]),
      );
      const r = ws.cli('run', 'clients/acme');
      expect(r.code, r.stderr).to.equal(0);
      const newest = JSON.parse(ws.read(`snapshots/clients/acme/manifests/${manifests().at(-1)!}`)) as { paths: unknown };
      expect(newest.paths).to.deep.equal({ drop: 'input/acme', archive: 'input/acme-done', output: 'output/acme/latest.csv' });
    });

    it('should let reset and clean run after a change, so the user is never locked out', () => {
      const first = manifests()[0]!.replace(/\.json$/, '');
      ws.writeDefinition('clients/acme', 'extends: base.yaml\nvars: { CLIENT: moved }\n');
      expect(ws.cli('run', 'clients/acme').stderr).to.contain('error[PATHS_CHANGED]');
      const reset = ws.cli('reset', 'clients/acme', '--to', first);
      expect(reset.code, reset.stderr).to.equal(0);
      expect(reset.stderr).to.contain('the reset wrote latest.csv to output/moved/latest.csv and records the new paths');
      expect(ids(ws.latest('output/moved/latest.csv'))).to.deep.equal(['a1', 'a2']);
      expect(ws.cli('run', 'clients/acme').code).to.equal(0);
      // clean would look for a.csv in input/moved-done; it was archived into input/acme-done.
      expect(ws.cli('clean', 'clients/acme', '--yes').stderr).to.contain('error[PATHS_CHANGED]');
      expect(ws.cli('clean', 'clients/acme', '--yes', '--accept-paths').code).to.equal(0);
      expect(readdirSync(ws.path('snapshots/clients/acme'))).not.to.include('manifests');
    });
  });
});
