import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';
import type { Table } from '../merge/Merger.js';
import { TOKENS } from '../tokens.js';
import { atomicWrite, stageWrite } from '../util/atomicWrite.js';
import type { Clock } from '../util/Clock.js';
import { crashPoint } from '../util/crashPoint.js';
import type { Workspace } from '../workspace/Workspace.js';
import { ContentObjects } from './ContentObjects.js';
import { csvToTable, tableToCsvChunks } from './csvText.js';
import { definitionHash } from './definitionHash.js';
import { gzipChunks } from './gzipChunks.js';
import { LatestFile } from './LatestFile.js';
import { listDir } from './listDir.js';
import { PinSet } from './PinSet.js';
import type { LedgerEntry, SnapshotManifest } from './SnapshotManifest.js';
import { recordedPaths } from './recordedPaths.js';
import { parseManifest } from './parseManifest.js';
import { isSnapshotId, nextSnapshotId } from './snapshotId.js';
import { readStateJson, type StateFile } from './readStateJson.js';
import type { ResetDraft, SnapshotDraft, SnapshotStore, StoreUsage } from './SnapshotStore.js';

export { definitionHash };

/**
 * Snapshots on disk, per pipeline under `<snapshots.path>/<pipeline>/`: the
 * content objects (ContentObjects: each distinct latest.csv and ledger once),
 * `manifests/<id>.json` recording each snapshot, the pins (PinSet) and
 * latest.csv itself (LatestFile). Writing the manifest is the commit point;
 * this class keeps the manifests and the order of the commit protocol.
 */
