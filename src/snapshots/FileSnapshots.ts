import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';
import type { Table } from '../table/Table.js';
import { tableContent } from '../table/LatestContent.js';
import type { Clock } from '../util/Clock.js';
import { crashPoint } from '../util/crashPoint.js';
import type { Workspace } from '../workspace/Workspace.js';
import { CONTENT_FOLDERS, ContentObjects } from './ContentObjects.js';
import { csvToTable } from '../csv/csvToTable.js';
import { definitionHash } from './definitionHash.js';
import { LatestIndexFile } from './LatestIndexFile.js';
import { keyOrderOf } from './KeyOrder.js';
import { chainPolicy, stageRunContent } from './stageRunContent.js';
import { LatestFile } from './LatestFile.js';
import { destroyStore } from './destroyStore.js';
import { folderBytes } from './listDir.js';
import { FileManifests } from './FileManifests.js';
import type { ManifestCatalog } from './ManifestCatalog.js';
import { RowFinder } from './RowFinder.js';
import type { LedgerEntry, SnapshotManifest } from './SnapshotManifest.js';
import { recordedPaths } from './recordedPaths.js';
import { formatField } from './parseManifest.js';
import { isSnapshotId, nextSnapshotId } from './snapshotId.js';
import type { PipelineSnapshots, ResetDraft, SnapshotDraft, StoreUsage } from './SnapshotStore.js';

/** Team mode's places for a pipeline's manifests (a catalog) and content objects (a folder every worker reaches). */
export interface SnapshotPlace {
  manifests: ManifestCatalog;
  contentDir: string;
}

/**
 * One pipeline's snapshots on disk, under `<snapshots.path>/<pipeline>/`: the
 * content objects (ContentObjects: each distinct latest.csv and ledger once),
 * `manifests/<id>.json` recording each snapshot, the pins (PinSet) and
 * latest.csv itself (LatestFile). Writing the manifest is the commit point;
 * this class keeps the manifests and the order of the commit protocol.
 */
export class FileSnapshots implements PipelineSnapshots {
  private finder: RowFinder | undefined;
  private readonly manifests: ManifestCatalog;
  constructor(
    private readonly definition: PipelineDefinition,
    private readonly workspace: Workspace,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Where manifests and content live when not in the snapshot folder (team mode: a catalog and a blob folder). */
    place?: SnapshotPlace,
  ) {
    this.manifests = place?.manifests ?? new FileManifests(this.dir(), definition.name, workspace);
    this.contentDir = place?.contentDir ?? this.dir();
  }

  private readonly contentDir: string;

  /** The pipeline's snapshot folder: latest.csv's stamp and index, and (unless placed elsewhere) manifests and content. */
  dir(): string {
    return join(this.workspace.resolve(this.definition.snapshots.path, 'snapshots.path'), this.definition.name);
  }

  private objects(): ContentObjects {
    return new ContentObjects(this.contentDir, this.definition.name);
  }

  private latest(): LatestFile {
    return new LatestFile(this.workspace.resolve(this.definition.output.path, 'output.path'), join(this.dir(), 'latest.stamp.json'));
  }

  private latestIndex(): LatestIndexFile {
    return new LatestIndexFile(join(this.dir(), 'latest.index'), this.logger, this.definition.name);
  }

  async list(): Promise<SnapshotManifest[]> {
    const ids = await this.ids();
    return Promise.all(ids.map((id) => this.get(id)));
  }

  async head(): Promise<SnapshotManifest | null> {
    const last = (await this.ids()).at(-1);
    return last === undefined ? null : this.get(last);
  }

  async get(id: string): Promise<SnapshotManifest> {
    const hint = `list them with: dropline snapshots ${this.definition.name}`;
    if (!isSnapshotId(id)) {
      throw new DroplineError('SNAPSHOT_NOT_FOUND', `"${id}" is not a snapshot id (ids look like 20261125T214231123Z); ${hint}`, { pipeline: this.definition.name });
    }
    const manifest = await this.manifests.read(id);
    if (manifest === null) throw new DroplineError('SNAPSHOT_NOT_FOUND', `pipeline ${this.definition.name} has no snapshot ${id}; ${hint}`, { pipeline: this.definition.name });
    return manifest;
  }

  async readTable(manifest: SnapshotManifest): Promise<Table> {
    return csvToTable((await this.readLatestBytes(manifest)).toString('utf8'));
  }

  async readLatestBytes(manifest: SnapshotManifest): Promise<Buffer> {
    return this.useLatestBytes(manifest, async (bytes) => bytes);
  }

  /** latest.csv is used as it is read, while the hash thread checks it; the snapshot's own content if it does not match. */
  async useLatestBytes<T>(manifest: SnapshotManifest, use: (bytes: Buffer) => Promise<T>): Promise<T> {
    const read = await this.latest().readChecking(manifest.latest.sha256);
    if (read !== null) {
      const used = use(read.bytes)
        .then((result): { result: T } | { error: unknown } => ({ result }))
        .catch((error: unknown) => ({ error }));
      const [outcome, matches] = await Promise.all([used, read.matches]);
      if (matches) return 'error' in outcome ? Promise.reject(outcome.error) : outcome.result;
    }
    return use(await this.objects().readContent(manifest));
  }

