import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sqliteAside } from '../../src/sinks/sqliteAside.js';

describe('sqliteAside()', () => {
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dropline-aside-'));
    target = join(dir, 'shop.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should put the file built aside in place and leave nothing else', async () => {
    const done = await sqliteAside(target, async (aside) => {
      expect(basename(aside)).to.match(/^\.shop\.sqlite\.\d+\.[0-9a-f]{8}\.tmp$/);
      writeFileSync(aside, 'built');
      writeFileSync(`${aside}-wal`, 'left by SQLite');
    });
    expect(done).to.equal(true);
    expect(readdirSync(dir)).to.deep.equal(['shop.sqlite']);
    expect(readFileSync(target, 'utf8')).to.equal('built');
  });

  for (const existing of ['shop.sqlite', 'shop.sqlite-wal', 'shop.sqlite-journal']) {
    it(`should build nothing when ${existing} exists`, async () => {
      writeFileSync(join(dir, existing), 'there');
      let built = false;
      expect(await sqliteAside(target, async () => void (built = true))).to.equal(false);
      expect(built).to.equal(false);
      expect(readdirSync(dir)).to.deep.equal([existing]);
    });
  }

  it('should leave a file that appeared while it built as it is, and say it did not publish', async () => {
    const done = await sqliteAside(target, async (aside) => {
      writeFileSync(aside, 'built');
      writeFileSync(target, 'another writer');
    });
    expect(done).to.equal(false);
    expect(readdirSync(dir)).to.deep.equal(['shop.sqlite']);
    expect(readFileSync(target, 'utf8')).to.equal('another writer');
  });

  it('should remove what it built and rethrow when the build fails', async () => {
    const failure = await sqliteAside(target, async (aside) => {
      writeFileSync(aside, 'half');
      throw new Error('constraint failed');
    }).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(failure?.message).to.equal('constraint failed');
    expect(readdirSync(dir)).to.deep.equal([]);
  });

  it("should remove what a first publish of a process no longer running left, and keep a running one's and other files", async () => {
    const dead = '.shop.sqlite.999999999.0123abcd.tmp'; // above any pid Linux hands out
    const live = `.shop.sqlite.${process.pid}.89abcdef.tmp`;
    const other = `.other.sqlite.999999999.0123abcd.tmp`;
    for (const name of [dead, `${dead}-journal`, live, other, 'notes.txt']) writeFileSync(join(dir, name), '');
    expect(await sqliteAside(target, async (aside) => writeFileSync(aside, 'built'))).to.equal(true);
    expect(readdirSync(dir).sort()).to.deep.equal([live, other, 'notes.txt', 'shop.sqlite'].sort());
  });
});