@injectable()
export class FileSnapshotStore implements SnapshotStore {
  constructor(
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  dir(definition: PipelineDefinition): string {
    return join(this.workspace.resolve(definition.snapshots.path, 'snapshots.path'), definition.name);
  }

  private objects(definition: PipelineDefinition): ContentObjects {
    return new ContentObjects(this.dir(definition), definition.name);
  }

  private latest(definition: PipelineDefinition): LatestFile {
    return new LatestFile(this.workspace.resolve(definition.output.path, 'output.path'), join(this.dir(definition), 'latest.stamp.json'));
  }

  private pinSet(definition: PipelineDefinition): PinSet {
    const todo = `restore it from a backup, or write the pinned snapshot ids into it as a JSON list (["<id>", ...], [] for none); prune, pin and unpin refuse to run until then`;
    return new PinSet(this.stateFile(definition, 'pins.json', 'the list of pinned snapshots', todo));
  }

  async list(definition: PipelineDefinition): Promise<SnapshotManifest[]> {
    const ids = await this.ids(definition);
    return Promise.all(ids.map((id) => this.get(definition, id)));
  }

  async head(definition: PipelineDefinition): Promise<SnapshotManifest | null> {
    const last = (await this.ids(definition)).at(-1);
    return last === undefined ? null : this.get(definition, last);
  }

  async get(definition: PipelineDefinition, id: string): Promise<SnapshotManifest> {
    const hint = `list them with: dropline snapshots ${definition.name}`;
    if (!isSnapshotId(id)) {
      throw new DroplineError('SNAPSHOT_NOT_FOUND', `"${id}" is not a snapshot id (ids look like 20261125T214231123Z); ${hint}`, { pipeline: definition.name });
    }
    const todo = `restore it from a backup, or move it out of the manifests folder to drop snapshot ${id} from the history`;
    const file = this.stateFile(definition, join('manifests', `${id}.json`), `the manifest of snapshot ${id}`, todo);
    const manifest = await readStateJson(file, (value) => parseManifest(value, id));
    if (manifest === null) throw new DroplineError('SNAPSHOT_NOT_FOUND', `pipeline ${definition.name} has no snapshot ${id}; ${hint}`, { pipeline: definition.name });
    return manifest;
  }

  async readTable(definition: PipelineDefinition, manifest: SnapshotManifest): Promise<Table> {
    // latest.csv holds the same bytes when its stamp says so: no gunzip, no re-hash.
    const bytes = (await this.latest(definition).readIf(manifest.latest.sha256)) ?? (await this.objects(definition).readContent(manifest));
    return csvToTable(bytes.toString('utf8'));
  }

  async readLedger(definition: PipelineDefinition, manifest: SnapshotManifest | null): Promise<LedgerEntry[]> {
    return manifest === null ? [] : this.objects(definition).readLedger(manifest);
  }

  async nextId(definition: PipelineDefinition): Promise<string> {
    return nextSnapshotId(this.clock.now(), (await this.ids(definition)).at(-1) ?? null);
  }

  async commit(definition: PipelineDefinition, draft: SnapshotDraft): Promise<SnapshotManifest> {
    const { table, baseLedger, ...rest } = draft;
    const content = tableToCsvChunks(table);
    const hashing = createHash('sha256');
    for (const chunk of content) hashing.update(chunk);
    const hash = hashing.digest('hex');
    const bytes = content.reduce((n, c) => n + c.length, 0);
    const object = `objects/${hash}.csv.gz`;
    // latest.csv is written to a temp file while gzip (level 1: ~3x faster than the default for ~10% more
    // bytes) runs on the thread pool; it is renamed into place only after the manifest, as the protocol says.
    const latest = this.latest(definition);
    const objects = this.objects(definition);
    await mkdir(dirname(latest.path), { recursive: true });
    const staging = stageWrite(latest.path, content);
    const [staged] = await Promise.all([staging, objects.write(object, () => gzipChunks(content))]).catch(async (err: unknown) => {
      await (await staging.catch(() => null))?.abort();
      throw err;
    });
    crashPoint('after-object');
    let manifest: SnapshotManifest;
    try {
      manifest = {
        ...rest,
        pipeline: definition.name,
        kind: 'run',
        createdAt: this.clock.now().toISOString(),
        definitionSha256: definitionHash(definition),
        latest: { sha256: hash, bytes, rows: table.rows.length, object },
        ledger: await objects.writeLedger([...baseLedger, ...rest.files.map(({ name, sha256: h }) => ({ name, sha256: h }))]),
        paths: recordedPaths(definition, this.workspace),
      };
      await this.writeManifest(definition, manifest);
    } catch (err) {
      await staged.abort();
      throw err;
    }
    crashPoint('after-manifest');
    await staged.commit();
    await latest.stamp(hash);
    crashPoint('after-latest');
    return manifest;
  }

  async commitReset(definition: PipelineDefinition, draft: ResetDraft): Promise<SnapshotManifest> {
    const { target } = draft;
    const content = await this.objects(definition).readContent(target);
    const manifest: SnapshotManifest = {
      id: draft.id,
      parent: draft.parent,
      pipeline: definition.name,
      kind: 'reset',
      restoredFrom: target.id,
      createdAt: this.clock.now().toISOString(),
      files: [],
      counts: { read: 0, merged: 0, rejected: 0, inserted: 0, updated: 0 },
      headers: [],
      definitionSha256: definitionHash(definition),
      latest: target.latest,
      ledger: target.ledger,
      ...(draft.requeued.length > 0 ? { requeued: draft.requeued } : {}),
      paths: recordedPaths(definition, this.workspace),
    };
    await this.writeManifest(definition, manifest);
    crashPoint('after-manifest');
    await this.latest(definition).write(content, target.latest.sha256);
    return manifest;
  }

  async ensureLatest(definition: PipelineDefinition): Promise<boolean> {
    const latest = this.latest(definition);
    await latest.removeStaleTemps();
    const head = await this.head(definition);
    if (head === null) return false;
    if ((await latest.hash()) === head.latest.sha256) return false;
    this.logger.warn(`latest.csv did not match snapshot ${head.id}; restored it from the snapshot`, { pipeline: definition.name });
    await latest.write(await this.objects(definition).readContent(head), head.latest.sha256);
    return true;
  }

  async remove(definition: PipelineDefinition, ids: string[]): Promise<void> {
    const dir = this.dir(definition);
    for (const id of ids) {
      await this.get(definition, id);
      await rm(join(dir, 'manifests', `${id}.json`));
    }
    await this.pinSet(definition).forget(ids);
    // Content and ledgers no remaining snapshot refers to go too.
    await this.objects(definition).sweep(await this.list(definition));
  }

  async destroy(definition: PipelineDefinition): Promise<void> {
    const dir = this.dir(definition);
    // Renaming the manifests away first makes "no snapshots" true in one atomic step.
    const trash = join(dir, `.trash-${randomBytes(4).toString('hex')}`);
    try {
      await rename(join(dir, 'manifests'), trash);
    } catch {
      // no manifests: nothing recorded
    }
    const latest = this.latest(definition);
    await rm(latest.path, { force: true });
    await latest.removeStaleTemps();
    for (const name of await listDir(dir)) {
      if (name !== 'lock' && name !== 'clean.pending') await rm(join(dir, name), { recursive: true, force: true });
    }
    // The manifests set aside go last (also those a destroy that crashed set aside), or they would stay forever.
    for (const name of (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith('.trash-'))) {
      await rm(join(dir, name), { recursive: true, force: true });
    }
  }

  async usage(definition: PipelineDefinition): Promise<StoreUsage> {
    const dir = this.dir(definition);
    let bytes = 0;
    for (const folder of ['manifests', 'objects', 'ledgers']) {
      for (const name of await listDir(join(dir, folder))) bytes += (await stat(join(dir, folder, name))).size;
    }
    return { snapshots: (await this.ids(definition)).length, bytes };
  }

  /** The pinned ids; no pins.json means none. A pins.json that cannot be read is never taken for "none": prune would delete pinned snapshots. */
  async pins(definition: PipelineDefinition): Promise<Set<string>> {
    return this.pinSet(definition).read();
  }

  private stateFile(definition: PipelineDefinition, name: string, what: string, todo: string): StateFile {
    const path = join(this.dir(definition), name);
    return { path, shown: this.workspace.display(path), pipeline: definition.name, what, todo };
  }

  async setPinned(definition: PipelineDefinition, id: string, pinned: boolean): Promise<void> {
    await this.get(definition, id);
    await this.pinSet(definition).set(id, pinned);
  }

  private async writeManifest(definition: PipelineDefinition, manifest: SnapshotManifest): Promise<void> {
    const dir = join(this.dir(definition), 'manifests');
    await mkdir(dir, { recursive: true });
    await atomicWrite(join(dir, `${manifest.id}.json`), JSON.stringify(manifest, null, 2) + '\n');
  }

  private async ids(definition: PipelineDefinition): Promise<string[]> {
    return (await listDir(join(this.dir(definition), 'manifests')))
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .filter(isSnapshotId)
      .sort();
  }
}
