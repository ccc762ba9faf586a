import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { constants, createBrotliCompress, type BrotliCompress } from 'node:zlib';
import { writeError } from '../errors/writeError.js';
import { fsyncDir, tempPathFor } from '../util/atomicWrite.js';
import { Sha256Stream } from '../util/Sha256Stream.js';
import { writeAll } from '../util/writeAll.js';
import { OBJECT_EXT } from './changesFormat.js';

/** The size of the blocks writers hand over (and of the compressor's output pieces). */
export const OBJECT_BLOCK = 2 << 20;
/** Blocks given but not yet compressed, at most (before `write` waits for the oldest). */
const QUEUED = 8;

/**
 * A content-addressed object being written: one Brotli stream at quality 0,
 * compressed on the thread pool while the caller goes on (up to 16 MB queued),
 * written in order into a temp file in `folder`, hashing the uncompressed
 * bytes. Quality 0 compresses a changeset at ~370 MB/s on one thread, where
 * gzip level 1 took ~135 MB/s (and two to four pool threads away from the
 * thread producing the bytes), for files ~11% larger. `place()` names it
 * `<folder>/<sha256>.csv.br` (or drops it when that content is already
 * stored). Any Brotli reader (`brotli -d`) reads it.
 */
export class BrotliObject {
  /** On the hash thread once the object passes 4 MB: the thread producing the bytes only copies them there. */
  private readonly hashing = new Sha256Stream();
  private readonly brotli: BrotliCompress = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 0 }, chunkSize: OBJECT_BLOCK });
  /** Settles when the compressor has written its last piece (rejects when it fails or is aborted). */
  private readonly ended: Promise<void>;
  /** Per block given and not yet taken by the compressor, when it is (or the stream fails). */
  private readonly queued: Promise<void>[] = [];
  private failure: Error | null = null;
  bytes = 0;

  private constructor(
    private readonly folder: string,
    private readonly tmp: string,
    private readonly handle: FileHandle,
  ) {
    // Written synchronously (writeAll) as each piece comes: an fs request would queue behind the compression.
    this.brotli.on('data', (piece: Buffer) => {
      if (this.failure !== null) return;
      try {
        writeAll(this.handle.fd, piece);
      } catch (err) {
        this.failure = err as Error;
      }
    });
    this.ended = new Promise((resolve, reject) => {
      this.brotli.once('end', resolve);
      this.brotli.once('error', reject);
    });
    // Seen here, so a failure never goes unhandled while the caller awaits something else; write() and finish() report it.
    this.ended.catch((err: unknown) => (this.failure ??= err as Error));
  }

  static async create(folder: string): Promise<BrotliObject> {
    await mkdir(folder, { recursive: true }).catch((err: unknown) => {
      throw writeError(err, folder);
    });
    const tmp = tempPathFor(join(folder, 'object.br'));
    const handle = await open(tmp, 'w').catch((err: unknown) => {
      throw writeError(err, folder);
    });
    return new BrotliObject(folder, tmp, handle);
  }

  /**
   * Adds a block (kept until compressed: not to be changed by the caller before `taken` is called, once the
   * compressor has consumed it, or the stream failed); waits while too much is queued.
   */
  async write(block: Buffer, taken?: () => void): Promise<void> {
    if (this.failure !== null) throw writeError(this.failure, this.folder);
    await this.hashing.keep(block);
    this.bytes += block.length;
    // The stream's own mark (16 KB, 'drain' once empty) would make the compressor wait for each block in turn:
    // waiting for the oldest of QUEUED blocks instead, it always has the next ones at hand. The callback also
    // comes (with an error, reported through `failure`) when the stream fails or is aborted.
    this.queued.push(
      new Promise((resolve) =>
        this.brotli.write(block, () => {
          taken?.();
          resolve();
        }),
      ),
    );
    if (this.queued.length > QUEUED) await this.queued.shift();
  }

  /** Compresses and writes the rest, fsyncs and closes; the hex SHA-256 of the uncompressed bytes. */
  async finish(): Promise<string> {
    try {
      this.brotli.end();
      await this.ended;
      if (this.failure !== null) throw this.failure;
      await this.handle.sync();
      await this.handle.close();
      return await this.hashing.digest();
    } catch (err) {
      await this.abort();
      throw writeError(err, this.folder);
    }
  }

  /** Renames the finished object to `<sha256>.csv.br` in its folder unless that exists; its file name. */
  async place(sha256: string): Promise<string> {
    const name = `${sha256}${OBJECT_EXT}`;
    const target = join(this.folder, name);
    const known = await stat(target).then(
      () => true,
      () => false,
    );
    try {
      if (known) await rm(this.tmp, { force: true });
      else {
        await rename(this.tmp, target);
        fsyncDir(this.folder);
      }
    } catch (err) {
      await rm(this.tmp, { force: true });
      throw writeError(err, this.folder);
    }
    return name;
  }

  async abort(): Promise<void> {
    this.failure ??= new Error('aborted');
    // With an error: 'ended' rejects, and whatever waits on the stream stops waiting.
    this.brotli.destroy(this.failure);
    await this.hashing.abort();
    await this.handle.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }
}
