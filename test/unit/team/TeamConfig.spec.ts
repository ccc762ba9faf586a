import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { readTeamConfig } from '../../../src/team/TeamConfig.js';
import { TEAM_CONFIG_TEXT } from '../../../src/workspace/writeTeamConfig.js';
import { expectDroplineError } from '../../helpers/expectError.js';

describe('readTeamConfig (dropline.yaml)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'dropline-team-config-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const write = (text: string): void => writeFileSync(join(root, 'dropline.yaml'), text);

  it('should be embedded mode (null) without dropline.yaml or without a catalog: section', () => {
    expect(readTeamConfig(root)).to.equal(null);
    write('alerts: []\n');
    expect(readTeamConfig(root)).to.equal(null);
  });

  it('should fill every default from a bare catalog: section', () => {
    write('catalog:\n  type: postgres\n');
    expect(readTeamConfig(root)).to.deep.equal({
      catalog: { type: 'postgres', urlEnv: 'DROPLINE_CATALOG_URL', schema: 'dropline', leaseSeconds: 30 },
      blobs: { type: 'directory', path: join(root, 'blobs') },
    });
  });

  it('should read the file init --team writes as those same defaults', () => {
    write(TEAM_CONFIG_TEXT);
    expect(readTeamConfig(root)).to.deep.equal({
      catalog: { type: 'postgres', urlEnv: 'DROPLINE_CATALOG_URL', schema: 'dropline', leaseSeconds: 30 },
      blobs: { type: 'directory', path: join(root, 'blobs') },
    });
  });

  it('should name the setting and what it takes when one is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['catalog:\n  type: mysql\n', /catalog\.type must be postgres/],
      ['catalog:\n  type: postgres\n  url: postgres://u:secret@h/db\n', /catalog\.url is not a setting; catalog takes type, urlEnv, schema, leaseSeconds/],
      ['catalog:\n  type: postgres\n  leaseSeconds: 0\n', /catalog\.leaseSeconds must be a number of seconds from 1/],
      ['catalog:\n  type: postgres\n  schema: Bad-Name\n', /catalog\.schema must be a lower-case SQL name/],
      ['catalog:\n  type: postgres\n  urlEnv: "not a name"\n', /catalog\.urlEnv must be the name of an environment variable/],
      ['catalog:\n  type: postgres\nblobs:\n  path: ../elsewhere\n', /blobs\.path "\.\.\/elsewhere" must be a folder inside the workspace/],
      ['catalog: [1, 2]\n', /catalog must be a mapping/],
      ['catalog: {type: postgres\n', /not valid YAML/],
    ];
    for (const [text, message] of cases) {
      write(text);
      await expectDroplineError(() => readTeamConfig(root), { code: 'DEFINITION_INVALID', message });
    }
  });
});
