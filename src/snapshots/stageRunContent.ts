import { open, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { quoteCsvField } from '../csv/quoteCsvField.js';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import type { ChangedRow } from '../table/ChangedRow.js';
import type { LatestContent } from '../table/LatestContent.js';
import { crashPoint } from '../util/crashPoint.js';
import { CHANGES_DIR, CHANGES_HEADER } from './changesFormat.js';
import type { ContentObjects } from './ContentObjects.js';
import { BrotliObject, OBJECT_BLOCK } from './BrotliObject.js';
import { sameKeyOrder, type KeyOrderSpec } from './KeyOrder.js';
import { SnapshotChain } from './SnapshotChain.js';
import type { SnapshotManifest } from './SnapshotManifest.js';
import { stageContent, type StagedContent } from './stageContent.js';
import { writeChangeset } from './writeChangeset.js';
import { ChangesetWriter, type WrittenChangeset } from './ChangesetWriter.js';
import { writeError } from '../errors/writeError.js';

/** When a run writes a checkpoint instead of adding its changeset to the chain (`snapshots.checkpointEvery`, `snapshots.maxChain`). */
export interface ChainPolicy {
  /** At most this many changesets after a checkpoint. */
  every: number;
  /** The changesets after a checkpoint take at most this fraction of its size on disk. */
  maxChain: number;
}

/** The policy a definition sets (defaults: a checkpoint after 20 changesets, or once they take half its size). */
export function chainPolicy(definition: PipelineDefinition): ChainPolicy {
  return { every: definition.snapshots.checkpointEvery ?? 20, maxChain: definition.snapshots.maxChain ?? 0.5 };
}

export interface RunContentJob {
  storeDir: string;
  latestPath: string;
  id: string;
  content: LatestContent;
  /** What the run changed, read once latest.csv is staged, unless the content tells it (chunksWithChanges); null: not known, the snapshot is kept whole. */
  changes: Iterable<ChangedRow> | null;
  head: SnapshotManifest | null;
  order: KeyOrderSpec;
  policy: ChainPolicy;
  objects: ContentObjects;
  logger: Logger;
}

/** latest.csv staged beside its place and the manifest's `latest`, with the objects it names written. */
export interface StagedRun {
  staged: StagedContent;
  latest: SnapshotManifest['latest'];
}

/**
 * Writes what a run's snapshot keeps, before its manifest: latest.csv to a
 * temp file, the run's changeset (in the same pass, from content that tells
 * its changes), and then either the chain (the head's
 * checkpoint and changesets, plus this one) or, when the policy says so, a new
 * checkpoint merged from them, checked to hold exactly the new latest.csv.
 * A first run's changeset is its checkpoint. Without changes (a merger that
 * cannot say what changed, new columns, another key order), the snapshot is a
 * whole compressed latest.csv, as in the first format.
 */
export async function stageRunContent(job: RunContentJob): Promise<StagedRun> {
  const { storeDir, content, head } = job;
  if (content.chunksWithChanges === undefined && job.changes === null) {
    const staged = await stageContent(content.chunks(), job.latestPath, storeDir, content.recycle?.bind(content));
    return { staged, latest: { sha256: staged.sha256, bytes: staged.bytes, rows: content.rows, object: staged.object! } };
  }
  const header = Buffer.from(content.columns.map((c) => quoteCsvField(c)).join(',') + '\n', 'utf8');
  const { staged, run } = await stageWithChangeset(job, header);
  try {
    crashPoint('after-changeset');
    const chained = { sha256: staged.sha256, bytes: staged.bytes, rows: content.rows, run: run.object, order: job.order };
    if (head === null) {
      if (run.latestSha256 === staged.sha256) return { staged, latest: { ...chained, object: run.object, changes: [] } };
      job.logger.warn(`the changeset of run ${job.id} does not make its latest.csv; kept the snapshot whole`);
      return { staged, latest: { ...chained, object: await wholeCopy(storeDir, staged.tempPath), changes: [] } };
    }
    // A head of the first format records no key order: its plain copy becomes the base of a checkpoint at once,
    // which is checked against the new latest.csv (a copy sorted by another key would not match).
    const legacy = head.latest.order === undefined;
    if (!legacy && !sameKeyOrder(head.latest.order, job.order)) return { staged, latest: { ...chained, object: await wholeCopy(storeDir, staged.tempPath), changes: [] } };
    const chain = [...(head.latest.changes ?? []), run.object];
    if (!legacy && chain.length < job.policy.every && (await sizeOf(storeDir, chain)) <= job.policy.maxChain * (await sizeOf(storeDir, [head.latest.object]))) {
      return { staged, latest: { ...chained, object: head.latest.object, changes: chain } };
    }
    const lists = await Promise.all([head.latest.object, ...chain].map((o) => job.objects.records(head, o)));
    const merged = new SnapshotChain(lists, job.order);
    const checkpoint = await writeObject(storeDir, CHANGES_DIR, merged.checkpoint(CHANGES_HEADER));
    crashPoint('after-checkpoint');
    if (merged.sha256() === staged.sha256) return { staged, latest: { ...chained, object: checkpoint, changes: [] } };
    job.logger.warn(`the checkpoint of run ${job.id} does not make its latest.csv; kept the snapshot whole`);
    return { staged, latest: { ...chained, object: await wholeCopy(storeDir, staged.tempPath), changes: [] } };
  } catch (err) {
    await staged.abort();
    throw err;
  }
}

/**
 * latest.csv staged and the run's changeset written: in one pass when the
 * content tells its changes as it writes (each chunk handed on lets the
 * changeset's full blocks go to the compressor), else from the draft's changes
 * once latest.csv is staged.
 */
async function stageWithChangeset(job: RunContentJob, header: Buffer): Promise<{ staged: StagedContent; run: WrittenChangeset }> {
  const { storeDir, content } = job;
  if (content.chunksWithChanges === undefined) {
    const staged = await stageContent(content.chunks(), job.latestPath, null, content.recycle?.bind(content));
    try {
      return { staged, run: await writeChangeset(storeDir, header, job.id, job.changes ?? []) };
    } catch (err) {
      await staged.abort();
      throw err;
    }
  }
  const writer = await ChangesetWriter.create(storeDir, header, job.id);
  let staged: StagedContent;
  try {
    staged = await stageContent(draining(content.chunksWithChanges(writer), writer, join(storeDir, CHANGES_DIR)), job.latestPath, null, content.recycle?.bind(content));
  } catch (err) {
    await writer.abort();
    throw err;
  }
  try {
    return { staged, run: await writer.finish() };
  } catch (err) {
    await writer.abort();
    await staged.abort();
    throw err;
  }
}

/** The chunks as they come, the writer's full blocks handed on between them (a failure there names the changes folder). */
async function* draining(chunks: Iterable<Uint8Array>, writer: ChangesetWriter, folder: string): AsyncIterable<Uint8Array> {
  for (const chunk of chunks) {
    yield chunk;
    if (writer.filled) await writer.drain().catch((err: unknown) => Promise.reject(writeError(err, folder)));
  }
}

/** Writes chunks as an object in `folder`, named by their hash; its name relative to the store's folder. */
async function writeObject(storeDir: string, folder: string, chunks: Iterable<Buffer> | AsyncIterable<Buffer>): Promise<string> {
  const object = await BrotliObject.create(join(storeDir, folder));
  try {
    for await (const chunk of chunks) await object.write(chunk);
    return `${folder}/${await object.place(await object.finish())}`;
  } catch (err) {
    await object.abort();
    throw err;
  }
}

/** A compressed copy of the staged latest.csv: the snapshot's content object, kept whole as in the first format. */
async function wholeCopy(storeDir: string, path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    return await writeObject(storeDir, 'objects', blocksOf(handle));
  } finally {
    await handle.close();
  }
}

async function* blocksOf(handle: FileHandle): AsyncIterable<Buffer> {
  for (;;) {
    const block = Buffer.allocUnsafe(OBJECT_BLOCK);
    const { bytesRead } = await handle.read(block, 0, block.length);
    if (bytesRead === 0) return;
    yield block.subarray(0, bytesRead);
  }
}

async function sizeOf(storeDir: string, objects: string[]): Promise<number> {
  let total = 0;
  for (const o of objects) total += (await stat(join(storeDir, o))).size;
  return total;
}