  async readLatestIndex(manifest: SnapshotManifest): Promise<Uint8Array | null> {
    return this.latestIndex().read(manifest.latest.sha256);
  }

  async readLedger(manifest: SnapshotManifest | null): Promise<LedgerEntry[]> {
    return manifest === null ? [] : (this.manifests.ledgers ?? this.objects()).readLedger(manifest);
  }

  async nextId(): Promise<string> {
    return nextSnapshotId(this.clock.now(), (await this.ids()).at(-1) ?? null);
  }

  async commit(draft: SnapshotDraft): Promise<SnapshotManifest> {
    const { table, content: given, baseLedger, changes, ...rest } = draft;
    const content = given ?? tableContent(table);
    // latest.csv is staged and the objects written; it is renamed into place only after the manifest (the protocol).
    const latest = this.latest();
    await mkdir(dirname(latest.path), { recursive: true });
    const head = rest.parent === null ? null : await this.get(rest.parent);
    const definitionSha256 = definitionHash(this.definition);
    const { staged, latest: content$ } = await stageRunContent({
      ...{ storeDir: this.contentDir, latestPath: latest.path, id: rest.id, content, changes: changes ?? null, head },
      ...{ order: keyOrderOf(this.definition), policy: chainPolicy(this.definition), objects: this.objects() },
      logger: this.logger.child({ pipeline: this.definition.name }),
    });
    crashPoint('after-object');
    let manifest: SnapshotManifest;
    let index: ReturnType<LatestIndexFile['stage']> = Promise.resolve(null);
    try {
      // The index is written while the manifest is, and renamed into place after latest.csv.
      if (content.index) index = this.latestIndex().stage(staged.sha256, content.indexPieces?.() ?? [content.index()]);
      manifest = {
        ...rest,
        ...formatField(content$),
        pipeline: this.definition.name,
        kind: rest.kind ?? 'run',
        createdAt: this.clock.now().toISOString(),
        definitionSha256,
        latest: content$,
        ledger: await (this.manifests.ledgers ?? this.objects()).writeLedger([...baseLedger, ...rest.files.map(({ name, sha256: h }) => ({ name, sha256: h }))]),
        paths: recordedPaths(this.definition, this.workspace),
      };
      await staged.durable();
      await this.manifests.write(manifest);
    } catch (err) {
      await staged.abort();
      await (await index)?.abort();
      throw err;
    }
    crashPoint('after-manifest');
    await staged.commit();
    await latest.stamp(staged.sha256);
    crashPoint('after-latest');
    await (await index)?.commit();
    return manifest;
  }

  async commitReset(draft: ResetDraft): Promise<SnapshotManifest> {
    const { target } = draft;
    const content = await this.objects().readContent(target);
    const manifest: SnapshotManifest = {
      id: draft.id,
      parent: draft.parent,
      pipeline: this.definition.name,
      ...formatField(target.latest),
      kind: 'reset',
      restoredFrom: target.id,
      createdAt: this.clock.now().toISOString(),
      files: [],
      counts: { read: 0, merged: 0, rejected: 0, inserted: 0, updated: 0 },
      headers: [],
      definitionSha256: definitionHash(this.definition),
      latest: target.latest,
      ledger: target.ledger,
      ...(draft.requeued.length > 0 ? { requeued: draft.requeued } : {}),
      paths: recordedPaths(this.definition, this.workspace),
    };
    await this.manifests.write(manifest);
    crashPoint('after-manifest');
    await this.latest().write(content, target.latest.sha256);
    return manifest;
  }

  async ensureLatest(expected = false): Promise<boolean> {
    const latest = this.latest();
    await latest.removeStaleTemps();
    const head = await this.head();
    if (head === null) return false;
    if ((await latest.hash()) === head.latest.sha256) return false;
    if (!expected) this.logger.warn(`latest.csv did not match snapshot ${head.id}; restored it from the snapshot`, { pipeline: this.definition.name });
    await latest.write(await this.objects().readContent(head), head.latest.sha256);
    return true;
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) await this.get(id);
    await this.manifests.remove(ids);
    // Content and ledgers no remaining snapshot refers to go too.
    await this.objects().sweep(await this.list());
  }

  async destroy(): Promise<void> {
    const latest = this.latest();
    await this.manifests.clear?.();
    await destroyStore(this.dir(), async () => {
      await rm(latest.path, { force: true });
      await latest.removeStaleTemps();
    });
    if (this.contentDir !== this.dir()) await destroyStore(this.contentDir, async () => undefined);
  }

  async usage(): Promise<StoreUsage> {
    return { snapshots: (await this.ids()).length, bytes: await folderBytes(this.contentDir, ['manifests', ...CONTENT_FOLDERS, 'ledgers']) };
  }

  /** Keys' rows in a snapshot, and the rows a run changed, with their origins (RowFinder: each object read once per store instance). */
  rows(): RowFinder {
    return (this.finder ??= new RowFinder(this.objects(), this.definition));
  }

  /** The pinned ids; no pins.json means none. A pins.json that cannot be read is never taken for "none": prune would delete pinned snapshots. */
  async pins(): Promise<Set<string>> {
    return this.manifests.pins();
  }

  async setPinned(id: string, pinned: boolean): Promise<void> {
    await this.get(id);
    await this.manifests.setPinned(id, pinned);
  }

  private ids(): Promise<string[]> {
    return this.manifests.ids();
  }
}
