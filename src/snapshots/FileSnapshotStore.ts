import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';
import type { Table } from '../merge/Merger.js';
import { TOKENS } from '../tokens.js';
import { atomicWrite } from '../util/atomicWrite.js';
import type { Clock } from '../util/Clock.js';
import type { Workspace } from '../workspace/Workspace.js';
import { csvToTable, tableToCsv } from './csvText.js';
import type { SnapshotManifest } from './SnapshotManifest.js';
import { isSnapshotId, nextSnapshotId } from './snapshotId.js';
import type { SnapshotDraft, SnapshotStore } from './SnapshotStore.js';

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** What latest.csv looked like when the store last wrote it, to skip re-hashing it. */
interface LatestStamp {
  sha256: string;
  size: number;
  mtimeMs: number;
}

/**
 * Snapshots on disk, per pipeline under `<snapshots.path>/<pipeline>/`:
 * `objects/<sha256>.csv.gz` holds each distinct latest.csv once (gzip; a
 * snapshot with unchanged content costs only its manifest) and
 * `manifests/<id>.json` records each snapshot. The manifest is the commit point.
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
    const ids = await this.ids(definition);
    const last = ids.at(-1);
    return last === undefined ? null : this.get(definition, last);
  }

  async get(definition: PipelineDefinition, id: string): Promise<SnapshotManifest> {
    if (!isSnapshotId(id)) {
      throw new DroplineError('SNAPSHOT_NOT_FOUND', `"${id}" is not a snapshot id (ids look like 20261125T214231123Z); list them with: dropline snapshots ${definition.name}`, {
        pipeline: definition.name,
      });
    }
    const file = join(this.dir(definition), 'manifests', `${id}.json`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new DroplineError('SNAPSHOT_NOT_FOUND', `pipeline ${definition.name} has no snapshot ${id}; list them with: dropline snapshots ${definition.name}`, {
        pipeline: definition.name,
      });
    }
    return JSON.parse(text) as SnapshotManifest;
  }

  async readTable(definition: PipelineDefinition, manifest: SnapshotManifest): Promise<Table> {
    return csvToTable((await this.readContent(definition, manifest)).toString('utf8'));
  }

  async ledger(definition: PipelineDefinition): Promise<Map<string, string>> {
    const ledger = new Map<string, string>();
    for (const manifest of await this.list(definition)) for (const f of manifest.files) ledger.set(f.sha256, f.name);
    return ledger;
  }

  async nextId(definition: PipelineDefinition): Promise<string> {
    return nextSnapshotId(this.clock.now(), (await this.ids(definition)).at(-1) ?? null);
  }

  async commit(definition: PipelineDefinition, draft: SnapshotDraft): Promise<SnapshotManifest> {
    const { table, ...rest } = draft;
    const content = Buffer.from(tableToCsv(table), 'utf8');
    const hash = sha256(content);
    const dir = this.dir(definition);
    const object = `objects/${hash}.csv.gz`;
    await mkdir(join(dir, 'objects'), { recursive: true });
    await mkdir(join(dir, 'manifests'), { recursive: true });
    if (!(await exists(join(dir, object)))) await atomicWrite(join(dir, object), gzipSync(content));
    const manifest: SnapshotManifest = {
      ...rest,
      pipeline: definition.name,
      createdAt: this.clock.now().toISOString(),
      definitionSha256: definitionHash(definition),
      latest: { sha256: hash, bytes: content.length, rows: table.rows.length, object },
    };
    await atomicWrite(join(dir, 'manifests', `${manifest.id}.json`), JSON.stringify(manifest, null, 2) + '\n');
    await this.writeLatest(definition, content, hash);
    return manifest;
  }

  async ensureLatest(definition: PipelineDefinition): Promise<boolean> {
    const head = await this.head(definition);
    if (head === null) return false;
    if ((await this.currentLatestHash(definition)) === head.latest.sha256) return false;
    this.logger.warn(`latest.csv did not match snapshot ${head.id}; restored it from the snapshot`, { pipeline: definition.name });
    await this.writeLatest(definition, await this.readContent(definition, head), head.latest.sha256);
    return true;
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
    const s = await stat(path);
    const stamp: LatestStamp = { sha256: hash, size: s.size, mtimeMs: s.mtimeMs };
    await atomicWrite(join(this.dir(definition), 'latest.stamp.json'), JSON.stringify(stamp) + '\n');
  }

  /** The hash of latest.csv as it is now: from the stamp when size and mtime still match, else by reading it. */
  private async currentLatestHash(definition: PipelineDefinition): Promise<string | null> {
    const path = this.latestPath(definition);
    let s;
    try {
      s = await stat(path);
    } catch {
      return null;
    }
    try {
      const stamp = JSON.parse(await readFile(join(this.dir(definition), 'latest.stamp.json'), 'utf8')) as LatestStamp;
      if (stamp.size === s.size && stamp.mtimeMs === s.mtimeMs) return stamp.sha256;
    } catch {
      // no stamp: hash the file
    }
    return sha256(await readFile(path));
  }

  private async ids(definition: PipelineDefinition): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(join(this.dir(definition), 'manifests'));
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -5))
      .filter(isSnapshotId)
      .sort();
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
