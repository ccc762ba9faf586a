import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createGzip, gunzipSync } from 'node:zlib';
import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';
import type { Table } from '../table/Table.js';
import { TOKENS } from '../tokens.js';
import { atomicWrite, stageWrite } from '../util/atomicWrite.js';
import { sha256 } from '../util/sha256.js';
import type { Clock } from '../util/Clock.js';
import { crashPoint } from '../util/crashPoint.js';
import type { Workspace } from '../workspace/Workspace.js';
import { csvToTable } from '../csv/csvToTable.js';
import { tableToCsvChunks } from '../csv/tableToCsv.js';
import type { LedgerEntry, SnapshotManifest } from './SnapshotManifest.js';
import { recordedPaths } from './recordedPaths.js';
import { parseManifest } from './parseManifest.js';
import { parsePins } from './parsePins.js';
import { isSnapshotId, nextSnapshotId } from './snapshotId.js';
import { readStateJson, type StateFile } from './readStateJson.js';
import type { ResetDraft, SnapshotDraft, SnapshotStore, StoreUsage } from './SnapshotStore.js';

/** Gzip (level 1: ~3x faster than the default for ~10% more bytes) of chunks, on the thread pool. */
async function gzipChunks(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  const zip = createGzip({ level: 1 });
  zip.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    zip.on('end', resolve);
    zip.on('error', reject);
  });
  for (const chunk of chunks) if (!zip.write(chunk)) await new Promise((r) => zip.once('drain', r));
  zip.end();
  await done;
  return Buffer.concat(out);
}

/** What latest.csv looked like when the store last wrote it, to skip re-hashing it. */
interface LatestStamp {
  sha256: string;
  size: number;
  mtimeMs: number;
}

