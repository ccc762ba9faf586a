import { open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeError } from '../errors/writeError.js';
import { fsyncDir, tempPathFor } from '../util/atomicWrite.js';
import { Sha256Stream } from '../util/Sha256Stream.js';
import { BrotliObject, OBJECT_BLOCK } from './BrotliObject.js';

/** A new latest.csv staged beside its place (and, when asked, its compressed copy stored as an object). */
export interface StagedContent {
  sha256: string;
  bytes: number;
  /** `objects/<sha256>.csv.br`, relative to the store's folder, when a copy was asked for. */
  object?: string;
  /** The staged latest.csv, until commit() renames it (read back to derive what the store keeps). */
  readonly tempPath: string;
  /** Resolves once the staged latest.csv is on disk (fsynced): before a manifest names its content. */
  durable(): Promise<void>;
  /** Renames latest.csv into place. */
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Streams a new latest.csv, chunk by chunk, into a temp file beside
 * `latestPath`, hashing as it goes (a large one on the hash thread:
 * Sha256Stream): never one buffer of the whole table. With `storeDir`, also
 * into a compressed copy, the content object `objects/<sha256>.csv.br` of a
 * whole snapshot (BrotliObject). latest.csv waits for `commit()`, after the manifest.
 */
export async function stageContent(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  latestPath: string,
  storeDir: string | null,
  recycle?: (chunk: Uint8Array) => void,
): Promise<StagedContent> {
  const latestTmp = tempPathFor(latestPath);
  const handle = await open(latestTmp, 'w').catch((err: unknown) => {
    throw writeError(err, dirname(latestPath));
  });
  let zipped: BrotliObject | null = null;
  // Writes latest.csv as it hashes it: a large one on the hash thread, which then also takes the page cache's cost
  // of a new file (0.05-0.35 s for 187 MB) off the thread that produces the bytes, and flushes it to disk every 32 MB
  // as it goes (the fsync below then waits about 10 ms, not 60).
  const hashing = new Sha256Stream(handle.fd, 32 << 20);
  let bytes = 0;
  let sha256: string;
  try {
    if (storeDir !== null) zipped = await BrotliObject.create(join(storeDir, 'objects'));
    let batch: Uint8Array[] = [];
    let batched = 0;
    const flush = async (): Promise<void> => {
      const kept = batch.length === 1; // the object holds it; several are copied into one block
      const block = kept ? Buffer.from(batch[0]!.buffer, batch[0]!.byteOffset, batch[0]!.byteLength) : Buffer.concat(batch);
      if (!kept && recycle !== undefined) for (const chunk of batch) recycle(chunk);
      await zipped!.write(block);
      batch = [];
      batched = 0;
    };
    for await (const chunk of chunks) {
      await hashing.update(chunk);
      bytes += chunk.length;
      if (zipped === null) {
        recycle?.(chunk); // copied by update
        continue;
      }
      batch.push(chunk);
      batched += chunk.length;
      if (batched >= OBJECT_BLOCK) await flush();
    }
    if (zipped !== null && (batched > 0 || bytes === 0)) await flush();
    sha256 = await hashing.digest();
  } catch (err) {
    // Nothing more is written to the descriptor (by the hash thread) before it is closed.
    await hashing.abort();
    await handle.close();
    await zipped?.abort();
    await rm(latestTmp, { force: true });
    throw writeError(err, dirname(latestPath));
  }
  // Every byte written: flushed to disk while the caller goes on (its changeset, the index); durable() waits for it.
  const syncing = handle.sync().finally(() => handle.close());
  syncing.catch(() => undefined);
  const fail = async (err: unknown): Promise<never> => {
    await syncing.catch(() => undefined);
    await rm(latestTmp, { force: true });
    throw err;
  };
  let object: string | undefined;
  if (zipped !== null) {
    try {
      object = `objects/${await zipped.place(await zipped.finish())}`;
    } catch (err) {
      await fail(err);
    }
  }
  const durable = (): Promise<void> => syncing.catch((err: unknown) => fail(writeError(err, dirname(latestPath))));
  return {
    sha256,
    bytes,
    ...(object ? { object } : {}),
    tempPath: latestTmp,
    durable,
    commit: async () => {
      await durable();
      try {
        await rename(latestTmp, latestPath);
      } catch (err) {
        await rm(latestTmp, { force: true });
        throw writeError(err, dirname(latestPath));
      }
      fsyncDir(dirname(latestPath));
    },
    abort: async () => {
      await syncing.catch(() => undefined);
      await rm(latestTmp, { force: true });
    },
  };
}
