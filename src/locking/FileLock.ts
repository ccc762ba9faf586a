import { link, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';
import { type Clock, SystemClock } from '../util/Clock.js';
import { fsyncDir, tempPathFor } from '../util/atomicWrite.js';

/** Who holds a pipeline's lock; written as JSON into the lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO 8601 UTC. */
  startedAt: string;
  /** What the holder is doing, e.g. `dropline run`. */
  command: string;
}

export interface FileLockOptions {
  /** Named in messages; without it the lock file is. */
  pipeline?: string;
  clock?: Clock;
}

const POLL_MS = 100;
/** Content that is not a holder (a crash between create and write) is stale after this long. */
const UNREADABLE_STALE_MS = 5_000;
/** A take-over marker lives for a few file operations; older than this, its taker crashed. */
const TAKEOVER_ABANDONED_MS = 10_000;

/** What is in the lock file now: nothing, a holder (live, or on another host), or a stale one. */
type Seen = { state: 'free' } | { state: 'held'; holder: LockHolder } | { state: 'unreadable'; reason: string } | { state: 'stale'; holder: LockHolder | null; reason: string };

const errnoCode = (err: unknown): unknown => (err as NodeJS.ErrnoException | null)?.code;

/**
 * One holder at a time across processes (a pipeline's lock is one: see
 * PipelineLocks): a lock file created with O_EXCL. A lock left by a dead process on this host (or holding garbage for
 * more than a few seconds) is stale and removed. Removal happens only under a
 * second O_EXCL marker (`<file>.takeover`) and after re-reading the lock under
 * it, so a taker can never remove a lock another taker has just created; the
 * free lock is then raced for by O_EXCL again, so exactly one process wins.
 * Holders on other hosts are never judged stale: their pid means nothing here.
 */
export class FileLock {
  private held: LockHolder | null = null;
  private readonly host = hostname();
  private readonly clock: Clock;
  private readonly label: string;

  constructor(
    private readonly file: string,
    private readonly logger: Logger,
    private readonly options: FileLockOptions = {},
  ) {
    this.clock = options.clock ?? new SystemClock();
    this.label = options.pipeline === undefined ? `lock ${file}` : `pipeline ${options.pipeline}`;
  }

  /** Runs `fn` under the lock and always releases it. */
  static async with<T>(lock: FileLock, holder: Pick<LockHolder, 'command'>, fn: () => Promise<T>, waitSeconds = 0): Promise<T> {
    await lock.acquire(holder, waitSeconds);
    try {
      return await fn();
    } finally {
      await lock.release();
    }
  }

