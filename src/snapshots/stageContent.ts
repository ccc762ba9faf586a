import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { writeError } from '../errors/writeError.js';
import { fsyncDir, tempPathFor } from '../util/atomicWrite.js';

/** A new latest.csv staged beside its place, and its content object written. */
export interface StagedContent {
  sha256: string;
  bytes: number;
  /** `objects/<sha256>.csv.gz`, relative to the store's folder. */
  object: string;
  /** Renames latest.csv into place. */
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Streams a new latest.csv, chunk by chunk, into a temp file beside
 * `latestPath` and, gzipped (level 1: ~3x faster than the default for ~10%
 * more bytes, on the thread pool), into its content object under `storeDir`,
 * hashing as it goes: never one buffer of the whole table. The object is named
 * by the hash once known (renamed into place, or dropped if that content is
 * already stored); latest.csv waits for `commit()`, after the manifest.
 */
export async function stageContent(chunks: Iterable<Uint8Array>, latestPath: string, storeDir: string): Promise<StagedContent> {
  const objects = join(storeDir, 'objects');
  const latestTmp = tempPathFor(latestPath);
  const zipTmp = tempPathFor(join(objects, 'content.csv.gz'));
  const removeTemps = () => Promise.all([rm(latestTmp, { force: true }), rm(zipTmp, { force: true })]);
  await mkdir(objects, { recursive: true }).catch((err: unknown) => {
    throw writeError(err, objects);
  });
  const handle = await open(latestTmp, 'w').catch((err: unknown) => {
    throw writeError(err, dirname(latestPath));
  });
  const zipped = createWriteStream(zipTmp);
  const zip = createGzip({ level: 1 });
  zip.on('error', (err) => zipped.destroy(err));
  zip.pipe(zipped);
  // Listened to from the start: an error of the object file is this write's failure, never an unhandled event.
  const zipDone = finished(zipped);
  zipDone.catch(() => undefined);
  const hashing = createHash('sha256');
  let bytes = 0;
  try {
    // Small chunks are gathered into writes of about 1 MB: one system call each, not one per chunk.
    let batch: Uint8Array[] = [];
    let batched = 0;
    const flush = async (): Promise<void> => {
      const block = batch.length === 1 ? batch[0]! : Buffer.concat(batch);
      batch = [];
      batched = 0;
      const drained = zip.write(block) ? null : new Promise((r) => zip.once('drain', r));
      await handle.write(block);
      if (drained) await drained;
    };
    for (const chunk of chunks) {
      hashing.update(chunk);
      bytes += chunk.length;
      batch.push(chunk);
      batched += chunk.length;
      if (batched >= 1 << 20) await flush();
    }
    if (batched > 0) await flush();
    zip.end();
    await handle.sync();
    await zipDone;
    const zipHandle = await open(zipTmp, 'r+');
    await zipHandle.sync().finally(() => zipHandle.close());
  } catch (err) {
    zip.destroy();
    await handle.close();
    await removeTemps();
    throw writeError(err, dirname(latestPath));
  }
  await handle.close();
  const sha256 = hashing.digest('hex');
  const object = `objects/${sha256}.csv.gz`;
  const known = await stat(join(storeDir, object)).then(
    () => true,
    () => false,
  );
  try {
    if (known) await rm(zipTmp, { force: true });
    else {
      await rename(zipTmp, join(storeDir, object));
      fsyncDir(objects);
    }
  } catch (err) {
    await removeTemps();
    throw writeError(err, objects);
  }
  return {
    sha256,
    bytes,
    object,
    commit: async () => {
      try {
        await rename(latestTmp, latestPath);
      } catch (err) {
        await rm(latestTmp, { force: true });
        throw writeError(err, dirname(latestPath));
      }
      fsyncDir(dirname(latestPath));
    },
    abort: () => rm(latestTmp, { force: true }),
  };
}
