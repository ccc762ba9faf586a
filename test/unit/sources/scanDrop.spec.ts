import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanDrop } from '../../../src/sources/scanDrop.js';
import { tempPathFor } from '../../../src/util/atomicWrite.js';
import { makeTempDir } from '../../helpers/tmp.js';

describe('scanDrop', () => {
  let tmp: { dir: string; remove: () => void };
  let drop: string;
  beforeEach(() => {
    tmp = makeTempDir();
    drop = join(tmp.dir, 'drop');
    mkdirSync(drop);
  });
  afterEach(() => tmp.remove());

  const rules = (own: string[] = []) => ({
    accepts: (name: string) => name.endsWith('.csv'),
    mismatch: (name: string) => `not *.csv: ${name}`,
    workspaceRoot: tmp.dir,
    own: new Set(own),
  });

  describe('when the folder holds every kind of entry', () => {
    it('should offer the accepted files in code point order and say why each other entry is not read', async () => {
      for (const name of ['b.csv', 'B.csv', 'a.csv', 'x.txt', '.h.csv']) writeFileSync(join(drop, name), '');
      writeFileSync(tempPathFor(join(drop, 'a.csv')), '');
      mkdirSync(join(drop, 'sub'));
      mkdirSync(join(drop, 'archive'));
      execFileSync('mkfifo', [join(drop, 'pipe.csv')]);
      symlinkSync(join(drop, 'a.csv'), join(drop, 'l.csv'));
      symlinkSync('/', join(drop, 'root.csv'));
      symlinkSync(tmp.dir, join(drop, 'ws.csv'));
      const scan = await scanDrop(drop, rules([join(drop, 'archive')]));
      expect([...scan.raw].map(([name, raw]) => [name, raw.toString()])).to.deep.equal(
        [
          ['B.csv', 'B.csv'],
          ['a.csv', 'a.csv'],
          ['b.csv', 'b.csv'],
        ].sort(),
      );
      expect({ names: scan.names, ignored: scan.ignored }).to.deep.equal({
        names: ['B.csv', 'a.csv', 'b.csv'],
        ignored: [
          { file: '.h.csv', reason: 'hidden file' },
          { file: 'l.csv', reason: 'symbolic link to drop/a.csv (links are not followed; put the file itself in the drop)' },
          { file: 'pipe.csv', reason: 'not a regular file' },
          { file: 'root.csv', reason: 'symbolic link to a path outside the workspace' },
          { file: 'sub', reason: 'a folder' },
          { file: 'ws.csv', reason: 'symbolic link to . (links are not followed; put the file itself in the drop)' },
          { file: 'x.txt', reason: 'not *.csv: x.txt' },
        ],
      });
    });
  });
});
