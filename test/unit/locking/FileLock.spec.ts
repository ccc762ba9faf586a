import { spawn } from 'node:child_process';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { DroplineError, type ErrorCode } from '../../../src/errors/DroplineError.js';
import { type LockHolder, FileLock as PipelineLock } from '../../../src/locking/FileLock.js';
import { RecordingLogger } from '../../helpers/RecordingLogger.js';
import { makeTempDir } from '../../helpers/tmp.js';

async function expectDroplineError(promise: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<DroplineError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(DroplineError);
    expect((err as DroplineError).code).to.equal(code);
    expect((err as DroplineError).message).to.match(message);
    return err as DroplineError;
  }
  expect.fail(`expected a DroplineError ${code}`);
}

/** The pid of a node process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

const holderFile = async (file: string): Promise<LockHolder> => JSON.parse(await readFile(file, 'utf8')) as LockHolder;

const MODULE_URL = new URL('../../../src/locking/FileLock.js', import.meta.url).href;

/** A child script: says "ready", and on "go" acquires the lock (no waiting), holds it 500 ms and prints the outcome as JSON. */
const RACER = `
const { FileLock: PipelineLock } = await import(process.env.LOCK_MODULE);
const noop = () => {};
const logger = { debug: noop, info: noop, warn: noop, error: noop, child: () => logger, addFile: noop, close: async () => {} };
const lock = new PipelineLock(process.env.LOCK_FILE, logger, { pipeline: 'demo' });
console.log('ready');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
try {
  await lock.acquire({ command: 'racer' });
  await new Promise((resolve) => setTimeout(resolve, 500));
  await lock.release();
  console.log(JSON.stringify({ ok: true }));
} catch (err) {
  console.log(JSON.stringify({ ok: false, code: err.code, message: err.message }));
}`;

interface RaceResult {
  ok: boolean;
  code?: string;
  message?: string;
}

/** Starts `racers` processes, lets them all load, then says "go" to all at once. */
async function race(file: string, racers: number): Promise<RaceResult[]> {
  const children = Array.from({ length: racers }, () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', RACER], { env: { ...process.env, LOCK_MODULE: MODULE_URL, LOCK_FILE: file } });
    const output = { out: '', err: '' };
    const ready = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        output.out += d.toString();
        if (output.out.startsWith('ready\n')) resolve();
      });
    });
    child.stderr.on('data', (d: Buffer) => (output.err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, output, ready, exited };
  });
  await Promise.all(children.map((c) => Promise.race([c.ready, c.exited])));
  for (const { child } of children) child.stdin.write('go\n');
  return Promise.all(
    children.map(async ({ output, exited }) => {
      expect(await exited, output.err).to.equal(0);
      return JSON.parse(output.out.slice('ready\n'.length)) as RaceResult;
    }),
  );
}