/**
 * Snapshots on disk, per pipeline under `<snapshots.path>/<pipeline>/`:
 * `objects/<sha256>.csv.gz` holds each distinct latest.csv once (gzip; a
 * snapshot with unchanged content costs only its manifest), `ledgers/<sha256>.json`
 * each distinct processed-file ledger, and `manifests/<id>.json` records each
 * snapshot. Writing the manifest is the commit point.
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

  latestPath(definition: PipelineDefinition): string {
    return this.workspace.resolve(definition.output.path, 'output.path');
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
    if ((await this.currentLatestHash(definition, false)) === manifest.latest.sha256) {
      // Checked after reading: a run may replace latest.csv between the stamp and the read (serve reads unlocked).
      const bytes = await readFile(this.latestPath(definition)).catch(() => null);
      if (bytes !== null && sha256(bytes) === manifest.latest.sha256) return csvToTable(bytes.toString('utf8'));
    }
    return csvToTable((await this.readContent(definition, manifest)).toString('utf8'));
  }

  async readLedger(definition: PipelineDefinition, manifest: SnapshotManifest | null): Promise<LedgerEntry[]> {
    if (manifest === null) return [];
    const file = join(this.dir(definition), manifest.ledger.object);
    try {
      return JSON.parse(await readFile(file, 'utf8')) as LedgerEntry[];
    } catch (err) {
      throw new DroplineError('STATE_CORRUPT', `${file}: the ledger of snapshot ${manifest.id} is missing or damaged`, { pipeline: definition.name }, { cause: err });
    }
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
    const latestPath = this.latestPath(definition);
    await mkdir(dirname(latestPath), { recursive: true });
    const staging = stageWrite(latestPath, content);
    const [staged] = await Promise.all([staging, this.writeObject(definition, object, () => gzipChunks(content))]).catch(async (err: unknown) => {
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
        ledger: await this.writeLedger(definition, [...baseLedger, ...rest.files.map(({ name, sha256: h }) => ({ name, sha256: h }))]),
        paths: recordedPaths(definition, this.workspace),
      };
      await this.writeManifest(definition, manifest);
    } catch (err) {
      await staged.abort();
      throw err;
    }
    crashPoint('after-manifest');
    await staged.commit();
    await this.writeStamp(definition, hash);
    crashPoint('after-latest');
    return manifest;
  }

  async commitReset(definition: PipelineDefinition, draft: ResetDraft): Promise<SnapshotManifest> {
    const { target } = draft;
    const content = await this.readContent(definition, target);
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
    await this.writeLatest(definition, content, target.latest.sha256);
    return manifest;
  }

  async ensureLatest(definition: PipelineDefinition): Promise<boolean> {
    await this.removeStaleTemps(definition);
    const head = await this.head(definition);
    if (head === null) return false;
    if ((await this.currentLatestHash(definition)) === head.latest.sha256) return false;
    this.logger.warn(`latest.csv did not match snapshot ${head.id}; restored it from the snapshot`, { pipeline: definition.name });
    await this.writeLatest(definition, await this.readContent(definition, head), head.latest.sha256);
    return true;
  }

  async remove(definition: PipelineDefinition, ids: string[]): Promise<void> {
    const dir = this.dir(definition);
    for (const id of ids) {
      await this.get(definition, id);
      await rm(join(dir, 'manifests', `${id}.json`));
    }
    const pins = await this.pins(definition);
    if (ids.some((id) => pins.has(id))) {
      for (const id of ids) pins.delete(id);
      await atomicWrite(join(dir, 'pins.json'), JSON.stringify([...pins].sort()) + '\n');
    }
    // Content and ledgers no remaining snapshot refers to go too.
    const used = new Set((await this.list(definition)).flatMap((m) => [m.latest.object, m.ledger.object]));
    for (const folder of ['objects', 'ledgers']) {
      for (const name of await listDir(join(dir, folder))) {
        if (!used.has(`${folder}/${name}`)) await rm(join(dir, folder, name), { force: true });
      }
    }
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
    await rm(this.latestPath(definition), { force: true });
    await this.removeStaleTemps(definition);
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
    const todo = `restore it from a backup, or write the pinned snapshot ids into it as a JSON list (["<id>", ...], [] for none); prune, pin and unpin refuse to run until then`;
    const file = this.stateFile(definition, 'pins.json', 'the list of pinned snapshots', todo);
    return (await readStateJson(file, (value) => parsePins(value, isSnapshotId))) ?? new Set();
  }

  private stateFile(definition: PipelineDefinition, name: string, what: string, todo: string): StateFile {
    const path = join(this.dir(definition), name);
    return { path, shown: this.workspace.display(path), pipeline: definition.name, what, todo };
  }

  async setPinned(definition: PipelineDefinition, id: string, pinned: boolean): Promise<void> {
    await this.get(definition, id);
    const pins = await this.pins(definition);
    if (pinned) pins.add(id);
    else pins.delete(id);
    await atomicWrite(join(this.dir(definition), 'pins.json'), JSON.stringify([...pins].sort()) + '\n');
  }

  private async writeObject(definition: PipelineDefinition, object: string, bytes: () => Uint8Array | string | Promise<Uint8Array>): Promise<void> {
    const file = join(this.dir(definition), object);
    await mkdir(dirname(file), { recursive: true });
    if (!(await exists(file))) await atomicWrite(file, await bytes());
  }

  private async writeLedger(definition: PipelineDefinition, entries: LedgerEntry[]): Promise<SnapshotManifest['ledger']> {
    const text = JSON.stringify(entries) + '\n';
    const object = `ledgers/${sha256(text)}.json`;
    await this.writeObject(definition, object, () => text);
    return { object, files: entries.length };
  }

  private async writeManifest(definition: PipelineDefinition, manifest: SnapshotManifest): Promise<void> {
    const dir = join(this.dir(definition), 'manifests');
    await mkdir(dir, { recursive: true });
    await atomicWrite(join(dir, `${manifest.id}.json`), JSON.stringify(manifest, null, 2) + '\n');
  }

  private async readContent(definition: PipelineDefinition, manifest: SnapshotManifest): Promise<Buffer> {
    const file = join(this.dir(definition), manifest.latest.object);
    let content: Buffer;
    try {
      content = gunzipSync(await readFile(file));
    } catch (err) {
      throw new DroplineError('STATE_CORRUPT', `${file}: snapshot ${manifest.id} content is missing or damaged`, { pipeline: definition.name }, { cause: err });
    }
    if (sha256(content) !== manifest.latest.sha256) {
      throw new DroplineError('STATE_CORRUPT', `${file}: snapshot ${manifest.id} content does not match its checksum`, { pipeline: definition.name });
    }
    return content;
  }

  private async writeLatest(definition: PipelineDefinition, content: Buffer, hash: string): Promise<void> {
    const path = this.latestPath(definition);
    await mkdir(dirname(path), { recursive: true });
    await atomicWrite(path, content);
    await this.writeStamp(definition, hash);
  }

  /** Temp copies of latest.csv a crash left behind (only this process writes them, under the lock). */
  private async removeStaleTemps(definition: PipelineDefinition): Promise<void> {
    const path = this.latestPath(definition);
    const prefix = `.${basename(path)}.`;
    for (const name of await readdir(dirname(path)).catch(() => [] as string[])) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) await rm(join(dirname(path), name), { force: true });
    }
  }

  private async writeStamp(definition: PipelineDefinition, hash: string): Promise<void> {
    const s = await stat(this.latestPath(definition));
    const stamp: LatestStamp = { sha256: hash, size: s.size, mtimeMs: Math.floor(s.mtimeMs) };
    await atomicWrite(join(this.dir(definition), 'latest.stamp.json'), JSON.stringify(stamp) + '\n');
  }

  /** The hash of latest.csv as it is now: from the stamp when size and mtime still match, else (if `read`) by reading it. */
  private async currentLatestHash(definition: PipelineDefinition, read = true): Promise<string | null> {
    const path = this.latestPath(definition);
    let s;
    try {
      s = await stat(path);
    } catch {
      return null;
    }
    try {
      const stamp = JSON.parse(await readFile(join(this.dir(definition), 'latest.stamp.json'), 'utf8')) as LatestStamp;
      if (stamp.size === s.size && stamp.mtimeMs === Math.floor(s.mtimeMs)) return stamp.sha256;
    } catch {
      // no stamp: hash the file
    }
    return read ? sha256(await readFile(path)) : null;
  }

  private async ids(definition: PipelineDefinition): Promise<string[]> {
    return (await listDir(join(this.dir(definition), 'manifests')))
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .filter(isSnapshotId)
      .sort();
  }
}

/** The names in a folder of the store, none when it does not exist (a folder that cannot be read is not "empty"). */
async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => !n.startsWith('.'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** A hash of what the definition says (not where its file is). */
export function definitionHash(definition: PipelineDefinition): string {
  const { file: _file, ...rest } = definition;
  return sha256(JSON.stringify(rest));
}