  /**
   * Takes the lock or throws LOCKED naming the holder. With `waitSeconds` > 0,
   * polls every ~100 ms until the lock is free or the time is up.
   */
  async acquire(holder: Pick<LockHolder, 'command'>, waitSeconds = 0): Promise<void> {
    if (this.held !== null) throw new DroplineError('INTERNAL', `${this.label}: this lock is already held (since ${this.held.startedAt}); release it first`, this.context());
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0) {
      throw new DroplineError('USAGE', `--wait takes a number of seconds >= 0, got ${waitSeconds}`, this.context());
    }
    await mkdir(dirname(this.file), { recursive: true });
    const deadline = performance.now() + waitSeconds * 1000;
    for (let waited = false; ; waited = true) {
      const blocker = await this.tryOnce(holder.command);
      if (blocker === null) return;
      const left = deadline - performance.now();
      if (left <= 0) throw this.lockedError(blocker, waitSeconds);
      if (!waited) this.logger.info(`${this.label} is locked (${describeSeen(blocker)}); waiting up to ${waitSeconds}s`, this.context());
      await sleep(Math.min(POLL_MS, left));
    }
  }

  /** Removes the lock file, but only while it still names this holder. */
  async release(): Promise<void> {
    const mine = this.held;
    if (mine === null) return;
    this.held = null;
    const seen = await this.inspect();
    const current = seen.state === 'held' || seen.state === 'stale' ? seen.holder : null;
    if (current !== null && current.pid === mine.pid && current.host === mine.host && current.startedAt === mine.startedAt) {
      await rm(this.file, { force: true });
      return;
    }
    this.logger.warn(`${this.label}: the lock file no longer names this run (${describeSeen(seen)}); left it as it is`, this.context());
  }

  /** One attempt: null when taken, else what blocks it. */
  private async tryOnce(command: string): Promise<Seen | null> {
    for (;;) {
      const mine: LockHolder = { pid: process.pid, host: this.host, startedAt: this.clock.now().toISOString(), command };
      if (await this.create(this.file, JSON.stringify(mine) + '\n')) {
        this.held = mine;
        return null;
      }
      const seen = await this.inspect();
      if (seen.state === 'free') continue; // released between our create and read: try again
      if (seen.state !== 'stale') return seen;
      if (!(await this.takeOver())) return seen; // another process is taking it over
    }
  }

  /** Under the take-over marker, removes the lock file if it is (still) stale. False when another taker holds the marker. */
  private async takeOver(): Promise<boolean> {
    const marker = `${this.file}.takeover`;
    if (!(await this.create(marker, JSON.stringify({ pid: process.pid, host: this.host }) + '\n'))) return this.clearAbandoned(marker);
    try {
      const seen = await this.inspect();
      if (seen.state === 'stale') {
        await rm(this.file, { force: true }).catch((err: unknown) => {
          throw new DroplineError('OUTPUT_UNWRITABLE', `${this.file}: cannot remove a stale lock (${describeSeen(seen)}): ${(err as Error).message}`, this.context(), {
            cause: err,
          });
        });
        this.logger.warn(`${this.label}: removed a stale lock (${describeSeen(seen)}); taking the lock`, this.context());
      }
      return true;
    } finally {
      await rm(marker, { force: true });
    }
  }

  /**
   * A marker left by a taker that crashed mid-take-over would block take-overs
   * for good; once old, remove it. True when the marker is gone (retry now).
   * (Two processes clearing the same abandoned marker at the same instant
   * could both proceed; that needs a crash inside a few-millisecond window first.)
   */
  private async clearAbandoned(marker: string): Promise<boolean> {
    try {
      if (Date.now() - (await stat(marker)).mtimeMs < TAKEOVER_ABANDONED_MS) return false;
    } catch (err) {
      return errnoCode(err) === 'ENOENT';
    }
    this.logger.warn(`${this.label}: removed ${marker}, left by a process that stopped while taking over a stale lock`, this.context());
    await rm(marker, { force: true });
    return true;
  }

  /** Creates `path` holding `text`, fsynced, or false when it exists: written aside, then linked into place, so no one reads it half written. */
  private async create(path: string, text: string): Promise<boolean> {
    const temp = tempPathFor(path);
    const handle = await open(temp, 'wx').catch((err: unknown) => {
      throw new DroplineError('OUTPUT_UNWRITABLE', `${path}: cannot create the lock file: ${(err as Error).message}`, this.context(), { cause: err });
    });
    try {
      await handle
        .writeFile(text)
        .then(() => handle.sync())
        .finally(() => handle.close());
      await link(temp, path);
    } catch (err) {
      if (errnoCode(err) === 'EEXIST') return false;
      throw new DroplineError('OUTPUT_UNWRITABLE', `${path}: cannot write the lock file: ${(err as Error).message}`, this.context(), { cause: err });
    } finally {
      await rm(temp, { force: true });
    }
    fsyncDir(dirname(path));
    return true;
  }

  private async inspect(): Promise<Seen> {
    let text: string;
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(this.file)).mtimeMs;
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return { state: 'free' };
      return { state: 'unreadable', reason: `lock file ${this.file} cannot be read: ${(err as Error).message}` };
    }
    const holder = parseHolder(text);
    if (holder === null) {
      const age = Date.now() - mtimeMs;
      const reason = `lock file ${this.file} does not name a holder (${JSON.stringify(text.slice(0, 40))})`;
      return age >= UNREADABLE_STALE_MS ? { state: 'stale', holder: null, reason: `${reason} for ${Math.round(age / 1000)}s` } : { state: 'unreadable', reason };
    }
    if (holder.host === this.host && !isAlive(holder.pid)) return { state: 'stale', holder, reason: `${describeHolder(holder)}, which is no longer running` };
    return { state: 'held', holder };
  }

  private lockedError(blocker: Seen, waitSeconds: number): DroplineError {
    const what = blocker.state === 'held' ? `is locked by ${describeHolder(blocker.holder)}` : `is locked (${describeSeen(blocker)})`;
    const advice = waitSeconds > 0 ? `still locked after waiting ${waitSeconds}s; wait longer with --wait <seconds>` : 'wait for it, or pass --wait <seconds>';
    return new DroplineError('LOCKED', `${this.label} ${what}; ${advice}`, this.context());
  }

  private context(): { pipeline?: string; file: string } {
    return this.options.pipeline === undefined ? { file: this.file } : { pipeline: this.options.pipeline, file: this.file };
  }
}

function describeHolder(h: LockHolder): string {
  return `pid ${h.pid} on host ${h.host} since ${h.startedAt} (${h.command})`;
}

function describeSeen(seen: Seen): string {
  switch (seen.state) {
    case 'free':
      return 'no lock file';
    case 'held':
      return `held by ${describeHolder(seen.holder)}`;
    default:
      return seen.reason;
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as Partial<LockHolder> | null;
    if (typeof h !== 'object' || h === null || !Number.isSafeInteger(h.pid) || h.pid! <= 0) return null;
    return [h.host, h.startedAt, h.command].every((v) => typeof v === 'string') ? (h as LockHolder) : null;
  } catch {
    return null;
  }
}

/** Signal 0 checks existence: ESRCH means gone; EPERM means alive but someone else's. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoCode(err) !== 'ESRCH';
  }
}
