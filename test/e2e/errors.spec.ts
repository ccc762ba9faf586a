import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expectCliError } from '../helpers/expectError.js';
import { rawRequest, serve } from '../helpers/servedWorkspace.js';
import { CLI, csv, demoYaml, TestWorkspace, type CliResult } from '../helpers/workspace.js';

const DROP = csv([
  ['id', 'description', 'timestamp'],
  ['a', 'first', '2021-01-01'],
]);

/**
 * A preload (`node --import`) that makes every write of a temp file beside
 * latest.csv fail with ENOSPC, the error a full disk gives: the real bundle,
 * the real atomic-write code, only the kernel's answer replaced.
 */
const FULL_DISK_PRELOAD = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const open = fs.promises.open;
const writeSync = fs.writeSync;
// latest.csv's temp file is written through its handle, or synchronously through its descriptor: both fail.
const fullFds = new Set();
const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
fs.promises.open = async (path, ...rest) => {
  const handle = await open(path, ...rest);
  if (/\\.latest\\.csv\\.[^/]*\\.tmp$/.test(String(path))) {
    const full = () => Promise.reject(noSpace());
    handle.write = full;
    handle.writeFile = full;
    fullFds.add(handle.fd);
  }
  return handle;
};
fs.writeSync = (fd, ...rest) => {
  if (fullFds.has(fd)) throw noSpace();
  return writeSync(fd, ...rest);
};
syncBuiltinESMExports();
`;

/** Whether this process can make a folder refuse writes: chmod for a normal user; for root (whom chmod does not stop) `chattr +i`, where the file system and capabilities allow it. */
function makeUnwritable(dir: string): (() => void) | undefined {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    return () => chmodSync(dir, 0o755);
  }
  if (spawnSync('chattr', ['+i', dir]).status !== 0) return undefined;
  return () => void spawnSync('chattr', ['-i', dir]);
}

describe('errors a first contact meets (end to end)', () => {
  let ws: TestWorkspace;
  beforeEach(() => (ws = new TestWorkspace()));
  afterEach(() => ws.remove());

  describe('init', () => {
    it('should refuse to make a workspace in a file', () => {
      ws.write('notes.txt', 'mine\n');
      expectCliError(ws.cli('init', 'notes.txt'), {
        code: 'USAGE',
        message: `${ws.path('notes.txt')} is a file, not a folder; init makes a workspace in a folder: give a new or an existing folder`,
        exit: 2,
      });
      expect(ws.read('notes.txt')).to.equal('mine\n');
    });

    it('should name the file that is in the way of a folder inside it', () => {
      ws.write('notes.txt', 'mine\n');
      expectCliError(ws.cli('init', 'notes.txt/workspace'), {
        code: 'NOT_WRITABLE',
        message: `cannot write in ${ws.path('notes.txt', 'workspace')}: ${ws.path('notes.txt')} is a file, not a folder (ENOTDIR); move that file away, or choose another folder`,
        exit: 1,
      });
    });
  });

  describe('generate', () => {
    it('should refuse more rows than it can hold, saying how to get more', () => {
      expectCliError(ws.cli('generate', 'demo', '--rows', '1e12'), {
        code: 'USAGE',
        message:
          'rows (1000000000000) is more than generate makes at once (at most 5,000,000; it holds every row in memory); for a bigger drop run generate several times: each run adds files',
        exit: 2,
      });
      expect(ws.files('input/processing')).to.deep.equal([]);
    });
  });

  describe('show <pipeline> latest', () => {
    it('should say the pipeline has no snapshots yet and how to make one', () => {
      expectCliError(ws.cli('show', 'demo', 'latest'), {
        code: 'SNAPSHOT_NOT_FOUND',
        message: 'pipeline demo has no snapshots yet, so "latest" names none; make the first with: dropline run demo',
        exit: 1,
      });
    });
  });

  describe('a folder that cannot be written', () => {
    it('should fail NOT_WRITABLE naming the file that stands where the output folder should be', () => {
      ws.write('output', 'a file, not a folder\n');
      ws.drop('a.csv', DROP);
      expectCliError(ws.cli('run', 'demo'), {
        code: 'NOT_WRITABLE',
        message: `cannot write in ${ws.path('output', 'logs')}: ${ws.path('output')} is a file, not a folder (ENOTDIR); move that file away, or choose another folder`,
        exit: 1,
      });
      expect(ws.files('input/processing')).to.deep.equal(['a.csv']);
    });

    it('should fail NOT_WRITABLE naming the output folder when it refuses writes', function () {
      ws.write('output/logs/.keep', '');
      ws.drop('a.csv', DROP);
      const restore = makeUnwritable(ws.path('output'));
      if (!restore) this.skip(); // root without chattr: no way to make a folder refuse root's writes
      let r: CliResult;
      try {
        r = ws.cli('run', 'demo');
      } finally {
        restore!();
      }
      const why = process.getuid?.() === 0 ? 'the operation is not permitted \\(an immutable folder, or a permission\\) \\(EPERM\\)' : 'permission denied \\(EACCES\\)';
      expectCliError(r, {
        code: 'NOT_WRITABLE',
        message: new RegExp(`^cannot write in ${ws.path('output')}: ${why}; make the folder writable, or choose another folder$`),
        exit: 1,
      });
      expect(ws.files('input/processing')).to.deep.equal(['a.csv']);
    });
  });

  describe('a full disk', () => {
    it('should fail DISK_FULL naming the folder, and change nothing', () => {
      ws.write('full-disk.mjs', FULL_DISK_PRELOAD);
      ws.drop('a.csv', DROP);
      const r = spawnSync(process.execPath, [CLI, 'run', 'demo'], {
        cwd: ws.root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: `--import=${pathToFileURL(ws.path('full-disk.mjs')).href}` },
      });
      expectCliError(
        { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr },
        { code: 'DISK_FULL', message: `cannot write in ${ws.path('output')}: no space is left on the disk (ENOSPC); free some space there and run again`, exit: 1 },
      );
      expect(ws.files('input/processing')).to.deep.equal(['a.csv']);
      expect(ws.files('output')).to.deep.equal(['logs']);
    });
  });

  describe('--verbose', () => {
    it('should print the stack with the TypeScript source files, not the bundle', () => {
      ws.write('notes.txt', 'mine\n');
      const r = ws.cli('init', 'notes.txt/workspace', '--verbose');
      expect(r.stderr).to.match(/^\s+at .*src\/workspace\/initWorkspace\.ts:\d+:\d+/m);
      expect(r.stderr).not.to.match(/^\s+at .*dist\/(chunk|runCli)-/m);
    });
  });

  describe('a broken definition in the API', () => {
    it('should answer 422 with its code, not 500', async () => {
      ws.writeDefinition('demo', demoYaml({ source: { typo: 1 } }));
      const served = await serve(ws);
      try {
        const res = await rawRequest(served.url, '/api/pipelines/demo/snapshots');
        expect(res.status).to.equal(422);
        expect(JSON.parse(res.body)).to.deep.equal({
          error: {
            code: 'DEFINITION_INVALID',
            message:
              'pipelines/demo.yaml: source.typo is not a known key; did you mean "type"? (known: type, path, pattern, caseSensitive, archive, delimiter, encoding, compression, parser, options, module, settle, retain)',
          },
        });
      } finally {
        await served.stop();
      }
    });
  });
});