describe(PipelineLock.name, () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  let logger: RecordingLogger;
  let lock: PipelineLock;

  beforeEach(async () => {
    tmp = makeTempDir();
    file = join(tmp.dir, 'snapshots', 'demo', 'run.lock');
    await mkdir(dirname(file), { recursive: true });
    logger = new RecordingLogger();
    lock = new PipelineLock(file, logger, { pipeline: 'demo' });
  });

  afterEach(async () => {
    await lock.release();
    tmp.remove();
  });

  describe('.acquire()', () => {
    describe('when the lock is free', () => {
      it('should write the lock file naming this process', async () => {
        await lock.acquire({ command: 'dropline run' });
        const holder = await holderFile(file);
        expect(holder).to.include({ pid: process.pid, host: hostname(), command: 'dropline run' });
        expect(new Date(holder.startedAt).toISOString()).to.equal(holder.startedAt);
      });
    });

    describe("when the lock file's folder does not exist yet", () => {
      it('should create the folder and take the lock', async () => {
        const nested = join(tmp.dir, 'not', 'yet', 'run.lock');
        const fresh = new PipelineLock(nested, logger);
        await fresh.acquire({ command: 'dropline run' });
        expect(await holderFile(nested)).to.include({ pid: process.pid });
        await fresh.release();
      });
    });

    describe('when another lock on the same file holds it', () => {
      it('should throw LOCKED naming the holder', async () => {
        await lock.acquire({ command: 'dropline run' });
        const other = new PipelineLock(file, logger, { pipeline: 'demo' });
        const { startedAt } = await holderFile(file);
        const err = await expectDroplineError(
          other.acquire({ command: 'dropline reset' }),
          'LOCKED',
          /^pipeline demo is locked by pid \d+ on host .+ since \S+Z \(dropline run\); wait for it, or pass --wait <seconds>$/,
        );
        expect(err.message).to.equal(
          `pipeline demo is locked by pid ${process.pid} on host ${hostname()} since ${startedAt} (dropline run); wait for it, or pass --wait <seconds>`,
        );
        expect(err.context).to.deep.equal({ pipeline: 'demo', file });
      });

      it('should leave the holder in place', async () => {
        await lock.acquire({ command: 'dropline run' });
        const before = await readFile(file, 'utf8');
        await new PipelineLock(file, logger).acquire({ command: 'dropline reset' }).catch(() => undefined);
        expect(await readFile(file, 'utf8')).to.equal(before);
      });
    });

    describe('when this lock already holds it', () => {
      it('should throw INTERNAL', async () => {
        await lock.acquire({ command: 'dropline run' });
        await expectDroplineError(lock.acquire({ command: 'dropline run' }), 'INTERNAL', /already held/);
      });
    });

    describe('when the lock was left by a process that is no longer running', () => {
      let dead: LockHolder;

      beforeEach(async () => {
        dead = { pid: await deadPid(), host: hostname(), startedAt: '2026-01-02T03:04:05.000Z', command: 'dropline run' };
        await writeFile(file, JSON.stringify(dead));
      });

      it('should take the lock over', async () => {
        await lock.acquire({ command: 'dropline run' });
        expect(await holderFile(file)).to.include({ pid: process.pid });
      });

      it('should warn naming the stale holder', async () => {
        await lock.acquire({ command: 'dropline run' });
        expect(logger.warnings()).to.have.lengthOf(1);
        expect(logger.warnings()[0]).to.include(`pid ${dead.pid} on host ${hostname()} since 2026-01-02T03:04:05.000Z (dropline run), which is no longer running`);
      });

      it('should let exactly one of two racing processes take it over', async () => {
        const results = await race(file, 2);
        expect(
          results.filter((r) => r.ok),
          JSON.stringify(results),
        ).to.have.lengthOf(1);
        expect(results.find((r) => !r.ok)).to.include({ code: 'LOCKED' });
      });
    });

    describe('when an abandoned take-over marker is left beside a stale lock', () => {
      it('should clear the marker and take the lock over', async () => {
        await writeFile(file, JSON.stringify({ pid: await deadPid(), host: hostname(), startedAt: '2026-01-02T03:04:05.000Z', command: 'dropline run' }));
        await writeFile(`${file}.takeover`, '{}');
        const old = new Date(Date.now() - 60_000);
        await utimes(`${file}.takeover`, old, old);
        await lock.acquire({ command: 'dropline run' });
        expect(await holderFile(file)).to.include({ pid: process.pid });
        expect(existsSync(`${file}.takeover`)).to.equal(false);
      });
    });

    describe('when the holder runs on another host', () => {
      it('should throw LOCKED even if no local process has its pid', async () => {
        await writeFile(file, JSON.stringify({ pid: await deadPid(), host: 'elsewhere.example', startedAt: '2026-01-02T03:04:05.000Z', command: 'dropline run' }));
        await expectDroplineError(lock.acquire({ command: 'dropline run' }), 'LOCKED', /locked by pid \d+ on host elsewhere\.example since 2026-01-02T03:04:05\.000Z/);
      });
    });

    describe('when the lock file does not name a holder', () => {
      beforeEach(async () => {
        await writeFile(file, 'not json');
      });

      it('should throw LOCKED while the file is fresh', async () => {
        await expectDroplineError(lock.acquire({ command: 'dropline run' }), 'LOCKED', /does not name a holder/);
      });

      it('should take it over with a warning once it is a few seconds old', async () => {
        const old = new Date(Date.now() - 60_000);
        await utimes(file, old, old);
        await lock.acquire({ command: 'dropline run' });
        expect(await holderFile(file)).to.include({ pid: process.pid });
        expect(logger.warnings().join('\n')).to.match(/removed a stale lock \(lock file .* does not name a holder \("not json"\) for \d+s\)/);
      });
    });

    describe('when waiting for the holder', () => {
      let holder: PipelineLock;

      beforeEach(async () => {
        holder = new PipelineLock(file, logger, { pipeline: 'demo' });
        await holder.acquire({ command: 'dropline run' });
      });

      afterEach(async () => holder.release());

      it('should take the lock once the holder releases within the time', async () => {
        const released = new Promise((resolve) => setTimeout(() => void holder.release().then(resolve), 300));
        await lock.acquire({ command: 'dropline reset' }, 5);
        await released;
        expect(await holderFile(file)).to.include({ pid: process.pid, command: 'dropline reset' });
      });

      it('should throw LOCKED when the time is up', async () => {
        const started = performance.now();
        await expectDroplineError(
          lock.acquire({ command: 'dropline reset' }, 0.3),
          'LOCKED',
          /pipeline demo is locked by pid \d+ .*\(dropline run\); still locked after waiting 0\.3s/,
        );
        expect(performance.now() - started).to.be.within(250, 2000);
      });
    });

    describe('when two processes race for a free lock', () => {
      it('should let exactly one of them have it', async () => {
        const results = await race(file, 2);
        expect(
          results.filter((r) => r.ok),
          JSON.stringify(results),
        ).to.have.lengthOf(1);
        expect(results.find((r) => !r.ok)?.message).to.match(/^pipeline demo is locked by pid \d+ on host .* \(racer\); wait for it/);
      });
    });

    describe('when the wait is not a number of seconds', () => {
      it('should throw USAGE', async () => {
        await expectDroplineError(lock.acquire({ command: 'dropline run' }, -1), 'USAGE', /--wait takes a number of seconds >= 0, got -1/);
      });
    });
  });

  describe('.release()', () => {
    describe('when this lock holds it', () => {
      it('should remove the lock file so another lock can take it', async () => {
        await lock.acquire({ command: 'dropline run' });
        await lock.release();
        expect(existsSync(file)).to.equal(false);
        const other = new PipelineLock(file, logger);
        await other.acquire({ command: 'dropline run' });
        await other.release();
      });
    });

    describe('when the lock file names someone else now', () => {
      it('should leave the file and warn', async () => {
        await lock.acquire({ command: 'dropline run' });
        const theirs = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: '2030-01-01T00:00:00.000Z', command: 'dropline run' });
        await writeFile(file, theirs);
        await lock.release();
        expect(await readFile(file, 'utf8')).to.equal(theirs);
        expect(logger.warnings().join('\n')).to.match(/no longer names this run/);
      });
    });

    describe('when the lock was never taken', () => {
      it('should do nothing', async () => {
        await lock.release();
        expect(existsSync(file)).to.equal(false);
        expect(logger.lines).to.deep.equal([]);
      });
    });
  });

  describe('.with()', () => {
    describe('when the function throws', () => {
      it('should release the lock and rethrow', async () => {
        let inside = false;
        const failing = PipelineLock.with(lock, { command: 'dropline run' }, async () => {
          inside = existsSync(file);
          throw new Error('boom');
        });
        try {
          await failing;
          expect.fail('expected a rejection');
        } catch (err) {
          expect((err as Error).message).to.equal('boom');
        }
        expect(inside).to.equal(true);
        expect(existsSync(file)).to.equal(false);
      });
    });

    describe('when the function succeeds', () => {
      it('should return its result', async () => {
        expect(await PipelineLock.with(lock, { command: 'dropline run' }, async () => 42)).to.equal(42);
      });
    });
  });
});
