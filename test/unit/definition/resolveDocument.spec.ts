import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDocument } from '../../../src/definition/resolveDocument.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe(resolveDocument.name, () => {
  let tmp: { dir: string; remove: () => void };
  beforeEach(() => {
    tmp = makeTempDir();
    mkdirSync(join(tmp.dir, 'clients'));
    writeFileSync(join(tmp.dir, 'clients', 'base.yaml'), 'template: true\nvars: { REGION: eu }\ndescription: "${CLIENT} in ${REGION}"\n');
    writeFileSync(join(tmp.dir, 'clients', 'acme.yaml'), 'extends: base.yaml\nvars: { CLIENT: acme }\n');
    writeFileSync(join(tmp.dir, 'clients', 'open.yaml'), 'extends: base.yaml\n');
  });
  afterEach(() => tmp.remove());

  describe('when a name is set in several places', () => {
    const cases: [string, string, Record<string, string>, Record<string, string>, string][] = [
      ['its own vars: win over the environment', 'acme', {}, { CLIENT: 'other' }, 'acme in eu'],
      ['inherited vars: win over the environment', 'acme', {}, { REGION: 'us' }, 'acme in eu'],
      ['--set wins over vars:', 'acme', { CLIENT: 'globex', REGION: 'us' }, {}, 'globex in us'],
      ['--set wins over the environment', 'open', { CLIENT: 'globex' }, { CLIENT: 'other' }, 'globex in eu'],
      ['the environment fills a name no vars: sets', 'open', {}, { CLIENT: 'initech' }, 'initech in eu'],
    ];
    for (const [what, file, set, env, description] of cases) {
      it(`should resolve so that ${what}`, async () => {
        const doc = await resolveDocument(join(tmp.dir, 'clients', `${file}.yaml`), (f) => f, { set, env });
        expect(doc.description).to.equal(description);
      });
    }
  });
});
